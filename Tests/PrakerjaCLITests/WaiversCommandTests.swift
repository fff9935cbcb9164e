import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaStore
import PrakerjaTestSupport
import Testing

/// `prakerja waivers export`: the approved waivers not expired, as the file `--waivers` reads,
/// whatever their reasons hold.
@Suite struct WaiversCommandTests {
    @Test func theExportIsWhatRunsRead() async throws {
        let store = try await TestStore.sqlite.freshLocation()
        let history = try await ResultsStore.open(store)
        let until = CalendarDate(dayNumber: CalendarDate(Date()).dayNumber + 5)
        let tricky = "a reason: with \"quotes\", # no comment, a line\nbreak and ünïcode"
        let live = try await history.proposeWaiver(
            check: "payment.latency.objective", partner: "Reference payment partner", reason: tricky, expires: until, by: "mitra")
        _ = try await history.decideWaiver(live.id, approve: true, note: "ok", by: "admin")
        _ = try await history.proposeWaiver(check: "M-PR-05", partner: nil, reason: "waits", expires: until, by: "sari")
        await history.close()
        let file = FileManager.default.temporaryDirectory.appending(path: "waivers-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let exported = await CommandRun(["waivers", "export", "--output", file.path, "--store", store])
        #expect(exported.exitCode == 0, "\(exported.error)")
        let read = try Waivers.load(file.path)
        #expect(
            read.waivers == [
                Waivers.Waiver(
                    id: live.id, check: "payment.latency.objective", partner: "Reference payment partner", reason: tricky, owner: "admin",
                    expires: until.description)
            ])
    }
}

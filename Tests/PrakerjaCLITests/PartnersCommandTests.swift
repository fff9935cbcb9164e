import Foundation
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaStore
import PrakerjaTestSupport
import Testing

/// `prakerja partners register`: a partner's one base URL, fixed by the program; the run its user
/// starts in the console is done by a worker with the registered config only, and refused when
/// that config has since been changed to name another host.
@Suite struct PartnersCommandTests {
    @Test func aRegisteredPartnersRunReachesItsRegisteredHostOnly() async throws {
        let store = try await TestStore.sqlite.freshLocation()
        try await HTTPServerRunner.withRunning(ReferenceJobPortal(vacancyCount: 200).router()) { portal in
            let config = try AssessCommandTests.sampleConfig("reference-job-portal", at: portal)
            defer { try? FileManager.default.removeItem(at: config) }
            for (arguments, expected) in [
                (["--provider", "REFLP01"], "a training provider's code"), (["--daily-runs", "0"], "--daily-runs must be 1 to"),
            ] {
                let refused = await CommandRun(["partners", "register", "--config", config.path] + arguments + ["--store", store])
                #expect(refused.exitCode == 2 && refused.error.contains(expected), "\(arguments): \(refused.error)")
            }
            let registered = await CommandRun(["partners", "register", "--config", config.path, "--daily-runs", "3", "--store", store])
            #expect(registered.exitCode == 0, "\(registered.error)")
            let listed = await CommandRun(["partners", "list", "--store", store])
            #expect(listed.output.contains("Reference job portal\tjob-portal\t\(portal)\t-\t3/day"), "\(listed.output)")

            // The user's run: queued with the registered config, done by a worker.
            let history = try await ResultsStore.open(store)
            let first = try await history.startPartnerRun("Reference job portal", by: "portal-staff", id: "20261204T090000-PARTNER1")
            let worked = await CommandRun(["worker", "--sweep", first, "--store", store])
            #expect(worked.exitCode == 0, "\(worked.error)")
            let done = try #require(try await history.sweep(first))
            #expect(done.items.map(\.status) == [.done, .done], "\(done.items.map { $0.error ?? "" })")
            let runs = try await history.runs(kind: .conformance, ofPartner: "Reference job portal")
            #expect(runs.count == 1 && runs.first?.id == done.items.first?.runID)

            // The config changed since to name another host: the worker refuses it and sends nothing.
            let yaml = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: portal, with: "http://127.0.0.1:9")
            try Data(yaml.utf8).write(to: config)
            let second = try await history.startPartnerRun("Reference job portal", by: "portal-staff", id: "20261204T100000-PARTNER2")
            _ = await CommandRun(["worker", "--sweep", second, "--store", store])
            let refused = try #require(try await history.sweep(second)).items[0]
            #expect(refused.status == .failed && refused.runID == nil)
            #expect(refused.error?.contains("is not the registered \(portal)") == true, "\(refused.error ?? "")")
            #expect(try await history.runs(kind: .conformance).count == 1, "no run was recorded for it")
            await history.close()
        }
    }
}

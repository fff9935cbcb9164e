import Foundation
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// `--waivers FILE`: a live waiver turns its check's failure into a warning, an expired one no
/// longer applies, a waiver on a check that passes is stale, and a bad file is refused.
@Suite struct WaiverTests {
    static let config = Repository.root.appending(path: "Conformance/configs/reference-payment-partner.yaml").path

    static func file(_ yaml: String, in directory: URL) throws -> String {
        let path = directory.appending(path: "waivers-\(UUID().uuidString).yaml")
        try Data(yaml.utf8).write(to: path)
        return path.path
    }

    @Test func liveExpiredAndStaleWaivers() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "waivers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let waivers = try Self.file(
            """
            waivers:
              - { id: W-1, check: payment.profile.no-fee, partner: Reference payment partner, reason: Fee removal ships on 1 December.,
                  owner: kurasi@prakerja.example.id, expires: 2099-12-31 }
              - { id: W-2, check: payment.profile.kyc-verified-only, reason: Passing anyway., owner: kurasi@prakerja.example.id, expires: 2099-12-31 }
            """, in: directory)
        let expired = try Self.file(
            """
            waivers:
              - { id: W-3, check: payment.profile.no-fee, reason: Was accepted last year., owner: kurasi@prakerja.example.id, expires: 2021-12-31 }
            """, in: directory)
        try await HTTPServerRunner.withRunning(ReferencePaymentPartner(defects: [.feeDeducted]).router()) { url in
            let reports = directory.appending(path: "reports").path
            let waived = await CommandRun([
                "conformance", "run", "--config", Self.config, "--base-url", url, "--report-dir", reports,
                "--only", "payment.profile", "--format", "console,json", "--waivers", waivers,
            ])
            #expect(waived.exitCode == 0, "\(waived.output)")
            #expect(
                waived.output.contains("warn          payment.profile.no-fee"),
                "the progress line shows the waived failure as the summary does: \(waived.output)")
            #expect(
                !waived.output.contains("fail          payment.profile.no-fee"),
                "the progress line shows the waived failure as the summary does: \(waived.output)")
            #expect(waived.output.contains("applied: W-1"), "\(waived.output)")
            #expect(waived.output.contains("stale, their check did not fail: W-2"), "\(waived.output)")
            let report = try String(contentsOfFile: "\(reports)/reference-payment-partner/report.json", encoding: .utf8)
            #expect(report.contains("\"applied\" : [\n        \"W-1\""), "the report records the waivers")
            #expect(report.contains("waived by W-1 until 2099-12-31"), "the waived check names its waiver")
            let runID = try #require(waived.output.firstMatch(of: /recorded: run (\S+)/)).1
            let shown = await CommandRun(["runs", "show", String(runID)])
            #expect(
                shown.output.contains("W-1 on payment.profile.no-fee for Reference payment partner: applied"),
                "the history keeps the waivers and what they did: \(shown.output)")
            #expect(
                shown.output.contains("W-2 on payment.profile.kyc-verified-only: stale"),
                "the history keeps the waivers and what they did: \(shown.output)")
            let lapsed = await CommandRun([
                "conformance", "run", "--config", Self.config, "--base-url", url, "--report-dir", reports,
                "--only", "payment.profile", "--format", "console", "--waivers", expired,
            ])
            #expect(lapsed.exitCode == 1, "an expired waiver no longer applies")
            #expect(lapsed.output.contains("expired, no longer applying: W-3"), "\(lapsed.output)")
        }
    }

    @Test func aBadWaiverFileIsRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "waivers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let noOwner = try Self.file("waivers:\n  - { id: W-1, check: a.b, reason: r, expires: 2099-01-01 }\n", in: directory)
        let run = await CommandRun(["conformance", "run", "--config", Self.config, "--waivers", noOwner])
        #expect(run.exitCode == 2, "\(run.error)")
        #expect(run.error.contains("owner"), "\(run.error)")
        let badDate = try Self.file("waivers:\n  - { id: W-1, check: a.b, reason: r, owner: o, expires: soon }\n", in: directory)
        let date = await CommandRun(["conformance", "run", "--config", Self.config, "--waivers", badDate])
        #expect(date.exitCode == 2, "\(date.error)")
        #expect(date.error.contains("not a date"), "\(date.error)")
    }
}

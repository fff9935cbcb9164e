import Foundation
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// `prakerja conformance run` against the reference payment partner: exit codes, reports on disk,
/// `--rerun-failed`, and configuration errors.
@Suite struct ConformanceCommandTests {
    static let config = Repository.root.appending(path: "Conformance/configs/reference-payment-partner.yaml").path

    @Test func aFailingPartnerExitsOneAndRerunFailedRunsOnlyTheFailures() async throws {
        let reports = FileManager.default.temporaryDirectory.appending(path: "reports-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        try await HTTPServerRunner.withRunning(ReferencePaymentPartner(defects: [.feeDeducted]).router()) { url in
            let first = await CommandRun([
                "conformance", "run", "--config", Self.config, "--base-url", url, "--report-dir", reports,
                "--only", "payment.profile", "--format", "console,json,junit,html",
            ])
            #expect(first.exitCode == 1, "\(first.error)")
            #expect(first.output.contains("payment.profile.no-fee — fail (partner)"))
            for file in ["report.json", "last-run.json", "junit.xml", "report.html"] {
                #expect(FileManager.default.fileExists(atPath: "\(reports)/reference-payment-partner/\(file)"), "\(file)")
            }
            let rerun = await CommandRun([
                "conformance", "run", "--config", Self.config, "--base-url", url, "--report-dir", reports,
                "--rerun-failed", "--format", "console",
            ])
            #expect(rerun.exitCode == 1)
            #expect(rerun.output.contains("1 failed"), "\(rerun.output)")
            #expect(rerun.output.contains("0 passed"), "\(rerun.output)")
        }
    }

    @Test func usageAndConfigErrorsExitTwo() async {
        let missing = await CommandRun(["conformance", "run", "--config", "/nonexistent.yaml"])
        #expect(missing.exitCode == 2)
        #expect(missing.error.contains("/nonexistent.yaml"))
        let format = await CommandRun(["conformance", "run", "--config", Self.config, "--format", "pdf"])
        #expect(format.exitCode == 2)
        #expect(format.error.contains("--format pdf"))
        let only = await CommandRun(["conformance", "run", "--config", Self.config, "--only", "payment.nope", "--format", "console"])
        #expect(only.exitCode == 2)
        #expect(only.error.contains("no check matches payment.nope"))
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaHTTPServer
import PrakerjaTestSupport
import ReferenceTrainingProvider
import Testing

/// `prakerja monitor`: a sweep from approved proposal files, and the usage errors.
@Suite struct MonitorCommandTests {
    static let root = Repository.root.path

    @Test func aSweepOfApprovedFilesAgainstTheProvider() async throws {
        let now = Date()
        let provider = ReferenceTrainingProvider(now: now)
        let directory = FileManager.default.temporaryDirectory.appending(path: "monitor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let approved = directory.appending(path: "approved")
        try FileManager.default.createDirectory(at: approved, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        for detail in provider.store.catalogue.courses.prefix(5) {
            let proposal = CourseProposal(course: detail, provider: .init(code: detail.course.providerCode, name: "Reference training provider"))
            try encoder.encode(proposal).write(to: approved.appending(path: "\(detail.course.code).json"))
        }
        try await HTTPServerRunner.withRunning(provider.router()) { url in
            let config = try AssessCommandTests.sampleConfig("reference-training-provider", at: url)
            defer { try? FileManager.default.removeItem(at: config) }
            let run = await CommandRun(["monitor", "--approved", approved.path, "--provider", config.path, "--root", Self.root,
                                        "--report-dir", directory.appending(path: "reports").path, "--format", "console,json"])
            #expect(run.exitCode == 0, "\(run.error)\(run.output)")
            #expect(run.output.contains("5 courses compliant"), "\(run.output)")
            // The approved price is changed: the provider's price no longer matches.
            let first = try #require(try FileManager.default.contentsOfDirectory(atPath: approved.path).sorted().first)
            var text = try String(contentsOf: approved.appending(path: first), encoding: .utf8)
            text = text.replacing(/"price":([0-9]+)/) { "\"price\":\(Int($0.1)! + 1000)" }
            try Data(text.utf8).write(to: approved.appending(path: first))
            // The program's signatures have one-second timestamps: the same requests again in the
            // same second would be replays, which the provider rightly refuses.
            try await Task.sleep(for: .seconds(1.1))
            let drifted = await CommandRun(["monitor", "--approved", approved.path, "--provider", config.path, "--root", Self.root,
                                            "--report-dir", directory.appending(path: "reports").path, "--format", "console"])
            #expect(drifted.exitCode == 1, "\(drifted.output)")
            #expect(drifted.output.contains("M-PR-02 — fail"), "\(drifted.output)")
        }
    }

    @Test func usageErrors() async throws {
        let none = await CommandRun(["monitor", "--approved", "/tmp", "--root", Self.root])
        #expect(none.exitCode == 2 && none.error.contains("--platform or --provider"))
        let empty = FileManager.default.temporaryDirectory.appending(path: "empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let config = "\(Self.root)/Conformance/configs/reference-training-provider.yaml"
        let nothing = await CommandRun(["monitor", "--approved", empty.path, "--provider", config, "--root", Self.root])
        #expect(nothing.exitCode == 2 && nothing.error.contains("no approved proposal"))
        try Data(#"{"proposalID": 1}"#.utf8).write(to: empty.appending(path: "bad.json"))
        let invalid = await CommandRun(["monitor", "--approved", empty.path, "--provider", config, "--root", Self.root])
        #expect(invalid.exitCode == 2 && invalid.error.contains("/proposalID"), "\(invalid.error)")
    }
}

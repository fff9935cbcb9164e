import Foundation
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// The `prakerja` binary carries its contracts, requirement tables, catalogues, rule packs and
/// sample configs (`KitFiles`): a partner runs it from a folder of their own, with nothing of the
/// kit's repository there.
@Suite struct AnyDirectoryTests {
    /// A fresh empty folder, and the environment that gives the run a cache of its own.
    static func emptyFolder() throws -> (folder: URL, environment: [String: String]) {
        let folder = FileManager.default.temporaryDirectory.appending(path: "prakerja-anywhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, ["XDG_CACHE_HOME": folder.appending(path: ".cache").path, "PRAKERJA_ROOT": ""])
    }

    static func prakerja(_ arguments: [String], in folder: URL, environment: [String: String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run([HistoryCommandTests.executable.path] + arguments, in: folder, environment: environment)
    }

    @Test func requirementsAssessmentAndAConformanceRunNeedNoKitFolder() async throws {
        let (folder, environment) = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let requirements = try await Self.prakerja(
            ["conformance", "requirements", "--role", "payment-partner"], in: folder, environment: environment)
        #expect(requirements.status == 0, "\(requirements.output)")
        #expect(requirements.output.contains("each judged by a check and broken by a defect switch"))

        // A proposal of the partner's own, judged against the built-in schema, catalogue and rule pack.
        let proposal = folder.appending(path: "my-course.json")
        try FileManager.default.copyItem(at: Repository.url("Conformance/fixtures/proposals/04-too-short.json"), to: proposal)
        let assessed = try await Self.prakerja(["assess", "my-course.json", "--format", "json", "--no-store"], in: folder, environment: environment)
        #expect(assessed.status == 1, "the proposal is judged (rejected, as its file states): \(assessed.output)")
        #expect(assessed.output.contains(": reject"), "\(assessed.output)")
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "assessment-reports").path))

        // A config of the partner's own, naming no contract: the role's built-in contract is used.
        try Data("reference-partner-test-sign-key\n".utf8).write(to: folder.appending(path: "sign-key"))
        try Data(
            """
            name: My portal
            role: job-portal
            baseURL: http://127.0.0.1:1
            credentials: { clientCode: PRAKERJA-PROGRAM, signKey: { file: sign-key } }
            fixtures: { applicant: '3273010101990001' }
            """.utf8
        ).write(to: folder.appending(path: "my-portal.yaml"))
        let portal = ReferenceJobPortal(vacancyCount: 500)
        let run = try await HTTPServerRunner.withRunning(portal.router()) { url in
            try await Self.prakerja(
                [
                    "conformance", "run", "--config", "my-portal.yaml", "--base-url", url, "--only", "job-portal.search", "--format", "json",
                    "--no-store",
                ],
                in: folder, environment: environment)
        }
        #expect(run.status == 0, "\(run.output)")
        let report = try String(contentsOf: folder.appending(path: "conformance-reports/my-portal/report.json"), encoding: .utf8)
        #expect(report.contains("/prakerja/kit-"), "the contract came from the unpacked built-in files")
    }
}

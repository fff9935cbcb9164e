import Foundation
import PrakerjaCuration
import PrakerjaStore
import PrakerjaTestSupport
import Testing

/// What a queued sweep records for its workers: every file by its absolute path (a worker started
/// in another directory reads the same files), and the kit's folder only when one was named (a
/// worker reads its own otherwise). A sweep queued in a checkout once recorded `--root .`, and
/// every worker started elsewhere failed every item on `./Conformance/indicators/monitoring.yaml`.
/// Its approved courses come from `prakerja reference proposals`, the reference provider's
/// catalogue at any size.
@Suite struct SweepPlanTests {
    /// `url` as a path relative to the current directory: `../../tmp/...`.
    static func relative(_ url: URL) -> String {
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        return String(repeating: "../", count: depth) + url.standardizedFileURL.path.dropFirst()
    }

    @Test func aQueuedSweepNamesItsFilesByAbsolutePathsAndNotTheKitsFolder() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sweep-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let approved = directory.appending(path: "approved")
        let written = await CommandRun([
            "reference", "proposals", "--courses", "60", "--at", "2026-12-03T08:00:00Z", "--output", Self.relative(approved),
        ])
        #expect(written.exitCode == 0, "\(written.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: approved.path).sorted()
        #expect(files.count == 60 && files.contains("REFLP01-01S1-R2.json"), "a second round of the subjects: \(files.suffix(3))")
        let proposal = try CourseProposal.parse(try Data(contentsOf: approved.appending(path: files[0])), named: files[0])
        #expect(proposal.provider.code == "REFLP01")
        let config = directory.appending(path: "provider.yaml")
        try FileManager.default.moveItem(at: try AssessCommandTests.sampleConfig("reference-training-provider", at: "http://127.0.0.1:9"), to: config)
        let waivers = directory.appending(path: "waivers.yaml")
        try Data("waivers: []\n".utf8).write(to: waivers)
        let feeds = directory.appending(path: "feeds")
        let generated = await CommandRun([
            "reference", "feeds", "--courses", "60", "--at", "2026-12-03T08:00:00Z", "--output", Self.relative(feeds), "--answers", "3",
        ])
        #expect(generated.exitCode == 0, "\(generated.error)")
        #expect(generated.output.contains("about 60 courses written"), "\(generated.output)")

        let store = try await TestStore.sqlite.freshLocation()
        let base = [
            "sweep", "monitoring", "--approved", Self.relative(approved), "--provider", Self.relative(config), "--waivers", Self.relative(waivers),
            "--queue-only", "--store", store, "--complaints", Self.relative(feeds.appending(path: "complaints.csv")), "--enrolments",
            Self.relative(feeds.appending(path: "enrolments.csv")), "--survey", Self.relative(feeds.appending(path: "survey.csv")),
        ]
        for (extra, root) in [([String](), nil as String?), (["--root", Self.relative(Repository.root)], Repository.root.standardizedFileURL.path)] {
            let queued = await CommandRun(base + extra)
            #expect(queued.exitCode == 0, "\(queued.output)\(queued.error)")
            let id = try #require(SweepCommandTests.sweepID(queued.output), "\(queued.output)")
            let history = try await ResultsStore.open(store)
            let plan = try #require(try await history.sweep(id)).plan
            await history.close()
            func value(_ option: String) -> String? { plan.firstIndex(of: option).map { plan[$0 + 1] } }
            #expect(value("--approved") == approved.standardizedFileURL.path, "\(plan)")
            #expect(value("--provider") == config.standardizedFileURL.path, "\(plan)")
            #expect(value("--waivers") == waivers.standardizedFileURL.path, "\(plan)")
            for feed in ["complaints", "enrolments", "survey"] {
                #expect(value("--\(feed)") == feeds.appending(path: "\(feed).csv").standardizedFileURL.path, "\(plan)")
            }
            #expect(queued.output.contains("the program's feeds:"), "folded once when queued: \(queued.output)")
            #expect(value("--rule-pack") == RulePack.defaultID, "a rule pack of the kit stays a name")
            #expect(value("--root") == root, "the kit's folder only when named: \(plan)")
        }
    }

    @Test func theProposalsCommandRefusesWhatItCannotGenerate() async {
        for (arguments, problem) in [
            (["--courses", "0"], "--courses must be 1 to 100000"), (["--at", "yesterday"], "--at must be an ISO 8601 instant"),
        ] {
            let run = await CommandRun(["reference", "proposals", "--output", "/tmp/never-written"] + arguments)
            #expect(run.exitCode == 2 && run.error.contains(problem), "\(run.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written"))
    }
}

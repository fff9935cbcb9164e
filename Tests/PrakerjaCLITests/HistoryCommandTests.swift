import Foundation
import GRDB
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaStore
import PrakerjaTestSupport
import Testing

/// The results history from the command line: runs recorded, listed, shown and compared; a run
/// stopped midway resumed without duplicates; a foreign or damaged file refused untouched.
@Suite struct HistoryCommandTests {
    static let config = Repository.root.appending(path: "Conformance/configs/reference-payment-partner.yaml").path

    static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: "history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The ids `runs list` shows, newest first.
    static func runIDs(_ store: String) async throws -> [String] {
        let list = await CommandRun(["runs", "list", "--store", store, "--json"])
        #expect(list.exitCode == 0, "\(list.error)")
        return try JSONDecoder().decode([RunIDOnly].self, from: Data(list.output.utf8)).map(\.id)
    }

    struct RunIDOnly: Decodable { let id: String }

    /// Pretends the run was recorded by process `pid` of this host (1 is always alive; a pid
    /// above the kernel's limit never is).
    static func setOwner(pid: Int32, of runID: String, in path: String) async throws {
        try await DatabaseQueue(path: path).write { db in
            let owner = try String.fetchOne(db, sql: "SELECT owner FROM run WHERE id = ?", arguments: [runID]) ?? "0@localhost"
            let host = owner.split(separator: "@", maxSplits: 1).last.map(String.init) ?? "localhost"
            try db.execute(sql: "UPDATE run SET owner = ? WHERE id = ?", arguments: ["\(pid)@\(host)", runID])
        }
    }

    @Test func aPlantedDefectShowsInTheDiffAndItsRemovalAsAFix() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appending(path: "history.sqlite").path, reports = directory.appending(path: "reports").path
        func run(_ defects: Set<PaymentDefect>) async throws -> CommandRun {
            try await HTTPServerRunner.withRunning(ReferencePaymentPartner(defects: defects).router()) { url in
                await CommandRun([
                    "conformance", "run", "--config", Self.config, "--base-url", url, "--report-dir", reports,
                    "--only", "payment.profile", "--format", "json", "--store", store,
                ])
            }
        }
        let clean = try await run([])
        #expect(clean.exitCode == 0, "\(clean.output)\(clean.error)")
        #expect(clean.output.contains("recorded: run "), "\(clean.output)\(clean.error)")
        let broken = try await run([.feeDeducted])
        #expect(broken.exitCode == 1)
        let ids = try await Self.runIDs(store)
        #expect(ids.count == 2)
        let diff = await CommandRun(["runs", "diff", ids[1], ids[0], "--store", store])
        #expect(diff.exitCode == 1, "a new failure: exit 1\n\(diff.output)\(diff.error)")
        #expect(diff.output.contains("new failures (1):"), "\(diff.output)")
        #expect(diff.output.contains("payment.profile/payment.profile.no-fee: pass -> fail"), "\(diff.output)")
        let back = await CommandRun(["runs", "diff", ids[0], ids[1], "--store", store])
        #expect(back.exitCode == 0, "\(back.output)")
        #expect(back.output.contains("fixed (1):"), "\(back.output)")
        let same = await CommandRun(["runs", "diff", ids[1], ids[1], "--store", store])
        #expect(same.exitCode == 0)
        #expect(same.output.contains("no change"))

        let list = await CommandRun(["runs", "list", "--store", store])
        #expect(list.outputLines.count == 3, "\(list.output)")
        #expect(list.output.contains("Reference payment partner"), "\(list.output)")
        let show = await CommandRun(["runs", "show", String(ids[0].prefix(20)), "--store", store])
        #expect(show.exitCode == 0, "\(show.output)\(show.error)")
        #expect(show.output.contains("payment.profile.no-fee"), "\(show.output)\(show.error)")
        #expect(show.output.contains("run.finished"), "\(show.output)\(show.error)")
        let unknown = await CommandRun(["runs", "show", "19990101T000000-00000000", "--store", store])
        #expect(unknown.exitCode == 2)
        #expect(unknown.error.contains("no such run"))
        let none = await CommandRun(["runs", "list", "--store", directory.appending(path: "nothing.sqlite").path])
        #expect(none.exitCode == 2)
        #expect(none.error.contains("no results history there yet"))
    }

    @Test func aRunStoppedMidwayIsResumedWithoutDuplicates() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: "history.sqlite").path, reports = directory.appending(path: "reports").path
        try await HTTPServerRunner.withRunning(ReferencePaymentPartner().router()) { url in
            let arguments = [
                "conformance", "run", "--config", Self.config, "--base-url", url, "--report-dir", reports, "--format", "json",
                "--only", "payment.profile", "--only", "payment.security", "--store", path,
            ]
            let full = await CommandRun(arguments)
            #expect(full.exitCode == 0, "\(full.output)\(full.error)")
            // What a killed process leaves: the run begun, some results recorded, never finished.
            let store = try await ResultsStore.open(path)
            let finished = try #require(try await store.run(try await Self.runIDs(path)[0])).run
            let header = RunResult(
                runID: "20261129T000000-KILLED01", kitVersion: finished.kitVersion, startedAt: finished.startedAt,
                finishedAt: finished.startedAt, target: finished.target, contracts: finished.contracts, selection: finished.selection, suites: [])
            let journal = try await store.begin(header).journal
            let recordedBefore = Array(finished.placedResults.prefix(4))
            await journal.record(recordedBefore)
            #expect(try await store.unfinished(.conformance, subject: "Reference payment partner")?.run.runID == "20261129T000000-KILLED01")
            let listed = await CommandRun(["runs", "list", "--store", path])
            #expect(listed.output.contains("20261129T000000-KILLED01  conformance  running"), "\(listed.output)")

            let wrongSelection = await CommandRun([
                "conformance", "run", "--config", Self.config, "--base-url", url, "--report-dir", reports,
                "--only", "payment.profile", "--store", path, "--resume",
            ])
            #expect(wrongSelection.exitCode == 2, "\(wrongSelection.error)")
            #expect(wrongSelection.error.contains("same selection"), "\(wrongSelection.error)")
            // While the process that recorded it may still be running it, it is not resumed.
            try await Self.setOwner(pid: 1, of: "20261129T000000-KILLED01", in: path)
            let busy = await CommandRun(arguments + ["--resume"])
            #expect(busy.exitCode == 2, "\(busy.error)")
            #expect(busy.error.contains("still being recorded by process 1 on"), "\(busy.error)")
            try await Self.setOwner(pid: 2_147_480_000, of: "20261129T000000-KILLED01", in: path)
            let resumed = await CommandRun(arguments + ["--resume"])
            #expect(resumed.exitCode == 0, "\(resumed.output)\(resumed.error)")
            #expect(resumed.output.contains("resuming run 20261129T000000-KILLED01: 4 results were recorded before"), "\(resumed.output)")
            let done = try #require(try await store.run("20261129T000000-KILLED01"))
            #expect(done.status == .finished)
            #expect(done.run.checks.count == finished.checks.count, "every check once")
            #expect(Set(done.run.checks.map(\.check.id)).count == done.run.checks.count, "no check twice")
            for before in recordedBefore {
                let kept = try #require(done.run.checks.first { $0.check.id == before.result.check.id })
                #expect(abs(kept.startedAt.timeIntervalSince(before.result.startedAt)) < 0.01, "\(before.result.check.id) was not run again")
            }
            let again = await CommandRun(arguments + ["--resume"])
            #expect(again.exitCode == 2, "\(again.error)")
            #expect(again.error.contains("no unfinished conformance run"), "\(again.error)")
        }
    }

    /// The `prakerja` executable this test bundle was built with (its build folder's).
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "prakerja")
    }

    @Test(.timeLimit(.minutes(5)), arguments: TestStore.all) func aKilledProcessLeavesAConsistentHistoryAndResumeFinishesIt(
        _ kind: TestStore
    ) async throws {
        let binary = Self.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "swift build builds prakerja next to the tests: \(binary.path)")
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try await kind.freshLocation(), reports = directory.appending(path: "reports").path
        let arguments = [
            // console too, so that a failure of the resumed run names its check in the test's output
            "conformance", "run", "--config", Self.config, "--report-dir", reports, "--format", "console,json",
            "--skip", "payment.latency", "--skip", "payment.notification", "--store", path,
        ]
        // The partner answers (slowly) 30 requests, fewer than the run needs, and holds the next
        // until the process is dead: the kill always lands mid-run, whatever the machine's speed.
        let gate = RequestGate(closesAfter: 30)
        let partner = ReferencePaymentPartner(defects: [.slowAnswers]).router()
        let left = try await HTTPServerRunner.withRunning(gate.guarding(partner)) { url in
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments + ["--base-url", url]
            process.currentDirectoryURL = Repository.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            await gate.holding()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            gate.open()
            #expect(process.terminationReason == .uncaughtSignal, "killed, not finished")
            let watcher = try await ResultsStore.open(path)
            let left = try #require(
                try await watcher.unfinished(.conformance, subject: "Reference payment partner"), "the killed run is recorded as running")
            await watcher.close()
            return left
        }
        let store = try await ResultsStore.open(path)
        #expect(left.run.checks.count >= 3)
        if kind == .sqlite { #expect(try await TestStore.sql("PRAGMA integrity_check", at: path) == ["ok"]) }

        // Resumed against a fresh instance of the partner: the remaining checks are new requests to it.
        try await HTTPServerRunner.withRunning(ReferencePaymentPartner().router()) { url in
            let resumed = await CommandRun(arguments + ["--base-url", url, "--resume"])
            #expect([0, 1].contains(resumed.exitCode), "\(resumed.output)\(resumed.error)")
            #expect(
                resumed.output.contains("resuming run \(left.run.runID): \(left.run.checks.count) results were recorded before"), "\(resumed.output)")
        }
        let done = try #require(try await store.run(left.run.runID))
        #expect(done.status == .finished)
        let keys = done.run.placedResults.map(\.key)
        #expect(Set(keys).count == keys.count, "no result twice")
        #expect(done.run.checks.filter { $0.verdict != .skipped }.count > left.run.checks.count, "the rest ran")
        let rows = try await TestStore.sql("SELECT count(*) FROM result WHERE runID = '\(left.run.runID)'", at: path)
        #expect(rows == ["\(keys.count)"])
        await store.close()
    }

    @Test func oldRunsArePrunedFromTheCommandLine() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: "history.sqlite").path
        let store = try await ResultsStore.open(path)
        for days in [40, 10] {
            try await store.save(
                MonitoringResult.header(
                    source: "approved", courses: 0, rulePack: "2021", startedAt: Date().addingTimeInterval(-86_400 * Double(days))))
        }
        await store.close()
        let dry = await CommandRun(["runs", "prune", "--older-than", "30", "--keep-last", "0", "--dry-run", "--store", path])
        #expect(dry.exitCode == 0, "\(dry.error)")
        #expect(dry.output.contains("would remove 1 runs (0 results)"), "\(dry.output)")
        let kept = await CommandRun(["runs", "prune", "--older-than", "5", "--store", path])
        #expect(kept.output.contains("removed 1 runs") && kept.output.contains("kept older runs: 1 the last 1 of their subject"), "\(kept.output)")
        let list = await CommandRun(["runs", "list", "--store", path])
        #expect(list.outputLines.count == 2, "a header and the newest run: \(list.output)")
        let negative = await CommandRun(["runs", "prune", "--older-than", "-1", "--store", path])
        #expect(negative.exitCode == 2)
    }

    @Test func aStoreThatCannotBeReachedExitsThreeInOneLineNamingTheHost() async {
        for arguments in [
            ["runs", "list"], ["conformance", "run", "--config", Self.config, "--only", "payment.profile"],
        ] {
            let run = await CommandRun(arguments + ["--store", "postgres://curator@127.0.0.1:1/prakerja?sslmode=disable"])
            #expect(run.exitCode == 3, "\(run.output)\(run.error)")
            let lines = run.error.split(separator: "\n")
            #expect(
                lines.count == 1 && lines[0].contains("postgres://curator@127.0.0.1:1/prakerja") && lines[0].contains("connection refused"),
                "\(run.error)")
        }
    }

    @Test func aForeignOrDamagedFileIsRefusedAndLeftAsItIs() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let foreign = directory.appending(path: "foreign.sqlite")
        let create = Process()
        create.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        create.arguments = [
            "python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table invoices(id integer)'); c.commit()",
            foreign.path,
        ]
        try create.run()
        create.waitUntilExit()
        let damaged = directory.appending(path: "damaged.sqlite")
        try Data("SQLite format 3\0".utf8 + Data(repeating: 0x5A, count: 8_192)).write(to: damaged)
        let text = directory.appending(path: "notes.sqlite")
        try Data("these are meeting notes, not a database\n".utf8).write(to: text)
        for (file, expected) in [
            (foreign, "not a Prakerja results history"), (damaged, "not an SQLite database, or a damaged one"),
            (text, "not an SQLite database, or a damaged one"),
        ] {
            let before = try Data(contentsOf: file)
            let run = await CommandRun(["conformance", "run", "--config", Self.config, "--only", "payment.profile", "--store", file.path])
            #expect(run.exitCode == 2, "\(file.lastPathComponent): \(run.error)")
            #expect(run.error.contains(expected), "\(file.lastPathComponent): \(run.error)")
            #expect(run.error.contains("left as it is"), "\(file.lastPathComponent): \(run.error)")
            #expect(try Data(contentsOf: file) == before, "\(file.lastPathComponent) is not touched")
            let list = await CommandRun(["runs", "list", "--store", file.path])
            #expect(list.exitCode == 2)
        }
        let folder = await CommandRun(["runs", "list", "--store", directory.path])
        #expect(folder.exitCode == 2, "\(folder.error)")
        #expect(folder.error.contains("a folder, not a file"), "\(folder.error)")
        let both = await CommandRun(["conformance", "run", "--config", Self.config, "--store", foreign.path, "--no-store"])
        #expect(both.exitCode == 2)
        #expect(both.error.contains("not both"))
    }
}

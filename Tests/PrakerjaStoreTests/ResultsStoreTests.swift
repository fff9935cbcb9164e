import Foundation
import GRDB
import PrakerjaConformance
import Testing

@testable import PrakerjaStore

/// The results history itself: runs round-trip whole, recording twice never duplicates, a file
/// from a newer kit is refused untouched, an unfinished run is found for `--resume`.
@Suite struct ResultsStoreTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appending(path: "store-\(UUID().uuidString)/history.sqlite").path
    }

    static func sampleRun(id: String = "20261129T090000-AAAAAAAA", verdicts: [Verdict] = [.pass, .fail, .needsReview]) -> RunResult {
        let checks = verdicts.enumerated().map { index, verdict in
            CheckResult(
                check: CheckDefinition(id: "sample.group.check-\(index)", title: "Check \(index)", requirement: "rule \(index)", tags: ["t"]),
                verdict: verdict, fault: verdict == .fail ? .partner : nil, message: "why \(index)",
                evidence: Evidence(
                    exchanges: [], findings: verdict == .fail ? [Finding("wrong", location: "/field", expected: "1", actual: "2")] : []),
                startedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), milliseconds: Double(index),
                proposed: verdict == .needsReview ? .pass : nil)
        }
        return RunResult(
            runID: id, kitVersion: "test", startedAt: Date(timeIntervalSince1970: 1_790_000_000),
            finishedAt: Date(timeIntervalSince1970: 1_790_000_010),
            target: .init(name: "Sample partner", role: "payment-partner", baseURL: "http://127.0.0.1:1"),
            contracts: [.init(path: "Specs/x.yaml", sha256: String(repeating: "a", count: 64))], selection: [],
            suites: [
                SuiteResult(
                    id: "sample", title: "Sample", verdict: .fail,
                    groups: [GroupResult(id: "sample.group", title: "Group", verdict: .fail, checks: checks)])
            ])
    }

    @Test func aRunRoundTripsAndRecordingTwiceNeverDuplicates() async throws {
        let path = Self.path()
        let store = try ResultsStore.open(path)
        let run = Self.sampleRun()
        var header = run
        header.suites = []
        let journal = try await store.begin(header)
        await journal.journal.record(Array(run.placedResults.prefix(2)))
        await journal.journal.record(Array(run.placedResults.prefix(2)))
        #expect(journal.failure == nil)
        let partial = try #require(try store.unfinished(.conformance, subject: "Sample partner"))
        #expect(partial.status == .running)
        #expect(partial.run.checks.count == 2)
        #expect(partial.completed.count == 2)
        try await store.finish(run)
        #expect(try store.unfinished(.conformance, subject: "Sample partner") == nil)
        let stored = try #require(try store.run("20261129T0900"))
        #expect(stored.status == .finished)
        #expect(stored.run.checks.map(\.verdict) == [.pass, .fail, .needsReview])
        #expect(stored.run.checks[1].evidence.findings == run.checks[1].evidence.findings)
        #expect(stored.run.checks[2].proposed == .pass)
        #expect(stored.run.verdict == .fail)
        #expect(stored.run.exitCode == 1)
        let count = try await DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM result") }
        #expect(count == 3)
        let entries = try store.runs()
        #expect(entries.count == 1)
        #expect(entries[0].counts["fail"] == 1)
        #expect(entries[0].exitCode == 1)
        #expect(try store.audit(run.runID).map(\.action) == ["run.started", "run.finished"])
        // Saving a whole run is all or nothing: the same id twice is refused, nothing changes.
        await #expect(throws: StoreError.self) { try await store.save(run) }
        #expect(try store.runs().count == 1)
    }

    @Test func aFileFromANewerKitIsRefusedUntouched() throws {
        let path = Self.path()
        _ = try ResultsStore.open(path)
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 99") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect { try ResultsStore.open(path) } throws: { ($0 as? StoreError)?.reason.contains("newer version of the kit") == true }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aFileFromAnOlderKitIsMigratedWithItsRuns() async throws {
        let path = Self.path()
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        // As the first kits wrote it: the first migration, recorded in GRDB's migrator table.
        let old = try DatabaseQueue(path: path)
        try await old.write { db in
            try db.execute(sql: StoreSchema.migrations[0].sql)
            try db.execute(sql: "PRAGMA application_id = \(ResultsStore.applicationID)")
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [StoreSchema.migrations[0].name])
            try db.execute(
                sql: "INSERT INTO run (id, kind, subject, status, startedAt, header) VALUES (?, 'conformance', 'Sample partner', 'running', ?, ?)",
                arguments: ["20261128T090000-OLDOLDOL", Date(), try JSONEncoder().encode(Self.sampleRun(id: "20261128T090000-OLDOLDOL"))])
        }
        try old.close()
        let store = try ResultsStore.open(path)
        let version = try await DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        #expect(version == StoreSchema.migrations.count, "every migration applied")
        let unfinished = try #require(try store.unfinished(.conformance, subject: "Sample partner"))
        #expect(unfinished.run.runID == "20261128T090000-OLDOLDOL")
        // A run an older kit left (no owner recorded) can be resumed.
        _ = try await store.resume(unfinished)
    }

    @Test func manyOpeningAFreshFileAtOnceAllSucceed() async throws {
        for _ in 0..<20 {
            let path = Self.path()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 { group.addTask { _ = try ResultsStore.open(path) } }
                try await group.waitForAll()
            }
            #expect(try ResultsStore.open(path).runs().isEmpty)
        }
    }

    @Test func aDefaultPathFromTheEnvironment() {
        #expect(ResultsStore.defaultPath.hasSuffix("history.sqlite"))
    }
}

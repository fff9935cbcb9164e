import Foundation
import GRDB
import PrakerjaConformance
@testable import PrakerjaStore
import Testing

/// The results history itself: runs round-trip whole, recording twice never duplicates, a file
/// from a newer kit is refused untouched, an unfinished run is found for `--resume`.
@Suite struct ResultsStoreTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appending(path: "store-\(UUID().uuidString)/history.sqlite").path
    }

    static func sampleRun(id: String = "20261129T090000-AAAAAAAA", verdicts: [Verdict] = [.pass, .fail, .needsReview]) -> RunResult {
        let checks = verdicts.enumerated().map { index, verdict in
            CheckResult(check: CheckDefinition(id: "sample.group.check-\(index)", title: "Check \(index)", requirement: "rule \(index)", tags: ["t"]),
                        verdict: verdict, fault: verdict == .fail ? .partner : nil, message: "why \(index)",
                        evidence: Evidence(exchanges: [], findings: verdict == .fail ? [Finding("wrong", location: "/field", expected: "1", actual: "2")] : []),
                        startedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), milliseconds: Double(index), proposed: verdict == .needsReview ? .pass : nil)
        }
        return RunResult(runID: id, kitVersion: "test", startedAt: Date(timeIntervalSince1970: 1_790_000_000), finishedAt: Date(timeIntervalSince1970: 1_790_000_010),
                         target: .init(name: "Sample partner", role: "payment-partner", baseURL: "http://127.0.0.1:1"),
                         contracts: [.init(path: "Specs/x.yaml", sha256: String(repeating: "a", count: 64))], selection: [],
                         suites: [SuiteResult(id: "sample", title: "Sample", verdict: .fail,
                                              groups: [GroupResult(id: "sample.group", title: "Group", verdict: .fail, checks: checks)])])
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
        #expect(partial.status == .running && partial.run.checks.count == 2 && partial.completed.count == 2)
        try await store.finish(run)
        #expect(try store.unfinished(.conformance, subject: "Sample partner") == nil)
        let stored = try #require(try store.run("20261129T0900"))
        #expect(stored.status == .finished)
        #expect(stored.run.checks.map(\.verdict) == [.pass, .fail, .needsReview])
        #expect(stored.run.checks[1].evidence.findings == run.checks[1].evidence.findings)
        #expect(stored.run.checks[2].proposed == .pass && stored.run.verdict == .fail && stored.run.exitCode == 1)
        let count = try await DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM result") }
        #expect(count == 3)
        let entries = try store.runs()
        #expect(entries.count == 1 && entries[0].counts["fail"] == 1 && entries[0].exitCode == 1)
        #expect(try store.audit(run.runID).map(\.action) == ["run.started", "run.finished"])
        // Saving a whole run is all or nothing: the same id twice is refused, nothing changes.
        await #expect(throws: StoreError.self) { try await store.save(run) }
        #expect(try store.runs().count == 1)
    }

    @Test func aFileFromANewerKitIsRefusedUntouched() throws {
        let path = Self.path()
        _ = try ResultsStore.open(path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('2099-01-01 something new')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect { try ResultsStore.open(path) } throws: { ($0 as? StoreError)?.reason.contains("newer version of the kit") == true }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aFileFromAnOlderKitIsMigratedWithItsRuns() async throws {
        let path = Self.path()
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let first = try #require(StoreSchema.migrator.migrations.first)
        let old = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(old, upTo: first)
        try await old.write { db in
            try db.execute(sql: "INSERT INTO run (id, kind, subject, status, startedAt, header) VALUES (?, 'conformance', 'Sample partner', 'running', ?, ?)",
                           arguments: ["20261128T090000-OLDOLDOL", Date(), try JSONEncoder().encode(Self.sampleRun(id: "20261128T090000-OLDOLDOL"))])
        }
        try old.close()
        let store = try ResultsStore.open(path)
        let applied = try await DatabaseQueue(path: path).read { try StoreSchema.migrator.appliedIdentifiers($0) }
        #expect(applied == Set(StoreSchema.migrator.migrations), "every migration applied")
        let unfinished = try #require(try store.unfinished(.conformance, subject: "Sample partner"))
        #expect(unfinished.run.runID == "20261128T090000-OLDOLDOL")
        // A run an older kit left (no owner recorded) can be resumed.
        _ = try await store.resume(unfinished)
    }

    @Test func aDefaultPathFromTheEnvironment() {
        #expect(ResultsStore.defaultPath.hasSuffix("history.sqlite"))
    }
}

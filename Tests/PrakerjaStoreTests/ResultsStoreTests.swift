import Foundation
import GRDB
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaTestSupport
import Testing

@testable import PrakerjaStore

/// The results history itself, the same assertions against SQLite and PostgreSQL: runs
/// round-trip whole, recording twice never duplicates, a database from a newer kit, another
/// program's or a damaged one is refused untouched, an unfinished run is found for `--resume` and
/// refused while its recorder lives, reviews and waivers are kept with the audit trail.
@Suite struct ResultsStoreTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appending(path: "store-\(UUID().uuidString)/history.sqlite").path
    }

    static func sampleRun(
        id: String = "20261129T090000-AAAAAAAA", verdicts: [Verdict] = [.pass, .fail, .needsReview],
        startedAt: Date = Date(timeIntervalSince1970: 1_790_000_000), partner: String = "Sample partner"
    ) -> RunResult {
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
            runID: id, kitVersion: "test", startedAt: startedAt, finishedAt: startedAt.addingTimeInterval(10),
            target: .init(name: partner, role: "payment-partner", baseURL: "http://127.0.0.1:1"),
            contracts: [.init(path: "Specs/x.yaml", sha256: String(repeating: "a", count: 64))], selection: [],
            suites: [
                SuiteResult(
                    id: "sample", title: "Sample", verdict: .fail,
                    groups: [GroupResult(id: "sample.group", title: "Group", verdict: .fail, checks: checks)])
            ])
    }

    /// A run stopped part-way (a sweep worker that lost its item's lease) records nothing more:
    /// its checks would fail for being stopped, over the results the item's new worker records.
    @Test(arguments: TestStore.all) func aCancelledRunRecordsNothingMore(_ kind: TestStore) async throws {
        let (location, store, run, recording) = try await Self.sampleBegun(kind)
        await Task {
            withUnsafeCurrentTask { $0?.cancel() }  // stopped before it records
            await recording.journal.record(run.placedResults)
        }.value
        #expect(try await TestStore.sql("SELECT count(*) FROM result", at: location) == ["0"])
        await recording.journal.record(Array(run.placedResults.prefix(1)))
        #expect(try await TestStore.sql("SELECT count(*) FROM result", at: location) == ["1"], "a run going on records")
        await store.close()
    }

    /// A fresh history of `kind` where the sample run has begun, none of its results recorded.
    static func sampleBegun(_ kind: TestStore) async throws -> (location: String, store: ResultsStore, run: RunResult, recording: RecordingJournal) {
        let location = try await kind.freshLocation()
        let store = try await ResultsStore.open(location)
        let run = sampleRun()
        var header = run
        header.suites = []
        return (location, store, run, try await store.begin(header))
    }

    @Test(arguments: TestStore.all) func aRunRoundTripsAndRecordingTwiceNeverDuplicates(_ kind: TestStore) async throws {
        let (location, store, run, journal) = try await Self.sampleBegun(kind)
        await journal.journal.record(Array(run.placedResults.prefix(2)))
        await journal.journal.record(Array(run.placedResults.prefix(2)))
        #expect(journal.failure == nil)
        let partial = try #require(try await store.unfinished(.conformance, subject: "Sample partner"))
        #expect(partial.status == .running)
        #expect(partial.run.checks.count == 2)
        #expect(partial.completed.count == 2)
        let waiver = Waivers.Waiver(
            id: "W-1", check: "sample.group.check-1", partner: nil, reason: "known", owner: "curator@example.id", expires: "2027-01-01")
        try await store.finish(run, waivers: Waivers([waiver]))
        #expect(try await store.unfinished(.conformance, subject: "Sample partner") == nil)
        let stored = try #require(try await store.run("20261129T0900"))
        #expect(stored.status == .finished)
        #expect(stored.run.checks.map(\.verdict) == [.pass, .fail, .needsReview])
        #expect(stored.run.checks[1].evidence.findings == run.checks[1].evidence.findings)
        #expect(stored.run.checks[2].proposed == .pass)
        #expect(stored.run.checks[0].startedAt == run.checks[0].startedAt)
        #expect(stored.run.checks[1].milliseconds == 1)
        #expect(stored.run.verdict == .fail)
        #expect(stored.run.exitCode == 1)
        #expect(try await TestStore.sql("SELECT count(*) FROM result", at: location) == ["3"])
        #expect(try await TestStore.sql("SELECT count(*) FROM evidence", at: location) == ["3"])
        let entries = try await store.runs()
        #expect(entries.count == 1)
        #expect(entries[0].counts["fail"] == 1)
        #expect(entries[0].exitCode == 1)
        #expect(try await store.runs(kind: .assessment).isEmpty)
        #expect(try await store.runs(kind: .conformance, subject: "Sample partner").count == 1)
        #expect(try await store.audit(run.runID).map(\.action) == ["run.started", "run.finished"])
        #expect(try await store.waivers(run.runID).map(\.waiver) == [waiver])
        // Saving a whole run is all or nothing: the same id twice is refused, nothing changes.
        await #expect(throws: StoreError.self) { try await store.save(run) }
        #expect(try await store.runs().count == 1)
        #expect(try await TestStore.sql("SELECT count(*) FROM result", at: location) == ["3"])
        // A prefix two runs share is refused with both named; one no run has finds nothing.
        try await store.save(Self.sampleRun(id: "20261129T090000-BBBBBBBB"))
        await #expect { try await store.run("20261129T0900") } throws: { ($0 as? StoreError)?.reason.contains("more than one run") == true }
        #expect(try await store.run("19990101") == nil)
        await store.close()
    }

    @Test(arguments: TestStore.all) func aRunIsReadAGroupAtATimeInPagesThatSplitGroups(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        var run = Self.sampleRun(verdicts: [.pass, .fail, .needsReview, .pass, .error])
        // Three groups of one suite and one of another: pages of 2 results split every group.
        let checks = run.suites[0].groups[0].checks
        run.suites = [
            SuiteResult(
                id: "one", title: "One", verdict: .fail,
                groups: [
                    GroupResult(id: "a", title: "A", verdict: .fail, checks: Array(checks[0..<3])),
                    GroupResult(id: "b", title: "B", verdict: .pass, checks: [checks[3]]),
                ]),
            SuiteResult(id: "two", title: "Two", verdict: .error, groups: [GroupResult(id: "c", title: "C", verdict: .error, checks: [checks[4]])]),
        ]
        try await store.save(run)
        for pageSize in [1, 2, 3, 4_000] {
            var groups: [StoredGroup] = []
            try await store.forEachGroup(run.runID, pageSize: pageSize) { groups.append($0) }
            #expect(groups.map { "\($0.suiteID)/\($0.group.id)" } == ["one/a", "one/b", "two/c"], "pages of \(pageSize)")
            #expect(groups.map(\.positions) == [[0, 1, 2], [3], [4]], "pages of \(pageSize)")
            #expect(groups.map(\.group.verdict) == [.fail, .pass, .error], "pages of \(pageSize)")
            #expect(groups.flatMap(\.group.checks).map(\.check.id) == run.checks.map(\.check.id), "pages of \(pageSize)")
        }
        var light: [StoredGroup] = []
        try await store.forEachGroup(run.runID, exchanges: false) { light.append($0) }
        #expect(light[0].group.checks[1].evidence.findings == run.checks[1].evidence.findings, "the findings are read in a counting pass")
        await store.close()
    }

    @Test(arguments: TestStore.all) func reviewsAreImportedAllOrNothingWithTheAuditTrail(_ kind: TestStore) async throws {
        let location = try await kind.freshLocation()
        let store = try await ResultsStore.open(location)
        let run = Self.sampleRun()
        try await store.save(run)
        func row(_ result: String, verdict: String, reviewer: String) -> ReviewWorksheet.Row {
            ReviewWorksheet.Row(
                run: run.runID, result: result, indicator: "", title: "", severity: "", method: "", proposed: "", message: "", evidence: "",
                rubric: "", earlierReviews: "", verdict: verdict, reviewer: reviewer, note: "looked", reviewedAt: "")
        }
        // One bad row refuses the whole worksheet: nothing is recorded.
        await #expect(throws: ReviewImportError.self) {
            try await store.importReviews(
                ReviewWorksheet(rows: [
                    row("sample.group/sample.group.check-2", verdict: "pass", reviewer: "a"), row("nope", verdict: "pass", reviewer: "a"),
                ]),
                source: "sheet.csv", catalogues: [:])
        }
        #expect(try await store.audit(run.runID).map(\.action) == ["run.finished"])
        #expect(try await store.runEntry(run.runID)?.counts == ["pass": 1, "fail": 1, "needsReview": 1])
        let imported = try await store.importReviews(
            ReviewWorksheet(rows: [row("sample.group/sample.group.check-2", verdict: "pass", reviewer: "a")]), source: "sheet.csv", catalogues: [:])
        #expect(imported.entries.map(\.after) == [.pass])
        let stored = try #require(try await store.run(run.runID))
        #expect(stored.run.checks[2].verdict == .pass)
        #expect(stored.run.checks[2].reviews?.map(\.reviewer) == ["a"])
        #expect(try await store.runEntry(run.runID)?.counts == ["pass": 2, "fail": 1], "the kept counts follow the reviews")
        #expect(try await TestStore.sql("SELECT counts FROM run WHERE id = '\(run.runID)'", at: location).first??.contains("\"pass\":2") == true)
        #expect(try await store.audit(run.runID).map(\.action) == ["run.finished", "review", "run.resummarized"])
        // A result the machine decided is not a person's to review.
        await #expect(throws: ReviewImportError.self) {
            try await store.importReviews(
                ReviewWorksheet(rows: [row("sample.group/sample.group.check-0", verdict: "fail", reviewer: "b")]), source: "s", catalogues: [:])
        }
        await store.close()
    }

    @Test(arguments: TestStore.all) func aRunIsResumedOnlyWhenItsRecorderIsGone(_ kind: TestStore) async throws {
        let location = try await kind.freshLocation()
        let store = try await ResultsStore.open(location)
        var header = Self.sampleRun()
        header.suites = []
        _ = try await store.begin(header)
        let unfinished = try #require(try await store.unfinished(.conformance, subject: "Sample partner"))
        // Recorded by a process on another machine that recorded a result a moment ago: refused.
        _ = try await TestStore.sql(
            "UPDATE run SET owner = '4242@another-host', heartbeat = \(Self.timestamp(Date(), kind)) WHERE id = '\(header.runID)'", at: location)
        await #expect { try await store.resume(unfinished) } throws: {
            ($0 as? StoreError)?.reason.contains("still being recorded by process 4242 on another-host") == true
        }
        // Silent for longer than a recorder is allowed to be: taken for gone, and resumed.
        _ = try await TestStore.sql(
            "UPDATE run SET heartbeat = \(Self.timestamp(Date().addingTimeInterval(-600), kind)) WHERE id = '\(header.runID)'", at: location)
        _ = try await store.resume(unfinished)
        #expect(try await store.audit(header.runID).map(\.action) == ["run.started", "run.resumed"])
        await store.close()
    }

    /// A time as each database's column holds it, for SQL written by hand.
    static func timestamp(_ date: Date, _ kind: TestStore) -> String {
        switch kind {
        case .sqlite: "'\(date.databaseValue.storage.value ?? "")'"
        case .postgres: "to_timestamp(\(date.timeIntervalSince1970))"
        }
    }

    @Test(arguments: TestStore.all) func aHistoryFromANewerKitIsRefusedUntouched(_ kind: TestStore) async throws {
        let location = try await kind.freshLocation()
        await try ResultsStore.open(location).close()
        let mark = kind == .sqlite ? "PRAGMA user_version = 99" : "UPDATE prakerja_history SET version = 99"
        _ = try await TestStore.sql(mark, at: location)
        let before = try await Self.contents(location)
        await #expect { try await ResultsStore.open(location) } throws: { ($0 as? StoreError)?.reason.contains("newer version of the kit") == true }
        #expect(try await Self.contents(location) == before)
    }

    @Test(arguments: TestStore.all) func anotherProgramsDatabaseIsRefusedUntouched(_ kind: TestStore) async throws {
        let location = try await kind.freshLocation()
        if kind == .sqlite {
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: location).deletingLastPathComponent().path, withIntermediateDirectories: true)
        }
        _ = try await TestStore.sql("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)", at: location)
        let before = try await Self.contents(location)
        await #expect { try await ResultsStore.open(location) } throws: {
            let error = $0 as? StoreError
            return error?.reason.contains("not a Prakerja results history (its tables: customers)") == true && error?.unreachable == false
        }
        #expect(try await Self.contents(location) == before)
    }

    @Test(arguments: TestStore.all) func aDamagedHistoryIsRefusedUntouched(_ kind: TestStore) async throws {
        let location = try await kind.freshLocation()
        await try ResultsStore.open(location).close()
        if kind == .sqlite {
            // The file cut short: its pages are gone.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: location))
            try handle.truncate(atOffset: 1000)
            try handle.close()
        } else {
            _ = try await TestStore.sql("DROP TABLE audit", at: location)
        }
        let before = try await Self.contents(location)
        await #expect { try await ResultsStore.open(location) } throws: {
            let reason = ($0 as? StoreError)?.reason ?? ""
            return reason.contains("damaged") && reason.contains("left as it is")
        }
        #expect(try await Self.contents(location) == before)
    }

    /// What a refusal must leave as it was: the file's bytes, or the database's tables and marker.
    static func contents(_ location: String) async throws -> [String?] {
        if location.hasPrefix("postgres://") {
            return try await TestStore.sql(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1", at: location)
                + (try await TestStore.sql(
                    "SELECT CASE WHEN to_regclass('prakerja_history') IS NULL THEN 'none' ELSE 'marker' END", at: location))
        }
        return [try Data(contentsOf: URL(fileURLWithPath: location)).base64EncodedString()]
    }

    @Test func aFileFromAnOlderKitIsMigratedWithItsRuns() async throws {
        let path = Self.path()
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        // As the first kits wrote it: the first migration, recorded in GRDB's migrator table.
        let old = try DatabaseQueue(path: path)
        try await old.write { db in
            try db.execute(sql: StoreSchema.migrations[0].statements(.sqlite).joined(separator: ";\n"))
            try db.execute(sql: "PRAGMA application_id = \(SQLiteDatabase.applicationID)")
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [StoreSchema.migrations[0].name])
            try db.execute(
                sql: "INSERT INTO run (id, kind, subject, status, startedAt, header) VALUES (?, 'conformance', 'Sample partner', 'running', ?, ?)",
                arguments: ["20261128T090000-OLDOLDOL", Date(), try JSONEncoder().encode(Self.sampleRun(id: "20261128T090000-OLDOLDOL"))])
        }
        try old.close()
        let store = try await ResultsStore.open(path)
        let version = try await DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        #expect(version == StoreSchema.migrations.count, "every migration applied")
        let unfinished = try #require(try await store.unfinished(.conformance, subject: "Sample partner"))
        #expect(unfinished.run.runID == "20261128T090000-OLDOLDOL")
        // A run an older kit left (no owner recorded) can be resumed.
        _ = try await store.resume(unfinished)
    }

    @Test(arguments: TestStore.all) func manyOpeningAFreshHistoryAtOnceAllSucceed(_ kind: TestStore) async throws {
        for _ in 0..<(kind == .sqlite ? 20 : 4) {
            let location = try await kind.freshLocation()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 { group.addTask { await try ResultsStore.open(location).close() } }
                try await group.waitForAll()
            }
            let store = try await ResultsStore.open(location)
            #expect(try await store.runs().isEmpty)
            await store.close()
            if kind == .postgres {
                #expect(try await TestStore.sql("SELECT version FROM prakerja_history", at: location) == ["\(StoreSchema.migrations.count)"])
            }
        }
    }

    /// Opening reads the file as it connects: a new file held by another writer for longer than
    /// one statement waits (the CI failure of stop 37: eight openers, one switching it to WAL).
    /// The writer lets go once the opener has been told the file is busy.
    @Test func aNewFileHeldByAnotherWriterIsOpenedWhenItIsReleased() async throws {
        let path = Self.path()
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: path, configuration: unsafe)
        try await holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let (busy, signal) = AsyncStream.makeStream(of: Void.self)
        let opening = Task {
            defer { signal.finish() }  // (so that an opener that gives up does not leave the test waiting)
            return try await SQLiteDatabase.open(path, onBusy: { signal.yield() })
        }
        for await _ in busy { break }
        try await holder.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        await try opening.value.close()
        let store = try await ResultsStore.open(path)
        #expect(try await store.runs().isEmpty)
        await store.close()
    }

    @Test func aDefaultLocationFromTheEnvironment() {
        #expect(ResultsStore.defaultLocation.hasSuffix("history.sqlite"))
    }
}

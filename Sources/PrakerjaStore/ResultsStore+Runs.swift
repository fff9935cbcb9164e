import Foundation
import GRDB
import PrakerjaConformance
import PrakerjaCuration
import Synchronization

extension ResultsStore {
    /// Records a new run's header (before its first result) and returns the journal its results
    /// go to as they finish.
    public func begin(_ header: RunResult) async throws(StoreError) -> RecordingJournal {
        try await write { db in
            try Self.insertHeader(header, db)
            try Self.audit(db, actor: "kit", action: "run.started", runID: header.runID, detail: "\(header.kind.rawValue) of \(header.subject)")
        }
        return RecordingJournal(store: self, runID: header.runID, startedAt: header.startedAt, completed: [:])
    }

    /// A journal continuing a run left `running`: its recorded results are kept and not run again.
    /// Refused while the process that recorded it may still be running it.
    public func resume(_ stored: StoredRun) async throws(StoreError) -> RecordingJournal {
        let completed = stored.completed, path = path
        try await write { db in
            let row = try Row.fetchOne(db, sql: "SELECT owner, heartbeat FROM run WHERE id = ?", arguments: [stored.run.runID])
            if let owner = RunOwner(row?["owner"]), owner.mayBeAlive(lastHeartbeat: row?["heartbeat"]) {
                let last = (row?["heartbeat"] as Date?).map { " (its last result at \($0))" } ?? ""
                throw StoreError(
                    path: path,
                    reason: "the run \(stored.run.runID) is still being recorded by process \(owner.pid) on \(owner.host)\(last): "
                        + "let it finish, or stop it, before resuming")
            }
            try db.execute(sql: "UPDATE run SET owner = ?, heartbeat = ? WHERE id = ?", arguments: [RunOwner.current.text, Date(), stored.run.runID])
            try Self.audit(
                db, actor: "kit", action: "run.resumed", runID: stored.run.runID,
                detail: "\(completed.count) results were recorded before; now recorded by \(RunOwner.current.text)")
        }
        return RecordingJournal(store: self, runID: stored.run.runID, startedAt: stored.run.startedAt, completed: completed)
    }

    /// Records a run as finished, in one transaction: every result as it finally stands (waivers
    /// applied), the header with its summaries, the waivers it was judged with.
    public func finish(_ run: RunResult, waivers: Waivers? = nil) async throws(StoreError) {
        try await write { db in try Self.finish(run, waivers: waivers, db) }
    }

    /// Records a whole run at once (an assessment): nothing of it is stored if any of it fails.
    public func save(_ run: RunResult, waivers: Waivers? = nil) async throws(StoreError) {
        try await write { db in
            try Self.insertHeader(run, db)
            try Self.finish(run, waivers: waivers, db)
        }
    }

    /// The run with this id, or the only run whose id starts with it; nil when none does.
    public func run(_ id: String) throws(StoreError) -> StoredRun? {
        try read { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM run WHERE id = ? OR id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 3",
                arguments: [id, Self.likePrefix(id)])
            let exact = ids.first { $0 == id }
            guard let chosen = exact ?? (ids.count == 1 ? ids[0] : nil) else {
                if ids.count > 1 {
                    throw StoreError(
                        path: path,
                        reason: "\(id) is the start of more than one run's id (\(ids.prefix(2).joined(separator: ", ")), ...); give more of it")
                }
                return nil
            }
            return try Self.load(chosen, db)
        }
    }

    /// The latest run of `kind` and `subject` left running, if any: what `--resume` continues.
    public func unfinished(_ kind: RunResult.Kind, subject: String) throws(StoreError) -> StoredRun? {
        try read { db in
            guard
                let id = try String.fetchOne(
                    db, sql: "SELECT id FROM run WHERE kind = ? AND subject = ? AND status = 'running' ORDER BY startedAt DESC LIMIT 1",
                    arguments: [kind.rawValue, subject])
            else { return nil }
            return try Self.load(id, db)
        }
    }

    /// Runs, newest first, optionally of one kind and subject.
    public func runs(kind: RunResult.Kind? = nil, subject: String? = nil, limit: Int = 20) throws(StoreError) -> [RunEntry] {
        try read { db in
            var conditions: [String] = [], arguments: StatementArguments = []
            if let kind {
                conditions.append("kind = ?")
                arguments += [kind.rawValue]
            }
            if let subject {
                conditions.append("subject = ?")
                arguments += [subject]
            }
            arguments += [limit]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, kind, subject, status, startedAt, finishedAt, exitCode, header FROM run
                    \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                    ORDER BY startedAt DESC, id DESC LIMIT ?
                    """, arguments: arguments)
            return try rows.map { row in
                let id: String = row["id"]
                let counts = try Row.fetchAll(db, sql: "SELECT verdict, count(*) AS n FROM result WHERE runID = ? GROUP BY verdict", arguments: [id])
                let header = try Self.decoder.decode(RunResult.self, from: row["header"] as Data)
                return RunEntry(
                    id: id, kind: RunResult.Kind(rawValue: row["kind"]) ?? .conformance, subject: row["subject"],
                    status: RunStatus(rawValue: row["status"]) ?? .running, startedAt: row["startedAt"], finishedAt: row["finishedAt"],
                    exitCode: row["exitCode"], counts: Dictionary(uniqueKeysWithValues: counts.map { ($0["verdict"], $0["n"]) }),
                    outcome: header.outcome)
            }
        }
    }

    /// The waivers a run was judged with, and what each did (applied, expired, stale, unused).
    public func waivers(_ runID: String) throws(StoreError) -> [(waiver: Waivers.Waiver, outcome: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM waiver WHERE runID = ? ORDER BY waiverID", arguments: [runID]).map {
                (
                    Waivers.Waiver(
                        id: $0["waiverID"], check: $0["checkID"], partner: $0["partner"], reason: $0["reason"], owner: $0["owner"],
                        expires: $0["expires"]), $0["outcome"]
                )
            }
        }
    }

    /// The audit trail of a run, oldest first.
    public func audit(_ runID: String) throws(StoreError) -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, actor, action, resultKey, detail FROM audit WHERE runID = ? ORDER BY id", arguments: [runID]).map {
                AuditEntry(at: $0["at"], actor: $0["actor"], action: $0["action"], result: $0["resultKey"], detail: $0["detail"])
            }
        }
    }

    // MARK: - Writing

    static func insertHeader(_ header: RunResult, _ db: Database) throws {
        var bare = header
        bare.suites = []
        try db.execute(
            sql: "INSERT INTO run (id, kind, subject, status, startedAt, header, owner, heartbeat) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)",
            arguments: [
                header.runID, header.kind.rawValue, header.subject, header.startedAt, try encoder.encode(bare),
                RunOwner.current.text, Date(),
            ])
    }

    static func finish(_ run: RunResult, waivers: Waivers?, _ db: Database) throws {
        var bare = run
        bare.suites = []
        try db.execute(
            sql: "UPDATE run SET status = 'finished', finishedAt = ?, exitCode = ?, header = ? WHERE id = ?",
            arguments: [run.finishedAt, run.exitCode, try encoder.encode(bare), run.runID])
        guard db.changesCount == 1 else { throw StoreError(path: "", reason: "the run \(run.runID) was never begun in this history") }
        // Only what the journal does not hold as it now stands is written: results it never got,
        // and those a waiver changed. Both sides are in position order, so they are compared as
        // they stream (a sweep's tens of thousands of results are never all held twice).
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT position, groupID, checkID, groupTitle, verdict, proposed, fault, message FROM result WHERE runID = ? ORDER BY position
                """, arguments: [run.runID])
        var next = try rows.next()
        var changed: [PlacedResult] = []
        try run.forEachPlacedResult { placed in
            while let row = next, (row["position"] as Int) < placed.position { next = try rows.next() }
            let result = placed.result
            guard let row = next, row["position"] == placed.position, row["groupID"] == placed.groupID, row["checkID"] == result.check.id,
                row["groupTitle"] == placed.groupTitle, row["verdict"] == result.verdict.rawValue, row["proposed"] == result.proposed?.rawValue,
                row["fault"] == result.fault?.rawValue, row["message"] == result.message
            else {
                changed.append(placed)
                return
            }
        }
        try record(changed, runID: run.runID, db)
        for waiver in waivers?.waivers ?? [] {
            let outcome =
                run.waivers.map { outcome in
                    outcome.applied.contains(waiver.id)
                        ? "applied" : outcome.expired.contains(waiver.id) ? "expired" : outcome.stale.contains(waiver.id) ? "stale" : "unused"
                } ?? "unused"
            try db.execute(
                sql:
                    "INSERT OR REPLACE INTO waiver (runID, waiverID, checkID, partner, reason, owner, expires, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [run.runID, waiver.id, waiver.check, waiver.partner, waiver.reason, waiver.owner, waiver.expires, outcome])
        }
        try audit(
            db, actor: "kit", action: "run.finished", runID: run.runID,
            detail: "\(run.checks.count) results, exit code \(run.exitCode)\(run.outcome.map { ", \($0)" } ?? "")")
    }

    /// Inserts results, or replaces them when the run already holds them (so recording twice
    /// never duplicates); reviews stay attached.
    static func record(_ results: [PlacedResult], runID: String, _ db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO result (runID, position, suiteID, suiteTitle, groupID, groupTitle, checkID, definition, verdict, proposed, fault,
                                    message, startedAt, milliseconds, reviewable)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (runID, groupID, checkID) DO UPDATE SET position = excluded.position, suiteTitle = excluded.suiteTitle,
                    groupTitle = excluded.groupTitle, definition = excluded.definition, verdict = excluded.verdict, proposed = excluded.proposed,
                    fault = excluded.fault, message = excluded.message, startedAt = excluded.startedAt, milliseconds = excluded.milliseconds,
                    reviewable = excluded.reviewable
                RETURNING id
                """)
        let evidence = try db.cachedStatement(sql: "INSERT OR REPLACE INTO evidence (resultID, exchanges, findings) VALUES (?, ?, ?)")
        for placed in results {
            let result = placed.result
            let id = try Int64.fetchOne(
                upsert,
                arguments: [
                    runID, placed.position, placed.suiteID, placed.suiteTitle, placed.groupID, placed.groupTitle, result.check.id,
                    try encoder.encode(result.check), result.verdict.rawValue, result.proposed?.rawValue, result.fault?.rawValue,
                    result.message, result.startedAt, result.milliseconds, result.verdict == .needsReview,
                ])
            try evidence.execute(arguments: [id, try encoder.encode(result.evidence.exchanges), try encoder.encode(result.evidence.findings)])
        }
    }

    static func audit(_ db: Database, actor: String, action: String, runID: String, result: String? = nil, detail: String) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, actor, action, runID, resultKey, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [Date(), actor, action, runID, result, detail])
    }

    // MARK: - Reading

    /// The run `id` rebuilt from its header and its results in order.
    static func load(_ id: String, _ db: Database) throws -> StoredRun? {
        guard let row = try Row.fetchOne(db, sql: "SELECT status, header FROM run WHERE id = ?", arguments: [id]) else { return nil }
        var run = try decoder.decode(RunResult.self, from: row["header"] as Data)
        var reviews: [Int64: [Review]] = [:]
        for review in try Row.fetchAll(
            db,
            sql: """
                SELECT review.resultID, reviewer, review.verdict, note, reviewedAt FROM review JOIN result ON result.id = review.resultID
                WHERE result.runID = ? ORDER BY review.id
                """, arguments: [id])
        {
            reviews[review["resultID"], default: []].append(
                Review(
                    reviewer: review["reviewer"], verdict: Verdict(rawValue: review["verdict"]) ?? .needsReview,
                    note: review["note"], reviewedAt: review["reviewedAt"]))
        }
        var suites: [SuiteResult] = []
        for result in try Row.fetchAll(
            db,
            sql: """
                SELECT result.*, evidence.exchanges, evidence.findings FROM result LEFT JOIN evidence ON evidence.resultID = result.id
                WHERE runID = ? ORDER BY position
                """, arguments: [id])
        {
            let check = CheckResult(
                check: try decoder.decode(CheckDefinition.self, from: result["definition"] as Data),
                verdict: Verdict(rawValue: result["verdict"]) ?? .error, fault: (result["fault"] as String?).flatMap(Fault.init(rawValue:)),
                message: result["message"],
                evidence: Evidence(
                    exchanges: try (result["exchanges"] as Data?).map { try decoder.decode([HTTPExchange].self, from: $0) } ?? [],
                    findings: try (result["findings"] as Data?).map { try decoder.decode([Finding].self, from: $0) } ?? []),
                startedAt: result["startedAt"], milliseconds: result["milliseconds"],
                proposed: (result["proposed"] as String?).flatMap(Verdict.init(rawValue:)), reviews: reviews[result["id"]])
            let suiteID: String = result["suiteID"], groupID: String = result["groupID"]
            if suites.last?.id != suiteID { suites.append(SuiteResult(id: suiteID, title: result["suiteTitle"], verdict: .skipped, groups: [])) }
            if suites[suites.count - 1].groups.last?.id != groupID {
                suites[suites.count - 1].groups.append(GroupResult(id: groupID, title: result["groupTitle"], verdict: .skipped, checks: []))
            }
            suites[suites.count - 1].groups[suites[suites.count - 1].groups.count - 1].checks.append(check)
        }
        run.suites = suites.map { suite in
            var suite = suite
            suite.groups = suite.groups.map { group in
                var group = group
                group.verdict = Verdict.rollUp(group.checks.map(\.verdict))
                return group
            }
            suite.verdict = Verdict.rollUp(suite.groups.map(\.verdict))
            return suite
        }
        return StoredRun(run: run, status: RunStatus(rawValue: row["status"]) ?? .running)
    }

    // MARK: - Plumbing

    static let encoder = JSONEncoder()
    static let decoder = JSONDecoder()

    static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// Runs `body` in an IMMEDIATE transaction: it takes the write lock first (waiting for other
    /// writers), so a read inside it is never made stale by another process's write.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await transaction(body) } catch let error as StoreError {
            throw StoreError(path: path, reason: error.reason)
        } catch {
            throw StoreError(path: path, error)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try queue.read(body) } catch let error as StoreError {
            throw StoreError(path: path, reason: error.reason)
        } catch {
            throw StoreError(path: path, error)
        }
    }
}

/// A run's journal backed by the history: each result batch is one transaction. A write that
/// fails is remembered (`failure`), not thrown into the run: `finish` writes every result again.
public final class RecordingJournal: Sendable {
    public let journal: RunJournal
    private let firstFailure: FailureBox

    private final class FailureBox: Sendable {
        let value = Mutex<StoreError?>(nil)
    }

    init(store: ResultsStore, runID: String, startedAt: Date, completed: [String: CheckResult]) {
        let failure = FailureBox()
        firstFailure = failure
        journal = RunJournal(runID: runID, startedAt: startedAt, completed: completed) { results in
            do {
                try await store.write { db in
                    try ResultsStore.record(results, runID: runID, db)
                    try db.execute(sql: "UPDATE run SET heartbeat = ? WHERE id = ?", arguments: [Date(), runID])
                }
            } catch {
                let error = error as? StoreError ?? StoreError(path: store.path, error)
                failure.value.withLock { if $0 == nil { $0 = error } }
            }
        }
    }

    /// Why a result could not be recorded as it came, if one could not.
    public var failure: StoreError? { firstFailure.value.withLock { $0 } }
}

/// One change in the history, for whoever audits it: when, by whom, what.
public struct AuditEntry: Sendable, Codable {
    public let at: Date
    public let actor: String
    public let action: String
    public let result: String?
    public let detail: String
}

extension RunResult {
    /// One phrase of how an indicator run came out: the decision, or the course statuses.
    public var outcome: String? {
        if let assessment { return assessment.decision.rawValue + (assessment.provisional ? " (provisional)" : "") }
        if let monitoring {
            return CourseStatus.allCases.compactMap { status in
                let count = monitoring.courses.filter { $0.status == status }.count
                return count > 0 ? "\(count) \(status.rawValue)" : nil
            }.joined(separator: ", ")
        }
        return nil
    }
}

extension ResultsStore {
    /// What a new assessment compares with: every finished assessment and monitoring sweep, in
    /// the order they ran, and each provider's assessments on its own with their reviews.
    public func assessmentHistory() throws(StoreError) -> AssessmentHistory {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, header FROM run WHERE kind IN ('assessment', 'monitoring') AND status = 'finished'
                    ORDER BY startedAt, id
                    """)
            var assessments: [AssessmentSummary] = [], sweeps: [MonitoringSummary] = [], providers: [String] = []
            for row in rows {
                let header = try Self.decoder.decode(RunResult.self, from: row["header"] as Data)
                if header.assessment?.provider != nil {
                    providers.append(row["id"])
                } else if let assessment = header.assessment {
                    assessments.append(assessment)
                } else if let monitoring = header.monitoring {
                    sweeps.append(monitoring)
                }
            }
            let runs = try providers.compactMap { try Self.load($0, db)?.run }
            return AssessmentHistory(source: path, assessments: assessments, sweeps: sweeps, providers: runs)
        }
    }
}

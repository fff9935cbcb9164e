import Foundation
import PrakerjaConformance
import PrakerjaCuration
import Synchronization

extension ResultsStore {
    /// Records a new run's header (before its first result) and returns the journal its results
    /// go to as they finish.
    public func begin(_ header: RunResult) async throws(StoreError) -> RecordingJournal {
        try await write { db in
            try await Self.insertHeader(header, db)
            try await Self.audit(db, actor: "kit", action: "run.started", runID: header.runID, detail: "\(header.kind.rawValue) of \(header.subject)")
        }
        return RecordingJournal(store: self, runID: header.runID, startedAt: header.startedAt, completed: [:])
    }

    /// A journal continuing a run left `running`: its recorded results are kept and not run again.
    /// Refused while the process that recorded it may still be running it, unless `takingOver`
    /// (a sweep worker whose lease on the item says the last one is gone).
    public func resume(_ stored: StoredRun, takingOver: Bool = false) async throws(StoreError) -> RecordingJournal {
        let completed = stored.completed, runID = stored.run.runID, location = location
        try await write { db in
            let row = try await db.row("SELECT owner, heartbeat FROM run WHERE id = \(runID)\(keyword: db.dialect.forUpdate)")
            let heartbeat = try row?["heartbeat"] as Date?
            if !takingOver, let owner = RunOwner(try row?["owner"] as String?), owner.mayBeAlive(lastHeartbeat: heartbeat) {
                let last = heartbeat.map { " (its last result at \($0))" } ?? ""
                throw StoreError(
                    location: location,
                    reason: "the run \(runID) is still being recorded by process \(owner.pid) on \(owner.host)\(last): "
                        + "let it finish, or stop it, before resuming")
            }
            try await db.execute("UPDATE run SET owner = \(RunOwner.current.text), heartbeat = \(Date()) WHERE id = \(runID)")
            try await Self.audit(
                db, actor: "kit", action: "run.resumed", runID: stored.run.runID,
                detail: "\(completed.count) results were recorded before; now recorded by \(RunOwner.current.text)")
        }
        return RecordingJournal(store: self, runID: stored.run.runID, startedAt: stored.run.startedAt, completed: completed)
    }

    /// Records a run as finished, in one transaction: every result as it finally stands (waivers
    /// applied), the header with its summaries, the waivers it was judged with.
    public func finish(_ run: RunResult, waivers: Waivers? = nil) async throws(StoreError) {
        try await write { db in try await Self.finish(run, waivers: waivers, db) }
    }

    /// Every result of the run `runID` in position order, a group at a time, with its evidence
    /// (without the HTTP exchanges when `exchanges` is false: a pass that only counts). For a
    /// run too large to hold: `body` sees each group as it is read, and no more than one group
    /// is held at a time. The results are read a page at a time, each page in its own short
    /// transaction: a pass over 800,000 results never holds the history (in SQLite, one writer
    /// at a time: the worker's own lease renewals wait for it) for minutes.
    public func forEachGroup(
        _ runID: String, exchanges: Bool = true, pageSize: Int = 4_000, _ body: (StoredGroup) throws -> Void
    ) async throws(StoreError) {
        var assembler = GroupAssembler()
        var after = -1, count = pageSize
        while count == pageSize {
            count = 0
            try await read { db in
                try await db.forEach(Self.resultsSQL(runID, exchanges: exchanges, db, after: after, limit: pageSize)) { row in
                    try assembler.add(row, reviews: nil, body)
                    after = try row["position"]
                    count += 1
                }
            }
        }
        do { try assembler.finish(body) } catch { throw StoreError(location: location, error) }
    }

    /// Records as finished a run whose results are all recorded already (a sweep's, written by
    /// its workers), in one transaction: the header (`outline`'s, with its summaries), the results
    /// the waivers changed (`waived`: their positions and results as they now stand; their
    /// evidence is kept), the waivers it was judged with. A run too large to hold is finished so.
    public func finish(
        _ outline: RunOutline, waived: [(position: Int, result: CheckResult)], waivers: Waivers? = nil
    ) async throws(StoreError) {
        try await write { db in
            try await Self.finishHeader(outline.header, exitCode: outline.exitCode, results: outline.counts.total, waivers: waivers, db)
            for (position, result) in waived {
                try await db.execute(
                    """
                    UPDATE result SET verdict = \(result.verdict.rawValue), proposed = \(result.proposed?.rawValue), fault = \(result.fault?.rawValue),
                        message = \(result.message), reviewable = \(result.verdict == .needsReview)
                    WHERE runID = \(outline.header.runID) AND position = \(position)
                    """)
            }
            try await Self.keepListing(outline.header, db)
        }
    }

    /// Records a whole run at once (an assessment): nothing of it is stored if any of it fails.
    public func save(_ run: RunResult, waivers: Waivers? = nil) async throws(StoreError) {
        try await write { db in
            try await Self.insertHeader(run, db)
            try await Self.finish(run, waivers: waivers, db)
        }
    }

    /// The run with this id, or the only run whose id starts with it; nil when none does.
    public func run(_ id: String) async throws(StoreError) -> StoredRun? {
        let location = location
        return try await read { db in
            let ids = try await db.rows("SELECT id FROM run WHERE id = \(id) OR id LIKE \(Self.likePrefix(id)) ESCAPE '\\' ORDER BY id LIMIT 3")
                .map { try $0["id"] as String }
            let exact = ids.first { $0 == id }
            guard let chosen = exact ?? (ids.count == 1 ? ids[0] : nil) else {
                if ids.count > 1 {
                    throw StoreError(
                        location: location,
                        reason: "\(id) is the start of more than one run's id (\(ids.prefix(2).joined(separator: ", ")), ...); give more of it")
                }
                return nil
            }
            return try await Self.load(chosen, db)
        }
    }

    /// The header of the run `id` (its summaries, none of its results) and whether it finished;
    /// nil when the history has no such run.
    public func header(_ id: String) async throws(StoreError) -> (run: RunResult, status: RunStatus)? {
        try await read { db in
            guard let row = try await db.row("SELECT status, header FROM run WHERE id = \(id)") else { return nil }
            return (try await Self.decodeHeader(try row["header"], db), RunStatus(rawValue: try row["status"]) ?? .running)
        }
    }

    /// The latest run of `kind` and `subject` left running, if any: what `--resume` continues.
    public func unfinished(_ kind: RunResult.Kind, subject: String) async throws(StoreError) -> StoredRun? {
        try await read { db in
            guard
                let row = try await db.row(
                    "SELECT id FROM run WHERE kind = \(kind.rawValue) AND subject = \(subject) AND status = 'running' ORDER BY startedAt DESC LIMIT 1"
                )
            else { return nil }
            return try await Self.load(try row["id"], db)
        }
    }

    /// Runs, newest first, optionally of one kind and subject, and only those listed after the
    /// run `after` (the last of the page before: a page of the list).
    public func runs(
        kind: RunResult.Kind? = nil, subject: String? = nil, ofPartner partner: String? = nil, after: RunEntry? = nil, limit: Int = 20
    ) async throws(StoreError) -> [RunEntry] {
        try await read { db in
            var conditions: [StoreSQL] = []
            if let kind { conditions.append("kind = \(kind.rawValue)") }
            if let subject { conditions.append("subject = \(subject)") }
            if let partner { conditions.append(Self.ofPartner(partner)) }
            if let after { conditions.append("(startedAt < \(after.startedAt) OR (startedAt = \(after.startedAt) AND id < \(after.id)))") }
            let filter: StoreSQL = conditions.isEmpty ? "" : "WHERE \(StoreSQL.joined(conditions, separator: " AND "))"
            return try await Self.entries(filter, limit: limit, db)
        }
    }

    /// The line of `runs list` for the run `id`, or nil (also when `partner` is given and the
    /// run is not that partner's: `ofPartner`).
    public func runEntry(_ id: String, ofPartner partner: String? = nil) async throws(StoreError) -> RunEntry? {
        let only: StoreSQL = partner.map { "AND \(Self.ofPartner($0))" } ?? ""
        return try await read { db in try await Self.entries("WHERE id = \(id) \(only)", limit: 1, db).first }
    }

    static func entries(_ filter: StoreSQL, limit: Int, _ db: StoreConnection) async throws -> [RunEntry] {
        var entries: [RunEntry] = []
        // A finished run's header (a 20,000-course sweep's holds every course's status) is read
        // only when its counts and outcome were not kept (a run still going, an older history).
        for row in try await db.rows(
            """
            SELECT id, kind, subject, status, startedAt, finishedAt, exitCode, counts, outcome, CASE WHEN counts IS NULL THEN header END AS header
            FROM run \(filter) ORDER BY startedAt DESC, id DESC LIMIT \(limit)
            """
        ) {
            let id: String = try row["id"]
            let counts: [String: Int], outcome: String?
            if let kept = try row["counts"] as String? {
                counts = try decoder.decode([String: Int].self, from: Data(kept.utf8))
                outcome = try row["outcome"]
            } else {
                counts = try await Self.counts(id, db)
                outcome = try await Self.decodeHeader(try row["header"], db).outcome
            }
            entries.append(
                RunEntry(
                    id: id, kind: RunResult.Kind(rawValue: try row["kind"]) ?? .conformance, subject: try row["subject"],
                    status: RunStatus(rawValue: try row["status"]) ?? .running, startedAt: try row["startedAt"],
                    finishedAt: try row["finishedAt"], exitCode: try row["exitCode"], counts: counts, outcome: outcome))
        }
        return entries
    }

    /// The run `runID`'s results by verdict, counted.
    static func counts(_ runID: String, _ db: StoreConnection) async throws -> [String: Int] {
        Dictionary(
            uniqueKeysWithValues: try await db.rows("SELECT verdict, count(*) AS n FROM result WHERE runID = \(runID) GROUP BY verdict").map {
                (try $0["verdict"] as String, try $0["n"] as Int)
            })
    }

    /// Keeps what lists show of the finished run `run`: its counts by verdict and its outcome (a
    /// 20,000-course sweep has 800,000 results and 20,000 courses: lists and dashboards read
    /// neither). Called when a run finishes and when reviews change its results.
    /// `changed`: the verdicts reviews changed (before, after), when the run's kept counts are
    /// to be moved by them rather than counted again (a sweep's 800,000 results).
    /// `header`: the run's header (`storedHeader`) written in the same statement, with its exit code.
    static func keepListing(_ run: RunResult, _ db: StoreConnection, changed: [(Verdict, Verdict)]? = nil, header: Data? = nil) async throws {
        var counted: [String: Int]
        if let changed, let kept = try await db.row("SELECT counts FROM run WHERE id = \(run.runID)").flatMap({ try $0["counts"] as String? }) {
            counted = try decoder.decode([String: Int].self, from: Data(kept.utf8))
            for (before, after) in changed {
                counted[before.rawValue, default: 0] -= 1
                counted[after.rawValue, default: 0] += 1
            }
            counted = counted.filter { $0.value != 0 }
        } else {
            counted = try await counts(run.runID, db)
        }
        let counts = String(decoding: try encoder.encode(counted), as: UTF8.self)
        // A sweep's outcome and exit code come from all its courses' rows (`run` may hold only
        // the courses just reviewed).
        var outcome = run.outcome, exitCode = run.exitCode
        if run.monitoring != nil, let statuses = try await courseStatusCounts(run.runID, db) {
            outcome = MonitoringSummary.outcome(statuses)
            exitCode = RunResult.exitCode(worstCourse: MonitoringSummary.worst(Set(statuses.keys)))
        }
        let rewritten: StoreSQL = header.map { "header = \($0), exitCode = \(exitCode)," } ?? ""
        try await db.execute(
            """
            UPDATE run SET \(rewritten) counts = \(counts), outcome = \(outcome), rulePack = \(run.assessment?.rulePack ?? run.monitoring?.rulePack)
            WHERE id = \(run.runID)
            """)
    }

    /// The waivers a run was judged with, and what each did (applied, expired, stale, unused).
    public func waivers(_ runID: String) async throws(StoreError) -> [(waiver: Waivers.Waiver, outcome: String)] {
        try await read { db in
            try await db.rows("SELECT * FROM waiver WHERE runID = \(runID) ORDER BY waiverID").map {
                (
                    Waivers.Waiver(
                        id: try $0["waiverID"], check: try $0["checkID"], partner: try $0["partner"], reason: try $0["reason"],
                        owner: try $0["owner"], expires: try $0["expires"]), try $0["outcome"]
                )
            }
        }
    }

    /// The audit trail of a run, oldest first.
    public func audit(_ runID: String) async throws(StoreError) -> [AuditEntry] {
        try await read { db in
            try await db.rows("SELECT at, actor, action, resultKey, detail FROM audit WHERE runID = \(runID) ORDER BY id").map {
                AuditEntry(at: try $0["at"], actor: try $0["actor"], action: try $0["action"], result: try $0["resultKey"], detail: try $0["detail"])
            }
        }
    }

    // MARK: - Writing

    static func insertHeader(_ header: RunResult, _ db: StoreConnection) async throws {
        var bare = header
        bare.suites = []
        try await db.execute(
            """
            INSERT INTO run (id, kind, subject, status, startedAt, header, owner, heartbeat, rulePack, provider)
            VALUES (\(header.runID), \(header.kind.rawValue), \(header.subject), 'running', \(header.startedAt), \(try encoder.encode(bare)),
                    \(RunOwner.current.text), \(Date()), \(header.assessment?.rulePack ?? header.monitoring?.rulePack), \(header.providerCode))
            """)
        // A sweep's courses become rows once the run's row they refer to is there.
        if header.monitoring?.courses.isEmpty == false {
            try await db.execute("UPDATE run SET header = \(try await storedHeader(header, db)) WHERE id = \(header.runID)")
        }
    }

    static func finish(_ run: RunResult, waivers: Waivers?, _ db: StoreConnection) async throws {
        try await finishHeader(run, exitCode: run.exitCode, results: run.checks.count, waivers: waivers, db)
        // Only what the journal does not hold as it now stands is written: results it never got,
        // and those a waiver changed. Both sides are in position order, so they are compared as
        // they stream (a sweep's tens of thousands of results are never all held twice).
        var recorded: [PlacedResult.Key] = []
        try await db.forEach(
            "SELECT position, groupID, checkID, groupTitle, verdict, proposed, fault, message FROM result WHERE runID = \(run.runID) ORDER BY position"
        ) { row in
            recorded.append(
                PlacedResult.Key(
                    position: try row["position"], groupID: try row["groupID"], checkID: try row["checkID"], groupTitle: try row["groupTitle"],
                    verdict: try row["verdict"], proposed: try row["proposed"], fault: try row["fault"], message: try row["message"]))
        }
        var next = recorded.makeIterator(), row = next.next()
        var changed: [PlacedResult] = []
        run.forEachPlacedResult { placed in
            while let current = row, current.position < placed.position { row = next.next() }
            if row != PlacedResult.Key(placed) { changed.append(placed) }
        }
        try await record(changed, runID: run.runID, db)
        try await keepListing(run, db)
    }

    /// The run's header as finished (its summaries, no results), the waivers it was judged with
    /// and what each did, and the audit entry.
    static func finishHeader(_ run: RunResult, exitCode: Int32, results: Int, waivers: Waivers?, _ db: StoreConnection) async throws {
        guard try await db.row("SELECT id FROM run WHERE id = \(run.runID)") != nil else {
            throw StoreError(location: "", reason: "the run \(run.runID) was never begun in this history")
        }
        try await db.execute(
            """
            UPDATE run SET status = 'finished', finishedAt = \(run.finishedAt), exitCode = \(exitCode), header = \(try await storedHeader(run, db))
            WHERE id = \(run.runID)
            """)
        for waiver in waivers?.waivers ?? [] {
            let outcome =
                run.waivers.map { outcome in
                    outcome.applied.contains(waiver.id)
                        ? "applied" : outcome.expired.contains(waiver.id) ? "expired" : outcome.stale.contains(waiver.id) ? "stale" : "unused"
                } ?? "unused"
            try await db.execute(
                """
                INSERT INTO waiver (runID, waiverID, checkID, partner, reason, owner, expires, outcome)
                VALUES (\(run.runID), \(waiver.id), \(waiver.check), \(waiver.partner), \(waiver.reason), \(waiver.owner), \(waiver.expires), \(outcome))
                ON CONFLICT (runID, waiverID) DO UPDATE SET checkID = excluded.checkID, partner = excluded.partner, reason = excluded.reason,
                    owner = excluded.owner, expires = excluded.expires, outcome = excluded.outcome
                """)
        }
        try await audit(
            db, actor: "kit", action: "run.finished", runID: run.runID,
            detail: "\(results) results, exit code \(exitCode)\(run.outcome.map { ", \($0)" } ?? "")")
    }

    /// Inserts results, or replaces them when the run already holds them (so recording twice
    /// never duplicates); reviews stay attached. In PostgreSQL a hundred results and their
    /// evidence go in one statement (a round trip to the server costs more than the writing); in
    /// SQLite, in the same process, one statement each costs less than building one.
    static func record(_ results: [PlacedResult], runID: String, _ db: StoreConnection) async throws {
        guard db.dialect == .postgres else {
            for placed in results {
                let row = try await db.row(
                    "INSERT INTO result (\(keyword: resultColumns)) VALUES (\(try values(placed, runID: runID))) \(keyword: upsertResult) RETURNING id"
                )
                let id: Int64 = try row.map { try $0["id"] } ?? 0
                try await db.execute(
                    """
                    INSERT INTO evidence (resultID, exchanges, findings)
                    VALUES (\(id), \(try evidenceJSON(placed.result.evidence.exchanges)), \(try evidenceJSON(placed.result.evidence.findings)))
                    \(keyword: upsertEvidence)
                    """)
            }
            return
        }
        for start in stride(from: 0, to: results.count, by: 100) {
            let rows = try results[start..<min(start + 100, results.count)].map { placed in
                let evidence = placed.result.evidence
                let values = try values(placed, runID: runID)
                return "(\(values), \(try evidenceJSON(evidence.exchanges)), \(try evidenceJSON(evidence.findings)))" as StoreSQL
            }
            try await db.execute(
                """
                WITH input (\(keyword: resultColumns), exchanges, findings) AS (VALUES \(StoreSQL.joined(rows, separator: ", "))),
                saved AS (
                    INSERT INTO result (\(keyword: resultColumns))
                    SELECT runID, position, suiteID, suiteTitle, groupID, groupTitle, checkID, definition, verdict, CAST(proposed AS TEXT),
                        CAST(fault AS TEXT), message, startedAt, milliseconds, reviewable FROM input
                    \(keyword: upsertResult) RETURNING id, groupID, checkID)
                INSERT INTO evidence (resultID, exchanges, findings)
                SELECT saved.id, input.exchanges, input.findings FROM saved JOIN input ON input.groupID = saved.groupID AND input.checkID = saved.checkID
                \(keyword: upsertEvidence)
                """)
        }
    }

    static let resultColumns = """
        runID, position, suiteID, suiteTitle, groupID, groupTitle, checkID, definition, verdict, proposed, fault, message, startedAt, milliseconds, \
        reviewable
        """

    /// What replaces a result the run already holds (its id, and so its reviews, stay).
    static let upsertResult = """
        ON CONFLICT (runID, groupID, checkID) DO UPDATE SET position = excluded.position, suiteTitle = excluded.suiteTitle, \
        groupTitle = excluded.groupTitle, definition = excluded.definition, verdict = excluded.verdict, proposed = excluded.proposed, \
        fault = excluded.fault, message = excluded.message, startedAt = excluded.startedAt, milliseconds = excluded.milliseconds, \
        reviewable = excluded.reviewable
        """

    static let upsertEvidence = "ON CONFLICT (resultID) DO UPDATE SET exchanges = excluded.exchanges, findings = excluded.findings"

    /// A result's values, in the order of `resultColumns`.
    static func values(_ placed: PlacedResult, runID: String) throws -> StoreSQL {
        let result = placed.result
        return """
            \(runID), \(placed.position), \(placed.suiteID), \(placed.suiteTitle), \(placed.groupID), \(placed.groupTitle), \(result.check.id), \
            \(try definitionJSON(result.check)), \(result.verdict.rawValue), \(result.proposed?.rawValue), \(result.fault?.rawValue), \
            \(result.message), \(result.startedAt), \(result.milliseconds), \(result.verdict == .needsReview)
            """
    }

    /// A check's definition as the history stores it. A sweep records the same 40 definitions
    /// for every course: each is encoded once per process (by id, kept while it stays the same).
    static func definitionJSON(_ check: CheckDefinition) throws -> Data {
        if let (known, json) = encodedDefinitions.withLock({ $0[check.id] }), known == check { return json }
        let json = try evidenceJSON(check)
        encodedDefinitions.withLock { known in
            if known.count >= 1_000 { known.removeAll() }
            known[check.id] = (check, json)
        }
        return json
    }

    private static let encodedDefinitions = Mutex<[String: (CheckDefinition, Data)]>([:])

    static func audit(_ db: StoreConnection, actor: String, action: String, runID: String, result: String? = nil, detail: String) async throws {
        try await db.execute(
            "INSERT INTO audit (at, actor, action, runID, resultKey, detail) VALUES (\(Date()), \(actor), \(action), \(runID), \(result), \(detail))")
    }

    // MARK: - Reading

    /// A person's review as a row of `review` holds it.
    static func review(_ row: StoreRow) throws -> Review {
        Review(
            reviewer: try row["reviewer"], verdict: Verdict(rawValue: try row["verdict"]) ?? .needsReview, note: try row["note"],
            reviewedAt: try row["reviewedAt"], institution: try row["institution"], adjudicates: try row["adjudicates"])
    }

    /// The columns of `review` that `review(_:)` reads.
    static let reviewColumns: StoreSQL = "reviewer, review.verdict, note, reviewedAt, institution, adjudicates"

    /// The run `id` rebuilt from its header and its results in order (without the HTTP exchanges
    /// of their evidence unless `exchanges`; only the groups named in `groups`, when given).
    static func load(_ id: String, _ db: StoreConnection, exchanges: Bool = true, groups: Set<String>? = nil) async throws -> StoredRun? {
        guard let row = try await db.row("SELECT status, header FROM run WHERE id = \(id)") else { return nil }
        var run = try await decodeHeader(try row["header"], db, groups: groups)
        let only: StoreSQL = groups.map { "AND result.groupID IN (\(StoreSQL.list($0.sorted())))" } ?? ""
        var reviews: [Int64: [Review]] = [:]
        for review in try await db.rows(
            """
            SELECT review.resultID, \(Self.reviewColumns) FROM review JOIN result ON result.id = review.resultID
            WHERE result.runID = \(id) \(only) ORDER BY review.id
            """)
        {
            reviews[try review["resultID"], default: []].append(try Self.review(review))
        }
        var suites: [SuiteResult] = []
        try await forEachGroup(id, exchanges: exchanges, reviews: reviews, db, filter: only) { stored in
            if suites.last?.id != stored.suiteID {
                suites.append(SuiteResult(id: stored.suiteID, title: stored.suiteTitle, verdict: .skipped, groups: []))
            }
            suites[suites.count - 1].groups.append(stored.group)
            suites[suites.count - 1].verdict = Verdict.rollUp(suites[suites.count - 1].groups.map(\.verdict))
        }
        run.suites = suites
        return StoredRun(run: run, status: RunStatus(rawValue: try row["status"]) ?? .running)
    }

    /// Every result of the run `runID` in position order, a group at a time (its verdict rolled
    /// up), with the exchanges of its evidence or without them (`exchanges`: the findings are
    /// always read). `body` is called as the rows come: no more than one group is ever held.
    static func forEachGroup(
        _ runID: String, exchanges: Bool, reviews: [Int64: [Review]]?, _ db: StoreConnection, filter: StoreSQL = "",
        _ body: (StoredGroup) throws -> Void
    ) async throws {
        var assembler = GroupAssembler()
        try await db.forEach(resultsSQL(runID, exchanges: exchanges, db, filter: filter, sortingFound: !filter.isEmpty)) { row in
            try assembler.add(row, reviews: reviews, body)
        }
        try assembler.finish(body)
    }

    /// The run's results joined with their evidence, in position order (after `after`, at most
    /// `limit`, only those `filter` keeps (`AND ...`), when given), the exchanges read or left out.
    static func resultsSQL(
        _ runID: String, exchanges: Bool, _ db: StoreConnection, after: Int? = nil, limit: Int? = nil, filter: StoreSQL = "",
        sortingFound: Bool = false
    ) -> StoreSQL {
        let exchangesColumn = exchanges ? "evidence.exchanges" : db.dialect == .postgres ? "CAST(NULL AS bytea) AS exchanges" : "NULL AS exchanges"
        let page: StoreSQL = after.map { "AND position > \($0)" } ?? ""
        let bound: StoreSQL = limit.map { "LIMIT \($0)" } ?? ""
        // `sortingFound`: the filter keeps few rows (a sweep's few courses), found through its
        // index and then sorted; ordered by `position` as is, SQLite would walk the whole run.
        let order: StoreSQL = sortingFound ? "position + 0" : "position"
        return """
            SELECT result.*, \(keyword: exchangesColumn), evidence.findings FROM result LEFT JOIN evidence ON evidence.resultID = result.id
            WHERE runID = \(runID) \(page) \(filter) ORDER BY \(order) \(bound)
            """
    }

    /// Makes groups of results read in position order: a group is handed on when the next one
    /// begins (or when the reading ends), its verdict rolled up.
    struct GroupAssembler {
        private var current: StoredGroup?
        /// A run repeats a few definitions (a sweep's 40 indicators, once per course): each is decoded once.
        private var definitions: [Data: CheckDefinition] = [:]

        mutating func add(_ row: StoreRow, reviews: [Int64: [Review]]?, _ body: (StoredGroup) throws -> Void) throws {
            let check = try ResultsStore.checkResult(row, reviews: reviews?[try row["id"]], definitions: &definitions)
            let suiteID: String = try row["suiteID"], groupID: String = try row["groupID"]
            if current?.suiteID != suiteID || current?.group.id != groupID {
                try finish(body)
                current = StoredGroup(
                    suiteID: suiteID, suiteTitle: try row["suiteTitle"],
                    group: GroupResult(id: groupID, title: try row["groupTitle"], verdict: .skipped, checks: []), positions: [])
            }
            current?.group.checks.append(check)
            current?.positions.append(try row["position"])
        }

        /// Hands on the group being made, if any.
        mutating func finish(_ body: (StoredGroup) throws -> Void) throws {
            guard var group = current else { return }
            current = nil
            group.group.verdict = Verdict.rollUp(group.group.checks.map(\.verdict))
            try body(group)
        }
    }

    /// A result as a row of `result` joined with its `evidence` holds it, each definition decoded
    /// once: `definitions` keeps those decoded, by their JSON.
    static func checkResult(_ row: StoreRow, reviews: [Review]?, definitions: inout [Data: CheckDefinition]) throws -> CheckResult {
        let json: Data = try row["definition"]
        let check = try definitions[json] ?? evidenceDecoder.decode(CheckDefinition.self, from: json)
        if definitions.count < 1_000 { definitions[json] = check }
        return CheckResult(
            check: check,
            verdict: Verdict(rawValue: try row["verdict"]) ?? .error,
            fault: (try row["fault"] as String?).flatMap(Fault.init(rawValue:)),
            message: try row["message"],
            evidence: Evidence(
                exchanges: try (try row["exchanges"] as Data?).map { try evidenceDecoder.decode([HTTPExchange].self, from: $0) } ?? [],
                findings: try (try row["findings"] as Data?).map { try evidenceDecoder.decode([Finding].self, from: $0) } ?? []),
            startedAt: try row["startedAt"], milliseconds: try row["milliseconds"],
            proposed: (try row["proposed"] as String?).flatMap(Verdict.init(rawValue:)), reviews: reviews)
    }

    // MARK: - Plumbing

    static let encoder = JSONEncoder()
    static let decoder = JSONDecoder()

    static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
    }
}

extension PlacedResult {
    /// What the history holds of a result that a waiver or a finish can change: a recorded
    /// result equal to the finished one's is not written again.
    struct Key: Equatable {
        let position: Int
        let groupID: String
        let checkID: String
        let groupTitle: String
        let verdict: String
        let proposed: String?
        let fault: String?
        let message: String
    }
}

extension PlacedResult.Key {
    init(_ placed: PlacedResult) {
        self.init(
            position: placed.position, groupID: placed.groupID, checkID: placed.result.check.id, groupTitle: placed.groupTitle,
            verdict: placed.result.verdict.rawValue, proposed: placed.result.proposed?.rawValue, fault: placed.result.fault?.rawValue,
            message: placed.result.message)
    }
}

/// A run's journal backed by the history: each result batch is one transaction. A write that
/// fails is remembered (`failure`), not thrown into the run: `finish` writes every result again.
/// A run whose task was cancelled records nothing more: its checks fail for being stopped, not
/// for the partner (a sweep worker that lost its item's lease, while another worker redoes the
/// item and records its own results under the same keys).
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
            guard !Task.isCancelled else { return }
            do {
                try await store.write { db in
                    try await ResultsStore.record(results, runID: runID, db)
                    try await db.execute("UPDATE run SET heartbeat = \(Date()) WHERE id = \(runID)")
                }
            } catch {
                failure.value.withLock { if $0 == nil { $0 = StoreError(location: store.location, error) } }
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
    /// An assessment's provider code (of the proposal's provider, or of the provider assessed
    /// on its own); nil for other runs.
    var providerCode: String? {
        guard let assessment else { return nil }
        return assessment.course?.provider ?? assessment.provider?.code ?? ""
    }

    /// One phrase of how an indicator run came out: the decision, or the course statuses.
    public var outcome: String? {
        if let assessment { return assessment.decision.rawValue + (assessment.provisional ? " (provisional)" : "") }
        if let monitoring { return MonitoringSummary.outcome(monitoring.statusCounts) }
        return nil
    }
}

extension ResultsStore {
    /// What a new assessment compares with: every finished assessment and monitoring sweep, in
    /// the order they ran, and each provider's assessments on its own with their reviews.
    /// `named`: what evidence calls the history (its location by default: a partner's page says
    /// "the program's history", never a server's path).
    public func assessmentHistory(named: String? = nil) async throws(StoreError) -> AssessmentHistory {
        let location = named ?? location
        return try await read { db in
            var assessments: [AssessmentSummary] = [], sweeps: [Data] = [], providers: [String] = []
            try await db.forEach(
                "SELECT id, header FROM run WHERE kind IN ('assessment', 'monitoring') AND status = 'finished' ORDER BY startedAt, id"
            ) { row in
                let data: Data = try row["header"]
                let header = try Self.decoder.decode(RunResult.self, from: data)
                if header.assessment?.provider != nil {
                    providers.append(try row["id"])
                } else if let assessment = header.assessment {
                    assessments.append(assessment)
                } else if header.monitoring != nil {
                    sweeps.append(data)  // its courses are read from their rows below
                }
            }
            var runs: [RunResult] = [], summaries: [MonitoringSummary] = []
            for id in providers { if let run = try await Self.load(id, db)?.run { runs.append(run) } }
            for header in sweeps { if let summary = try await Self.decodeHeader(header, db).monitoring { summaries.append(summary) } }
            return AssessmentHistory(source: location, assessments: assessments, sweeps: summaries, providers: runs)
        }
    }
}

import Foundation
import PrakerjaConformance

/// The sweep queue: items taken under leases, the way Oban, river and graphile-worker take jobs
/// (in PostgreSQL `FOR UPDATE SKIP LOCKED`, so workers never wait on each other's items; in
/// SQLite one writer at a time). An item is done once: completing it needs the lease it was
/// taken with, and its results are recorded by key, so an item redone after its worker died
/// replaces what that worker recorded instead of adding to it.
extension ResultsStore {
    /// Queues a sweep: `items` in order, then the finishing item, with what it read once for all
    /// its items (`feeds`: a monitoring sweep's completion samples, by platform). Refused when the
    /// id is taken.
    public func queueSweep(
        id: String, kind: Sweep.Kind, plan: [String], items: [String], feeds: [String: [UInt8]] = [:], now: Date = Date()
    ) async throws(StoreError) {
        try await write { db in try await Self.queue(db, id: id, kind: kind, plan: plan, items: items, feeds: feeds, now: now) }
    }

    /// Queues a sweep in the transaction `db` (`queueSweep`); `partner`: the partner whose user
    /// `actor` started it in the console.
    static func queue(
        _ db: StoreConnection, id: String, kind: Sweep.Kind, plan: [String], items: [String], feeds: [String: [UInt8]], now: Date,
        partner: String? = nil, actor: String = "kit"
    ) async throws {
        try await db.execute(
            """
            INSERT INTO sweep (id, kind, plan, status, createdAt, partner, startedBy)
            VALUES (\(id), \(kind.rawValue), \(try Self.encoder.encode(plan)), 'running', \(now), \(partner), \(actor))
            """)
        for (platform, sample) in feeds.sorted(by: { $0.key < $1.key }) {
            try await db.execute("INSERT INTO sweep_feed (sweepID, platform, sample) VALUES (\(id), \(platform), \(Data(sample)))")
        }
        for (position, key) in (items + [SweepItem.finish]).enumerated() {
            try await db.execute(
                "INSERT INTO sweep_item (sweepID, position, key, status, attempts) VALUES (\(id), \(position), \(key), 'waiting', 0)")
        }
        try await Self.audit(
            db, actor: actor, action: "sweep.queued", runID: id,
            detail: "\(kind.rawValue) sweep of \(items.count) items" + (partner.map { " for \($0)" } ?? ""))
    }

    /// Takes the next item of a running sweep (of `sweep` only, when given) for `worker` until
    /// `lease` from `now`: a waiting item, or one whose worker's lease ran out; the finishing item
    /// only once every other is done or failed. Nil when there is none to take now. An item whose
    /// workers died `SweepItem.maxAttempts` times is given up as failed here.
    public func claim(worker: String, lease: Duration, sweep: String? = nil, now: Date = Date()) async throws(StoreError) -> SweepClaim? {
        let until = now.addingTimeInterval(lease.milliseconds / 1000)
        return try await write { db in
            try await db.execute(
                """
                UPDATE sweep_item SET status = 'failed', finishedAt = \(now),
                    error = 'its worker stopped before finishing it, ' || CAST(attempts AS TEXT) || ' times (its lease ran out)'
                WHERE status = 'running' AND leaseUntil < \(now) AND attempts >= \(SweepItem.maxAttempts)
                """)
            // A finishing item given up so still ends its sweep (as a failed one does in `fail`).
            try await db.execute(
                """
                UPDATE sweep SET status = 'finished', finishedAt = \(now) WHERE status = 'running' AND EXISTS (
                    SELECT 1 FROM sweep_item f WHERE f.sweepID = sweep.id AND f.key = \(SweepItem.finish) AND f.status = 'failed')
                """)
            let only: StoreSQL = sweep.map { "AND i.sweepID = \($0)" } ?? ""
            guard
                let row = try await db.row(
                    """
                    SELECT i.sweepID, i.key FROM sweep_item i JOIN sweep s ON s.id = i.sweepID
                    WHERE s.status = 'running' \(only)
                      AND (i.status = 'waiting' OR (i.status = 'running' AND i.leaseUntil < \(now)))
                      AND (i.key <> \(SweepItem.finish) OR NOT EXISTS (
                          SELECT 1 FROM sweep_item o WHERE o.sweepID = i.sweepID AND o.key <> \(SweepItem.finish) AND o.status IN ('waiting', 'running')))
                    ORDER BY s.createdAt, i.position LIMIT 1\(keyword: db.dialect.skipLocked(of: "i"))
                    """)
            else { return nil }
            let sweepID: String = try row["sweepID"], key: String = try row["key"]
            try await db.execute(
                """
                UPDATE sweep_item SET status = 'running', owner = \(worker), leaseUntil = \(until), attempts = attempts + 1, error = NULL
                WHERE sweepID = \(sweepID) AND key = \(key)
                """)
            guard let sweep = try await Self.sweep(sweepID, items: false, db), let item = try await Self.item(sweepID, key, db) else { return nil }
            try await Self.audit(
                db, actor: worker, action: "sweep.item.taken", runID: sweepID, result: key, detail: "attempt \(item.attempts), lease until \(until)")
            return SweepClaim(sweep: sweep, item: item, owner: worker)
        }
    }

    /// Extends the lease on `claim` to `lease` from `now`; false when the worker no longer holds
    /// it (it ran out and another worker took the item): the worker must stop working on it.
    public func renew(_ claim: SweepClaim, lease: Duration, now: Date = Date()) async throws(StoreError) -> Bool {
        try await write { db in
            try await !db.rows(
                """
                UPDATE sweep_item SET leaseUntil = \(now.addingTimeInterval(lease.milliseconds / 1000))
                WHERE sweepID = \(claim.item.sweepID) AND key = \(claim.item.key) AND owner = \(claim.owner) AND status = 'running'
                RETURNING key
                """
            ).isEmpty
        }
    }

    /// Records the run an item's results go to, as soon as it is begun: a worker that redoes the
    /// item continues that run instead of starting another.
    public func began(_ claim: SweepClaim, runID: String) async throws(StoreError) {
        try await write { db in
            try await db.execute(
                "UPDATE sweep_item SET runID = \(runID) WHERE sweepID = \(claim.item.sweepID) AND key = \(claim.item.key) AND owner = \(claim.owner)")
        }
    }

    /// Marks the item done with its run and exit code; the finishing item finishes the sweep.
    /// False (and nothing changed) when the worker had lost the lease: another worker redoes it.
    public func complete(_ claim: SweepClaim, runID: String?, exitCode: Int32, now: Date = Date()) async throws(StoreError) -> Bool {
        try await write { db in
            let done = try await db.rows(
                """
                UPDATE sweep_item SET status = 'done', runID = COALESCE(\(runID), runID), exitCode = \(exitCode), finishedAt = \(now)
                WHERE sweepID = \(claim.item.sweepID) AND key = \(claim.item.key) AND owner = \(claim.owner) AND status = 'running'
                RETURNING key
                """)
            guard !done.isEmpty else { return false }
            if claim.item.key == SweepItem.finish {
                try await db.execute("UPDATE sweep SET status = 'finished', finishedAt = \(now) WHERE id = \(claim.item.sweepID)")
            }
            try await Self.audit(
                db, actor: claim.owner, action: "sweep.item.done", runID: claim.item.sweepID, result: claim.item.key,
                detail: "exit code \(exitCode)\(runID.map { ", run \($0)" } ?? "")")
            return true
        }
    }

    /// Gives the item back after `error` (to be taken again), or gives it up as failed after
    /// `SweepItem.maxAttempts`; a failed finishing item still ends the sweep.
    public func fail(_ claim: SweepClaim, error: String, now: Date = Date()) async throws(StoreError) {
        try await write { db in
            let rows = try await db.rows(
                """
                UPDATE sweep_item SET status = CASE WHEN attempts >= \(SweepItem.maxAttempts) THEN 'failed' ELSE 'waiting' END,
                    error = \(error), leaseUntil = NULL, finishedAt = \(now)
                WHERE sweepID = \(claim.item.sweepID) AND key = \(claim.item.key) AND owner = \(claim.owner) AND status = 'running'
                RETURNING status
                """)
            guard let status = try rows.first.map({ try $0["status"] as String }) else { return }
            if status == "failed", claim.item.key == SweepItem.finish {
                try await db.execute("UPDATE sweep SET status = 'finished', finishedAt = \(now) WHERE id = \(claim.item.sweepID)")
            }
            try await Self.audit(
                db, actor: claim.owner, action: "sweep.item.\(status == "failed" ? "failed" : "returned")", runID: claim.item.sweepID,
                result: claim.item.key, detail: error)
        }
    }

    /// Gives the item back to the queue as it was before this worker took it, its attempt not
    /// counted: the worker was stopped (`SIGTERM`, a Deployment scaled down), the item did not
    /// fail. Another worker takes it at once, without waiting for the lease to run out.
    public func release(_ claim: SweepClaim, reason: String, now: Date = Date()) async throws(StoreError) {
        try await write { db in
            let rows = try await db.rows(
                """
                UPDATE sweep_item SET status = 'waiting', attempts = attempts - 1, leaseUntil = NULL
                WHERE sweepID = \(claim.item.sweepID) AND key = \(claim.item.key) AND owner = \(claim.owner) AND status = 'running'
                RETURNING key
                """)
            guard !rows.isEmpty else { return }
            try await Self.audit(
                db, actor: claim.owner, action: "sweep.item.released", runID: claim.item.sweepID, result: claim.item.key, detail: reason)
        }
    }

    /// What the sweep `id` read once when it was queued, by platform (`queueSweep`'s `feeds`).
    public func sweepFeeds(_ id: String) async throws(StoreError) -> [String: [UInt8]] {
        try await read { db in
            var feeds: [String: [UInt8]] = [:]
            for row in try await db.rows("SELECT platform, sample FROM sweep_feed WHERE sweepID = \(id)") {
                feeds[try row["platform"]] = [UInt8](try row["sample"] as Data)
            }
            return feeds
        }
    }

    /// Whether a sweep (`id`, or any) is still running: a worker waiting for the last items of
    /// one stays while this holds, to redo an item whose worker dies.
    public func sweepsRunning(_ id: String? = nil) async throws(StoreError) -> Bool {
        try await read { db in
            let only: StoreSQL = id.map { "AND id = \($0)" } ?? ""
            return try await db.row("SELECT id FROM sweep WHERE status = 'running' \(only) LIMIT 1") != nil
        }
    }

    /// This process, as it names itself when it records a run or takes an item: `pid@host`.
    public static var processName: String { RunOwner.current.text }

    /// The sweep `id` with every item, or nil.
    public func sweep(_ id: String) async throws(StoreError) -> Sweep? {
        try await read { db in try await Self.sweep(id, items: true, db) }
    }

    /// Sweeps, newest first.
    public func sweeps(limit: Int = 20) async throws(StoreError) -> [Sweep] {
        try await read { db in
            var sweeps: [Sweep] = []
            for row in try await db.rows("SELECT id FROM sweep ORDER BY createdAt DESC, id DESC LIMIT \(limit)") {
                if let sweep = try await Self.sweep(try row["id"], items: true, db) { sweeps.append(sweep) }
            }
            return sweeps
        }
    }

    /// A journal recording into the unfinished run `runID`, holding what it already recorded of
    /// `groups` (a sweep item's courses; nil: every group): a worker redoing an item does not read
    /// those again.
    public func continueRecording(runID: String, groups: [String]?) async throws(StoreError) -> RecordingJournal {
        let location = location
        let (startedAt, completed) = try await read { db in
            guard let run = try await db.row("SELECT startedAt FROM run WHERE id = \(runID)") else {
                throw StoreError(location: location, reason: "no run \(runID) to record into")
            }
            var completed: [String: CheckResult] = [:], definitions: [Data: CheckDefinition] = [:]
            let only: StoreSQL = groups.map { "AND groupID IN (\(StoreSQL.list($0)))" } ?? ""
            try await db.forEach(
                """
                SELECT result.*, evidence.exchanges, evidence.findings FROM result LEFT JOIN evidence ON evidence.resultID = result.id
                WHERE runID = \(runID) \(only) AND verdict <> 'error'
                """
            ) { row in
                completed[PlacedResult.key(group: try row["groupID"], check: try row["checkID"])] = try Self.checkResult(
                    row, reviews: nil, definitions: &definitions)
            }
            return (try run["startedAt"] as Date, completed)
        }
        return RecordingJournal(store: self, runID: runID, startedAt: startedAt, completed: completed)
    }

    static func sweep(_ id: String, items: Bool, _ db: StoreConnection) async throws -> Sweep? {
        guard let row = try await db.row("SELECT * FROM sweep WHERE id = \(id)") else { return nil }
        var list: [SweepItem] = []
        if items {
            for item in try await db.rows("SELECT * FROM sweep_item WHERE sweepID = \(id) ORDER BY position") { list.append(try Self.item(item)) }
        }
        return Sweep(
            id: id, kind: Sweep.Kind(rawValue: try row["kind"]) ?? .conformance, plan: try decoder.decode([String].self, from: try row["plan"]),
            status: Sweep.Status(rawValue: try row["status"]) ?? .running, createdAt: try row["createdAt"], finishedAt: try row["finishedAt"],
            items: list)
    }

    static func item(_ sweepID: String, _ key: String, _ db: StoreConnection) async throws -> SweepItem? {
        try await db.row("SELECT * FROM sweep_item WHERE sweepID = \(sweepID) AND key = \(key)").map(item)
    }

    static func item(_ row: StoreRow) throws -> SweepItem {
        SweepItem(
            sweepID: try row["sweepID"], key: try row["key"], status: SweepItem.Status(rawValue: try row["status"]) ?? .waiting,
            attempts: try row["attempts"], owner: try row["owner"], leaseUntil: try row["leaseUntil"], runID: try row["runID"],
            exitCode: try row["exitCode"], error: try row["error"], finishedAt: try row["finishedAt"])
    }
}

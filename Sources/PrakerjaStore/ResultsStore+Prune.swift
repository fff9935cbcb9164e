import Foundation
import PrakerjaConformance

/// What `prune` removed, and why it kept the older runs it kept.
public struct PruneReport: Sendable, Codable {
    /// The runs removed (with their results, evidence and waivers), newest first.
    public var removed: [String] = []
    /// How many results went with them.
    public var results = 0
    /// Finished sweeps removed with their items.
    public var sweeps = 0
    /// Older runs kept because a waiver that is still live was applied to them.
    public var keptForWaivers = 0
    /// Older runs kept because people reviewed them.
    public var keptForReviews = 0
    /// Older runs kept as one of the last `keepLast` of their kind and subject.
    public var keptAsLast = 0
    /// Older runs kept because they never finished and recorded a result since the cutoff
    /// (`--resume` may yet finish them). One silent since the cutoff is abandoned and goes.
    public var keptUnfinished = 0
    /// Of the runs removed, those that never finished and recorded nothing since the cutoff (a
    /// process killed and never resumed, a sweep item given up).
    public var abandoned = 0
    /// Older runs kept because they are an item's run in a sweep still running (its finish
    /// reads them).
    public var keptForRunningSweeps = 0
}

extension ResultsStore {
    /// Removes runs that started before `cutoff`, except those unfinished that recorded a result
    /// since (`--resume` may finish them), those a sweep still running holds as an item's run,
    /// those judged with a waiver still live on `today` (`YYYY-MM-DD`), those people reviewed, and
    /// the last `keepLast` of each kind and subject; finished sweeps queued before `cutoff` go with
    /// their items. The audit trail stays, with the prune in it. With `dryRun`, only says what it
    /// would remove. One transaction: a prune that fails removes nothing.
    public func prune(before cutoff: Date, keepLast: Int, today: String, dryRun: Bool = false) async throws(StoreError) -> PruneReport {
        try await write { db in
            var report = PruneReport()
            var live: Set<String> = [], reviewed: Set<String> = []
            for row in try await db.rows("SELECT DISTINCT runID FROM waiver WHERE expires >= \(today)") { live.insert(try row["runID"]) }
            for row in try await db.rows("SELECT DISTINCT result.runID FROM review JOIN result ON result.id = review.resultID") {
                reviewed.insert(try row["runID"])
            }
            let sweeping = Set(
                try await db.rows(
                    """
                    SELECT DISTINCT sweep_item.runID FROM sweep_item JOIN sweep ON sweep.id = sweep_item.sweepID
                    WHERE sweep.status = 'running' AND sweep_item.runID IS NOT NULL
                    """
                ).map { try $0["runID"] as String })
            var seen: [String: Int] = [:]
            for row in try await db.rows("SELECT id, kind, subject, status, startedAt, heartbeat FROM run ORDER BY startedAt DESC, id DESC") {
                let id: String = try row["id"], subject = "\(try row["kind"] as String)/\(try row["subject"] as String)"
                let startedAt: Date = try row["startedAt"]
                let unfinished = try row["status"] as String != RunStatus.finished.rawValue
                // An unfinished run silent since the cutoff is no subject's latest verdict.
                let heartbeat: Date? = try row["heartbeat"]
                let abandoned = unfinished && (heartbeat ?? startedAt) < cutoff
                let position = seen[subject, default: 0]
                if !abandoned { seen[subject] = position + 1 }
                guard startedAt < cutoff else { continue }
                if sweeping.contains(id) {
                    report.keptForRunningSweeps += 1
                } else if unfinished && !abandoned {
                    report.keptUnfinished += 1
                } else if live.contains(id) {
                    report.keptForWaivers += 1
                } else if reviewed.contains(id) {
                    report.keptForReviews += 1
                } else if position < keepLast && !abandoned {
                    report.keptAsLast += 1
                } else {
                    report.removed.append(id)
                    if abandoned { report.abandoned += 1 }
                }
            }
            let sweeps = try await db.rows("SELECT id FROM sweep WHERE status = 'finished' AND createdAt < \(cutoff)").map { try $0["id"] as String }
            report.sweeps = sweeps.count
            for batch in stride(from: 0, to: report.removed.count, by: 500).map({ Array(report.removed[$0..<min($0 + 500, report.removed.count)]) }) {
                let ids = StoreSQL.list(batch)
                report.results += try await db.row("SELECT count(*) AS n FROM result WHERE runID IN (\(ids))").map { try $0["n"] as Int } ?? 0
                if !dryRun { try await db.execute("DELETE FROM run WHERE id IN (\(ids))") }
            }
            if !dryRun {
                for id in sweeps { try await db.execute("DELETE FROM sweep WHERE id = \(id)") }
                try await Self.audit(
                    db, actor: "kit", action: "history.pruned", runID: "",
                    detail: "\(report.removed.count) runs (\(report.results) results) and \(report.sweeps) sweeps begun before \(cutoff)")
            }
            return report
        }
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaStore

/// Starting a sweep: queue it in the history (with what it read once for every item), work through it here (unless only queued), then
/// show how it ended.
enum SweepRunner {
    static func start(
        _ kind: Sweep.Kind, plan: [String], items: [String], feeds: [String: [UInt8]] = [:], work: SweepWorkOptions, history: StoreOptions,
        io: CommandIO,
        begin: ((ResultsStore, String, Date) async throws(CommandFailure) -> Void)? = nil
    ) async throws(CommandFailure) -> Int32 {
        guard !history.noStore, let store = try await history.open() else {
            throw .usage("a sweep is queued in the results history: it cannot go with --no-store")
        }
        let now = Date(), id = ConformanceRun.runID(now)
        try await begin?(store, id, now)
        do { try await store.queueSweep(id: id, kind: kind, plan: plan, items: items, feeds: feeds, now: now) } catch {
            throw .unjudged(error.description)
        }
        io.print("sweep \(id): \(items.count) \(kind == .conformance ? "partners" : "ranges of courses") queued in \(store.location)")
        if work.queueOnly {
            io.print("workers take it: prakerja worker --store '\(store.location)' --sweep \(id)")
            return ExitStatus.passed
        }
        let worker = SweepWorker(store: store, lease: .seconds(work.worker.lease), io: io)
        guard await worker.work(sweep: id, concurrency: work.worker.items, mode: .untilFinished) else {
            throw .unjudged("the results history \(store.location) stayed out of reach; workers can finish the sweep \(id)")
        }
        return try await show(id, in: store, io: io)
    }

    /// Prints the sweep (`runs show SWEEP`): its items by status, each with its run and exit code;
    /// its exit code when finished (the finish's), 0 while it runs.
    static func show(_ id: String, in store: ResultsStore, io: CommandIO) async throws(CommandFailure) -> Int32 {
        let found: Sweep?
        do { found = try await store.sweep(id) } catch { throw .unjudged(error.description) }
        guard let sweep = found else { throw .usage("\(id): no such sweep in \(store.location)") }
        let counts = SweepItem.Status.allCases.compactMap { status in sweep.counts[status].map { "\($0) \(status.rawValue)" } }
        io.print(
            "sweep \(sweep.id): \(sweep.kind.rawValue), \(sweep.status.rawValue), started \(RunsCommand.time(sweep.createdAt))"
                + (sweep.finishedAt.map { ", finished \(RunsCommand.time($0))" } ?? "") + "; items: \(counts.joined(separator: ", "))")
        let now = Date()
        for item in sweep.items {
            var line = "  \(item.key): \(item.status.rawValue)"
            if item.attempts > 1 { line += " after \(item.attempts) attempts" }
            if item.status == .running, let owner = item.owner {
                line += " by \(owner)" + ((item.leaseUntil.map { $0 < now } ?? false) ? " (its lease ran out: another worker will take it)" : "")
            }
            if let runID = item.runID, item.key != SweepItem.finish || sweep.kind == .monitoring { line += ", run \(runID)" }
            if let code = item.exitCode { line += ", exit code \(code)" }
            if let error = item.error, item.status != .done { line += ": \(error)" }
            io.print(line)
        }
        guard sweep.status == .finished else { return ExitStatus.passed }
        let finish = sweep.items.last { $0.key == SweepItem.finish }
        return finish?.status == .done ? finish?.exitCode ?? ExitStatus.unjudged : ExitStatus.unjudged
    }
}

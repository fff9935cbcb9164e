import Foundation
import PrakerjaConformance
import PrakerjaStore
import Synchronization

/// Takes sweep items from the history's queue and does them, holding each under a lease it
/// renews while it works: what `prakerja worker` and `prakerja sweep` run.
struct SweepWorker: Sendable {
    /// When a worker stops.
    enum Mode: Sendable {
        /// When no sweep it works on is running any more (items held by others may yet come back
        /// to the queue if their workers die: it stays to redo them).
        case untilFinished
        /// Never: it waits for new sweeps (a long-running Deployment or service).
        case forever
    }

    let store: ResultsStore
    let lease: Duration
    let io: CommandIO
    /// The monitoring sweep's files and partners, read once for all of this worker's items.
    let loaded = LoadedSweep()

    /// How often an idle worker looks at the queue again.
    var pollInterval: Duration { min(.seconds(2), lease / 4) }

    /// Works `concurrency` items at a time, of `sweep` only when given, until `mode` says stop.
    /// False when the history stayed out of reach for a minute (the worker gave up).
    func work(sweep: String?, concurrency: Int, mode: Mode) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            for slot in 1...concurrency {
                group.addTask { await loop(name: "\(ResultsStore.processName)#\(slot)", sweep: sweep, mode: mode) }
            }
            return await group.reduce(true) { $0 && $1 }
        }
    }

    private func loop(name: String, sweep: String?, mode: Mode) async -> Bool {
        var failures = 0
        while !Task.isCancelled {
            do {
                if let claim = try await store.claim(worker: name, lease: lease, sweep: sweep) {
                    await perform(claim)
                } else if mode == .untilFinished, try await !store.sweepsRunning(sweep) {
                    return true
                } else {
                    try await Task.sleep(for: pollInterval)
                }
                failures = 0
            } catch is CancellationError {
                return true
            } catch {
                // The history is out of reach (a database restarting): wait and take up again.
                failures += 1
                io.printError("\(name): \(error); trying again in 2 s")
                guard failures < 30 else { return false }
                try? await Task.sleep(for: .seconds(2))
            }
        }
        return true
    }

    /// Does one item under its lease: renewed every third of it; lost, the work is cancelled
    /// (another worker has the item). Done, it is completed with its run and exit code; failed,
    /// given back to the queue with why.
    private func perform(_ claim: SweepClaim) async {
        let label = "\(claim.sweep.id) \(claim.item.key)"
        io.print("\(claim.owner): took \(label) (attempt \(claim.item.attempts))")
        let began = ContinuousClock.now
        let work = Task { try await SweepItemWork.perform(claim, store: store, io: io, loaded: loaded) }
        let heartbeat = Task { () -> Bool in
            while !Task.isCancelled {
                try? await Task.sleep(for: lease / 3)
                if Task.isCancelled { break }
                // A history out of reach is not a lost lease: the next renewal may reach it.
                if (try? await store.renew(claim, lease: lease)) == false { return false }
            }
            return true
        }
        // The worker stopping (its task cancelled) stops the item too: neither task inherits it.
        let outcome = await withTaskCancellationHandler {
            await Self.outcome(of: work, unlessLost: heartbeat)
        } onCancel: {
            work.cancel()
            heartbeat.cancel()
        }
        // The worker was stopped (SIGTERM): the item goes back to the queue for another worker,
        // its attempt not counted. Written from a task of its own: this one is cancelled.
        if Task.isCancelled {
            let released = await Task { try await store.release(claim, reason: "the worker was stopped") }.result
            if case .failure(let error) = released {
                io.printError("\(claim.owner): \(label): could not give it back (\(error)); its lease runs out and another worker takes it")
            } else {
                io.print("\(claim.owner): stopped; \(label) is back in the queue")
            }
            return
        }
        do {
            switch outcome {
            case .success(let done):
                if try await store.complete(claim, runID: done.runID, exitCode: done.exitCode) {
                    io.print(
                        "\(claim.owner): done \(label) in \(String(format: "%.2f", (ContinuousClock.now - began).milliseconds / 1000)) s: exit code \(done.exitCode)\(done.runID.map { ", run \($0)" } ?? "")"
                    )
                } else {
                    io.print("\(claim.owner): \(label) was taken by another worker after this one's lease ran out; its result stands")
                }
            case .failure(let error as LeaseLost):
                io.printError("\(claim.owner): \(label): \(error)")
            case .failure(let error):
                io.printError("\(claim.owner): \(label) failed: \(error)")
                try await store.fail(claim, error: "\(error)")
            }
        } catch {
            io.printError("\(claim.owner): \(label): could not record its end (\(error)); its lease runs out and another worker redoes it")
        }
    }

    /// The work's result; `LeaseLost` as soon as the heartbeat finds the lease lost; or a
    /// `CancellationError` as soon as the heartbeat is stopped before the work ends (the worker
    /// is stopping). The work is then cancelled but not waited for (a call that never returns, to
    /// a partner or to a database that went away under it, must not hold the worker).
    private static func outcome(
        of work: Task<SweepItemWork.Outcome, any Error>, unlessLost heartbeat: Task<Bool, Never>
    ) async -> Result<SweepItemWork.Outcome, any Error> {
        await withCheckedContinuation { continuation in
            let decision = Decision(continuation)
            Task {
                let result = await work.result
                decision.resume(result)  // first: the heartbeat's end below must not overtake it
                heartbeat.cancel()
            }
            Task {
                let held = await heartbeat.value
                work.cancel()
                decision.resume(.failure(held ? CancellationError() : LeaseLost()))
            }
        }
    }

    /// Resumes its continuation once: with whichever outcome comes first.
    private final class Decision: Sendable {
        private let waiting: Mutex<CheckedContinuation<Result<SweepItemWork.Outcome, any Error>, Never>?>

        init(_ continuation: CheckedContinuation<Result<SweepItemWork.Outcome, any Error>, Never>) { waiting = Mutex(continuation) }

        func resume(_ outcome: Result<SweepItemWork.Outcome, any Error>) {
            waiting.withLock { waiting in
                defer { waiting = nil }
                return waiting
            }?.resume(returning: outcome)
        }
    }

    /// The lease on an item ran out before the worker renewed it, and another worker took it.
    struct LeaseLost: Error, CustomStringConvertible {
        var description: String { "the lease ran out and another worker took the item over; this worker stopped working on it" }
    }
}

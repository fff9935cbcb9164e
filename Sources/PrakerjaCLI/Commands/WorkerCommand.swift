import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaStore

/// `prakerja worker --store URL`: takes sweep items from the history's queue until none is left.
struct WorkerCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Take items of queued sweeps from the results history and do them, under leases, until the sweeps are done.",
        discussion: """
            Run any number of workers, on any number of machines, against one PostgreSQL history
            (an SQLite one serves the workers of one machine). Each needs the files the sweep
            names (partner configs, approved proposals) at the same paths, and the secrets its
            configs point to. An item is held under a lease the worker renews while it works; a
            worker that dies loses it, and another redoes it (what was recorded stays, nothing is
            recorded twice). By default a worker stops when no sweep it works on is running;
            --wait keeps it waiting for new sweeps (a Deployment or a service).

            SIGTERM or Ctrl-C stops it: the items it holds go back to the queue at once (their
            attempts not counted) for other workers.

            Exit codes: 0 the sweeps are done (or it was stopped), 2 usage, 3 the history stayed
            out of reach for a minute.

            Examples:
              prakerja worker --store postgres://curator@db.example.id/prakerja --sweep 20261201T020000-1A2B3C4D
              prakerja worker --store postgres://curator@db.example.id/prakerja --wait --items 4
            """
    )

    @Option(help: "Take items of this sweep only.")
    var sweep: String?

    @OptionGroup var work: WorkerOptions

    @Flag(help: "Keep waiting for new sweeps instead of stopping when none is running.")
    var wait = false

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        try work.validate()
        guard !history.noStore, let store = try await history.open() else { throw .usage("a worker takes its work from the results history") }
        io.print("worker \(ResultsStore.processName): taking items\(sweep.map { " of sweep \($0)" } ?? "") from \(store.location)")
        let worker = SweepWorker(store: store, lease: .seconds(work.lease), io: io)
        let working = Task { await worker.work(sweep: sweep, concurrency: work.items, mode: wait ? .forever : .untilFinished) }
        // SIGTERM (a scheduler stopping the worker) or Ctrl-C: the items it holds go back to the
        // queue at once, and it ends with 0.
        let stopping = StopSignals { working.cancel() }
        defer { stopping.cancel() }
        guard await working.value else {
            throw .unjudged("the results history \(store.location) stayed out of reach for a minute")
        }
        io.print("worker \(ResultsStore.processName): " + (working.isCancelled ? "stopped" : "no sweep left to work on"))
        return ExitStatus.passed
    }
}

/// Calls `stop` once when the process gets SIGTERM or SIGINT (which then no longer end it).
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () -> Void) {
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
    }

    /// Stops listening; the signals end the process again.
    func cancel() {
        for source in sources { source.cancel() }
        for number in [SIGTERM, SIGINT] { signal(number, SIG_DFL) }
    }
}

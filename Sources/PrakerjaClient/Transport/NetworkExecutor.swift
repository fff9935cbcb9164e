import NIOCore
import NIOPosix

/// Where the process's servers run (a sandbox, the reference partners, the console): jobs run on
/// the NIO event loops that carry the connections (the one already running, when a job is
/// enqueued from it), not on Swift's shared pool. The requests the kit sends need no such move:
/// `AsyncHTTPClientTransport` keeps an exchange's deadline and body on its event loop.
///
/// Swift's shared pool has one thread per core (two on a 2-core machine). Work that holds a
/// thread for seconds without suspending (parsing a contract, writing a run's results to SQLite,
/// judging a sweep's courses) can fill it, and then a partner served in the same process answers
/// late, and a conformance run would blame the partner for the kit's own load. Tasks that prefer this executor
/// (`withTaskExecutorPreference`) run beside the pool, and a request's handler runs on the loop
/// that read it, with no hop to another thread. A handler's synchronous work (a console page's
/// query) holds its loop as it held a pool thread before; work of seconds belongs on the pool
/// (`Task(executorPreference: globalConcurrentExecutor)`).
public final class NetworkExecutor: TaskExecutor, Sendable {
    /// The process's network executor, on NIO's shared event loops (those AsyncHTTPClient and
    /// Hummingbird use by default).
    public static let shared = NetworkExecutor(group: MultiThreadedEventLoopGroup.singleton)

    private let group: any EventLoopGroup

    /// An executor on `group`'s event loops.
    public init(group: any EventLoopGroup) { self.group = group }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // `any()` is the loop of the calling thread when it is one of the group's.
        group.any().execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

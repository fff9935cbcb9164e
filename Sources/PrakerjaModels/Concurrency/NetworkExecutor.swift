import Foundation

/// Threads of their own for the process's HTTP exchanges: the servers it runs (a sandbox, the
/// reference partners, the console) and the requests it sends.
///
/// Swift's shared pool has one thread per core (two on a 2-core machine). Work that holds a
/// thread for seconds without suspending (parsing a contract, writing a run's results to SQLite,
/// judging a sweep's courses) can fill it, and then a partner served in the same process answers
/// late, and a request's deadline runs out while its answer waits in the queue: a conformance
/// run would blame the partner for the kit's own load. Tasks that prefer this executor
/// (`withTaskExecutorPreference`) run here instead, beside the pool, so a deadline measures the
/// partner, not the process. Jobs run in the order they arrive.
public final class NetworkExecutor: TaskExecutor, @unchecked Sendable {
    /// The process's one network executor.
    public static let shared = NetworkExecutor(threads: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount))

    private let condition = NSCondition()
    /// Jobs waiting, first at `head` (a ring: no shifting when one is taken).
    private var ring: [UnownedJob?] = Array(repeating: nil, count: 64)
    private var head = 0
    private var count = 0

    private init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "prakerja-network-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        if count == ring.count {
            // Full: unroll the ring into an array twice as large, oldest first.
            ring = (0..<count).map { ring[(head + $0) % ring.count] } + Array(repeating: nil, count: count)
            head = 0
        }
        ring[(head + count) % ring.count] = job
        count += 1
        condition.signal()
        condition.unlock()
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while count == 0 { condition.wait() }
            let job = ring[head]
            ring[head] = nil
            head = (head + 1) % ring.count
            count -= 1
            condition.unlock()
            job?.runSynchronously(on: executor)
        }
    }
}

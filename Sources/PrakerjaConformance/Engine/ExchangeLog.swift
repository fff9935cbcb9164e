import PrakerjaClient
import Synchronization

/// The exchanges one check makes, collected by the probe transport while the check runs. The
/// runner binds a fresh log to each check through a task-local, so child tasks of the check (its
/// concurrent requests) record into the same log.
public final class ExchangeLog: Sendable {
    @TaskLocal public static var current: ExchangeLog?

    private let exchanges = Mutex<[HTTPExchange]>([])
    private let answered = Mutex<[SeenResponse]>([])

    public init() {}

    /// Records `exchange` (redacted) and, when there was an answer, the answer as it came.
    func append(_ exchange: HTTPExchange, answering request: TransportRequest? = nil, with response: TransportResponse? = nil) {
        exchanges.withLock { $0.append(exchange) }
        if let request, let response { answered.withLock { $0.append(SeenResponse(request: request, response: response, exchange: exchange)) } }
    }

    /// What was recorded so far, in order.
    public var recorded: [HTTPExchange] { exchanges.withLock { $0 } }

    /// The answers recorded so far, unredacted (kept in memory for the run's own judgement, never
    /// written to a report).
    var responses: [SeenResponse] { answered.withLock { $0 } }

    /// What `body` returns, and the exchanges it made, recorded in a log of their own.
    package static func recording<Value: Sendable>(_ body: () async throws -> Value) async rethrows -> (Value, [HTTPExchange]) {
        let log = ExchangeLog()
        let value = try await $current.withValue(log) { try await body() }
        return (value, log.recorded)
    }
}

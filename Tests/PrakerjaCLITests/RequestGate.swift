import Hummingbird
import PrakerjaHTTPServer
import Synchronization

/// A partner's switch for a test: while closed, every request waits (without an answer) until the
/// gate opens for good. It closes by itself after `closesAfter` requests, if given.
final class RequestGate: RouterMiddleware, Sendable {
    private struct State {
        var isClosed = false
        var openedForGood = false
        var passed = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let closesAfter: Int?

    init(closesAfter: Int? = nil) { self.closesAfter = closesAfter }

    func close() { state.withLock { $0.isClosed = true } }

    /// Lets every waiting and later request through.
    func open() {
        let waiters = state.withLock { state in
            state.isClosed = false
            state.openedForGood = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func handle(_ request: Request, context: SignedJSONContext, next: (Request, SignedJSONContext) async throws -> Response) async throws -> Response
    {
        await withCheckedContinuation { continuation in
            let passes = state.withLock { state in
                if let limit = closesAfter, state.passed >= limit, !state.openedForGood { state.isClosed = true }
                if state.isClosed { state.waiters.append(continuation) } else { state.passed += 1 }
                return !state.isClosed
            }
            if passes { continuation.resume() }
        }
        return try await next(request, context)
    }
}

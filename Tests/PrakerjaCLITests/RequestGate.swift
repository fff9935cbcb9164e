import Hummingbird
import PrakerjaHTTPServer
import Synchronization

/// A partner's switch for a test: while closed, every request waits (without an answer) until the
/// gate opens for good. It closes by itself after `closesAfter` requests, if given. Serve
/// `gate.guarding(router)`: a router's own middleware reaches only the routes added after it.
final class RequestGate: Sendable {
    private struct State {
        var isClosed = false
        var openedForGood = false
        var passed = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        /// Who waits for the first request the gate holds.
        var watchers: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let closesAfter: Int?

    init(closesAfter: Int? = nil) { self.closesAfter = closesAfter }

    func close() { state.withLock { $0.isClosed = true } }

    /// Returns once a request is held at the gate: the client is then in the middle of its work,
    /// waiting for an answer.
    func holding() async {
        await withCheckedContinuation { continuation in
            let already = state.withLock { state in
                if state.waiters.isEmpty { state.watchers.append(continuation) }
                return !state.waiters.isEmpty
            }
            if already { continuation.resume() }
        }
    }

    /// Lets every waiting and later request through; whoever waits in `holding()` returns too
    /// (no request will be held any more).
    func open() {
        let resumed = state.withLock { state in
            state.isClosed = false
            state.openedForGood = true
            defer {
                state.waiters = []
                state.watchers = []
            }
            return state.waiters + state.watchers
        }
        for continuation in resumed { continuation.resume() }
    }

    /// `router` with every request passing this gate first.
    func guarding<Router: HTTPResponderBuilder>(_ router: Router) -> Intercepted<Router> {
        Intercepted(router) { [self] _ in
            await pass()
            return nil
        }
    }

    /// Returns when the gate lets the request through.
    func pass() async {
        await withCheckedContinuation { continuation in
            let (passes, watchers) = state.withLock { state in
                if let limit = closesAfter, state.passed >= limit, !state.openedForGood { state.isClosed = true }
                if state.isClosed { state.waiters.append(continuation) } else { state.passed += 1 }
                defer { if state.isClosed { state.watchers = [] } }
                return (!state.isClosed, state.isClosed ? state.watchers : [])
            }
            for watcher in watchers { watcher.resume() }
            if passes { continuation.resume() }
        }
    }

}

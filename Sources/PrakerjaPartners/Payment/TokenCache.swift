import Foundation
import PrakerjaClient
import Synchronization

/// The payment client's B2B access token: reused while live, renewed 30 seconds before it expires,
/// and requested once for all concurrent callers (single flight).
///
/// Sharing the request matters beyond economy: token requests signed in the same second carry the
/// same asymmetric signature, so a partner's replay guard would refuse all but one of them.
final class TokenCache: Sendable {
    typealias Fetched = (value: String, expiresAt: Date)
    private enum State {
        case none
        case live(Fetched)
        case pending(Task<Result<Fetched, PrakerjaAPIError>, Never>)
    }

    private let state = Mutex(State.none)
    /// How long before its expiry a token is renewed.
    static let renewalMargin: TimeInterval = 30

    /// The live token, or the result of `fetch` (started once, shared by everyone waiting).
    func value(now: Date, fetch: @escaping @Sendable () async throws(PrakerjaAPIError) -> Fetched) async throws(PrakerjaAPIError) -> String {
        let pending: Task<Result<Fetched, PrakerjaAPIError>, Never>
        switch state.withLock({ state -> Lookup in
            switch state {
            case .live(let token) where token.expiresAt > now + Self.renewalMargin:
                return .live(token.value)
            case .pending(let task):
                return .wait(task)
            default:
                let task = Task { () -> Result<Fetched, PrakerjaAPIError> in
                    do throws(PrakerjaAPIError) { return .success(try await fetch()) } catch { return .failure(error) }
                }
                state = .pending(task)
                return .wait(task)
            }
        }) {
        case .live(let value): return value
        case .wait(let task): pending = task
        }
        let result = await pending.value
        state.withLock { state in
            guard case .pending(let current) = state, current == pending else { return }
            if case .success(let token) = result { state = .live(token) } else { state = .none }
        }
        return try result.get().value
    }

    private enum Lookup {
        case live(String)
        case wait(Task<Result<Fetched, PrakerjaAPIError>, Never>)
    }
}

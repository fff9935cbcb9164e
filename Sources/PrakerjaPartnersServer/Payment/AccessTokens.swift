import Foundation
import Synchronization

/// The B2B access tokens a partner has issued, each for one client until it expires.
final class AccessTokens: Sendable {
    private let tokens = Mutex<[String: (clientID: String, expiresAt: Date)]>([:])
    let lifetime: TimeInterval

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    func issue(for clientID: String, now: Date) -> String {
        let token = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        tokens.withLock { tokens in
            if tokens.count > 10_000 { tokens = tokens.filter { $0.value.expiresAt > now } }
            tokens[token] = (clientID, now + lifetime)
        }
        return token
    }

    /// The client a live token belongs to.
    func client(of token: String, now: Date) -> String? {
        tokens.withLock { tokens in
            guard let entry = tokens[token], entry.expiresAt > now else { return nil }
            return entry.clientID
        }
    }
}

import Foundation
import Synchronization

/// The signatures a client sent in the last few seconds, so it never sends the same signed
/// request twice: the program would refuse the second as a replay.
final class RecentSignatures: Sendable {
    private let sent = Mutex<[String: TimeInterval]>([:])
    /// Timestamps are whole seconds; entries older than this cannot collide again.
    private static let horizon: TimeInterval = 2

    /// Records `signature`; false if it was already sent.
    func insert(_ signature: String, at date: Date) -> Bool {
        let now = date.timeIntervalSince1970
        return sent.withLock { sent in
            if sent.count > 256 { sent = sent.filter { now - $0.value < Self.horizon } }
            guard sent[signature] == nil || now - sent[signature]! >= Self.horizon else { return false }
            sent[signature] = now
            return true
        }
    }
}

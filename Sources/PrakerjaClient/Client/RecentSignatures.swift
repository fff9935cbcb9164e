import Foundation
import Synchronization

/// The signatures a client sent in the current second, so it never sends the same signed request
/// twice: the program would refuse the second as a replay. A signature covers its timestamp (whole
/// seconds), so only signatures of the same second can repeat; older ones are forgotten at once.
final class RecentSignatures: Sendable {
    private let sent = Mutex<(second: Int64, signatures: Set<String>)>((0, []))

    /// Records `signature`, made at `date`; false if it was already sent.
    func insert(_ signature: String, at date: Date) -> Bool {
        let second = Int64(date.timeIntervalSince1970.rounded(.down))
        return sent.withLock { sent in
            if sent.second != second { sent = (second, []) }
            return sent.signatures.insert(signature).inserted
        }
    }
}

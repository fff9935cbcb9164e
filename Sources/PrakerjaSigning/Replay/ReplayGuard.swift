import Foundation
import PrakerjaModels
import Synchronization

/// A bounded, time-windowed set of what a verifier has already accepted.
///
/// Two uses: identical signed requests inside the timestamp window (keyed by signature), and
/// SNAP's X-EXTERNAL-ID, unique per partner per day (keyed by partner, day and ID). Each entry
/// lives until it can no longer matter: a signature until its timestamp leaves the window, an
/// external ID until the end of its day. Expired entries are dropped as new ones arrive, oldest
/// expiry first (a min-heap), so admitting is O(log n).
///
/// When `capacity` live entries are held, new ones are refused (`replayGuardFull`) rather than
/// admitted unchecked: a full guard fails closed. Size it for the window times the peak rate.
public final class ReplayGuard: Sendable {
    public let capacity: Int
    private let state: Mutex<State>

    public init(capacity: Int = 100_000) {
        precondition(capacity > 0, "a replay guard needs room for at least one entry")
        self.capacity = capacity
        self.state = Mutex(State())
    }

    /// The number of live entries (expired ones may still be counted until the next admission).
    public var count: Int { state.withLock { $0.expiries.count } }

    /// Admits `key` until `expiry`; throws `.replayed` if it is already held, `.replayGuardFull` if there is no room.
    public func admit(_ key: String, until expiry: Date, now: Date) throws(SignatureError) {
        let result: SignatureError? = state.withLock { state in
            state.dropExpired(before: now)
            if state.expiries[key] != nil { return .replayed }
            guard state.expiries.count < capacity else { return .replayGuardFull(capacity: capacity) }
            state.insert(key, expiry: expiry)
            return nil
        }
        if let result { throw result }
    }

    /// Admits a SNAP X-EXTERNAL-ID for `partnerID` on the day of `timestamp` in Jakarta (WIB).
    public func admitExternalID(_ externalID: String, partnerID: String, timestamp: Date, now: Date) throws(SignatureError) {
        let day = CalendarDate(timestamp)
        do throws(SignatureError) {
            try admit("external-id|\(partnerID)|\(day)|\(externalID)", until: day.adding(days: 1).startDate(), now: now)
        } catch .replayed {
            throw .duplicateExternalID(externalID)
        }
    }

    private struct State {
        var expiries: [String: Date] = [:]
        /// Min-heap on expiry.
        var heap: [(expiry: Date, key: String)] = []

        mutating func insert(_ key: String, expiry: Date) {
            expiries[key] = expiry
            heap.append((expiry, key))
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard heap[child].expiry < heap[parent].expiry else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }

        mutating func dropExpired(before now: Date) {
            while let top = heap.first, top.expiry < now {
                expiries.removeValue(forKey: top.key)
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var smallest = parent
                    if left < heap.count, heap[left].expiry < heap[smallest].expiry { smallest = left }
                    if right < heap.count, heap[right].expiry < heap[smallest].expiry { smallest = right }
                    guard smallest != parent else { break }
                    heap.swapAt(parent, smallest)
                    parent = smallest
                }
            }
        }
    }
}

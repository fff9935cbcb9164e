import Foundation
import PrakerjaModels
import Synchronization

/// A bounded, time-windowed set of what a verifier has already accepted.
///
/// Two uses: identical signed requests inside the timestamp window (keyed by signature), and
/// SNAP's X-EXTERNAL-ID, unique per partner per day (keyed by partner, day and ID). Each entry
/// lives until it can no longer matter: a signature until its timestamp leaves the window, an
/// external ID until the end of its day.
///
/// An entry is held as a 128-bit fingerprint of its key (two SipHash values under the process's
/// random seed), not as the key's text: it takes 16 bytes, and looking it up reads no string
/// storage. Two of n held keys share a fingerprint with a chance of about n²/2¹²⁹, under a seed no
/// caller knows, so no caller can aim at another's entry. Expiry is kept per whole second: the
/// entries expiring in one second are dropped together once the clock has passed that second, so
/// an entry may outlive its expiry by under a second and never dies before it. Admitting is
/// amortised O(1); the seconds held at once are bounded by the window's width (and one per day for
/// external IDs), since a timestamp outside the window never reaches the guard.
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
    public var count: Int { state.withLock { $0.held.count } }

    /// Admits `key` until `expiry`; throws `.replayed` if it is already held, `.replayGuardFull` if there is no room.
    public func admit(_ key: String, until expiry: Date, now: Date) throws(SignatureError) {
        let fingerprint = Fingerprint(key)
        let result: SignatureError? = state.withLock { state in
            state.dropExpired(before: now)
            if state.held.contains(fingerprint) { return .replayed }
            guard state.held.count < capacity else { return .replayGuardFull(capacity: capacity) }
            state.insert(fingerprint, expiry: expiry)
            return nil
        }
        if let result { throw result }
    }

    /// Admits `key` like `admit(_:until:now:)`, except that a key already held which was first
    /// admitted (by this method) at most `interval` ago is let through, answered false: a repeat,
    /// not a replay. A client whose timestamps are whole seconds sends the same signed request
    /// twice when it asks the same thing twice within a second; a captured request replayed later
    /// is still refused. True when the key was new.
    public func admit(_ key: String, until expiry: Date, now: Date, repeatsWithin interval: TimeInterval) throws(SignatureError) -> Bool {
        let fingerprint = Fingerprint(key)
        let result: Result<Bool, SignatureError> = state.withLock { state in
            state.dropExpired(before: now)
            state.dropArrivals(before: now.addingTimeInterval(-interval))
            if state.held.contains(fingerprint) { return state.arrivals[fingerprint] == nil ? .failure(.replayed) : .success(false) }
            guard state.held.count < capacity else { return .failure(.replayGuardFull(capacity: capacity)) }
            state.insert(fingerprint, expiry: expiry)
            state.arrivals[fingerprint] = now
            state.arrivalOrder.append((now, fingerprint))
            return .success(true)
        }
        return try result.get()
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

    /// A key's 128 bits: two independent keyed hashes of its UTF-8 bytes.
    private struct Fingerprint: Hashable {
        let high: UInt64, low: UInt64

        init(_ key: String) {
            var key = key
            (high, low) = key.withUTF8 { bytes in
                var first = Hasher(), second = Hasher()
                first.combine(UInt8(0))
                second.combine(UInt8(1))
                first.combine(bytes: UnsafeRawBufferPointer(bytes))
                second.combine(bytes: UnsafeRawBufferPointer(bytes))
                return (UInt64(UInt(bitPattern: first.finalize())), UInt64(UInt(bitPattern: second.finalize())))
            }
        }

        /// One word is enough to place it: both are already uniformly spread.
        func hash(into hasher: inout Hasher) { hasher.combine(low) }
    }

    private struct State {
        var held: Set<Fingerprint> = []
        /// What expires in each whole second (the expiry rounded up), and those seconds in order.
        var expiring: [Int64: [Fingerprint]] = [:]
        var seconds: [Int64] = []
        /// When the keys admitted by `admit(_:until:now:repeatsWithin:)` came, while it matters,
        /// and in the order they came (`arrivalStart` is the first still held).
        var arrivals: [Fingerprint: Date] = [:]
        var arrivalOrder: [(Date, Fingerprint)] = []
        var arrivalStart = 0

        mutating func insert(_ fingerprint: Fingerprint, expiry: Date) {
            held.insert(fingerprint)
            let second = Int64(expiry.timeIntervalSince1970.rounded(.up))
            if expiring[second] == nil {
                // Seconds mostly arrive in order: search from the end.
                var index = seconds.endIndex
                while index > seconds.startIndex, seconds[index - 1] > second { index -= 1 }
                seconds.insert(second, at: index)
            }
            expiring[second, default: []].append(fingerprint)
        }

        mutating func dropArrivals(before oldest: Date) {
            while arrivalStart < arrivalOrder.count, arrivalOrder[arrivalStart].0 < oldest {
                arrivals.removeValue(forKey: arrivalOrder[arrivalStart].1)
                arrivalStart += 1
            }
            if arrivalStart > 1024, arrivalStart * 2 > arrivalOrder.count {
                arrivalOrder.removeFirst(arrivalStart)
                arrivalStart = 0
            }
        }

        mutating func dropExpired(before now: Date) {
            let now = now.timeIntervalSince1970
            while let second = seconds.first, Double(second) < now {
                for fingerprint in expiring.removeValue(forKey: second) ?? [] { held.remove(fingerprint) }
                seconds.removeFirst()
            }
        }
    }
}

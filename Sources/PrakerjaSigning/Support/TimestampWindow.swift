import Foundation

/// How far a request's signed timestamp may be from the verifier's clock, in either direction.
///
/// A signature is only as fresh as its timestamp: outside the window it is refused even when it is
/// correct, which bounds how long a captured request can be replayed (the replay guard covers
/// the inside of the window).
public struct TimestampWindow: Hashable, Sendable {
    /// Seconds allowed before and after the verifier's clock.
    public let toleranceSeconds: Int

    /// Five minutes either side.
    public static let standard = TimestampWindow(toleranceSeconds: 300)

    public init(toleranceSeconds: Int) {
        precondition(toleranceSeconds >= 0, "a timestamp window cannot be negative")
        self.toleranceSeconds = toleranceSeconds
    }

    /// Refuses `timestamp` when it is more than `toleranceSeconds` from `now`.
    public func check(_ timestamp: Date, now: Date) throws(SignatureError) {
        let skew = timestamp.timeIntervalSince(now)
        guard abs(skew) <= TimeInterval(toleranceSeconds) else {
            throw .timestampOutsideWindow(skewSeconds: Int(skew.rounded()), toleranceSeconds: toleranceSeconds)
        }
    }

    /// The last moment a request signed at `timestamp` is still accepted.
    func acceptedUntil(_ timestamp: Date) -> Date { timestamp.addingTimeInterval(TimeInterval(toleranceSeconds)) }
}

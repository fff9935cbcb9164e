import Foundation
import PrakerjaSigning
import Synchronization

/// A clock for verifiers that keeps real time until a test moves it forward: a request's arrival
/// "a few seconds later" is a step, never a wait.
public final class ShiftedClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    public init() {}

    /// The time this clock reads now: real time plus every step so far.
    public var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    public var signingClock: SigningClock { SigningClock { [self] in now } }

    public func advance(by duration: Duration) {
        offset.withLock { $0 += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
    }
}

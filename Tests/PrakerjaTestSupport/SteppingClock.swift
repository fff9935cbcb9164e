import Foundation
import PrakerjaSigning
import Synchronization

/// A clock for signers and verifiers that moves only when a test moves it (or when the code under
/// test sleeps on it): a second boundary is crossed by advancing it, never by waiting.
public final class SteppingClock: Sendable {
    private let now: Mutex<Date>
    private let sleeps = Mutex<[Duration]>([])

    public init(_ start: Date = Date(timeIntervalSince1970: 1_635_818_400)) { now = Mutex(start) }

    public var signingClock: SigningClock { SigningClock { [self] in now.withLock { $0 } } }

    /// What the code under test slept, in order.
    public var slept: [Duration] { sleeps.withLock { $0 } }

    public func advance(by duration: Duration) {
        now.withLock { $0 = $0.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) }
    }

    /// A sleep that records the wait and advances the clock by it at once.
    public var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in
            sleeps.withLock { $0.append(duration) }
            advance(by: duration)
        }
    }
}

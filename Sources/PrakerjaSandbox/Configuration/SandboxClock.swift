import Foundation
import Synchronization

/// The sandbox's business clock: real time shifted by an offset that tests set or advance, so a
/// test can jump to session 2 tomorrow without waiting.
public final class SandboxClock: Sendable {
    private let offset: Mutex<TimeInterval>

    public init(startingAt start: Date) { offset = Mutex(start.timeIntervalSinceNow) }

    public func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    public func set(_ date: Date) { offset.withLock { $0 = date.timeIntervalSinceNow } }

    public func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}

import Foundation

/// Where signers and verifiers read the time: the system clock in production, a fixed or
/// stepping clock in tests, so every signature and every window check is reproducible.
public struct SigningClock: Sendable {
    public let now: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = SigningClock { Date() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> SigningClock { SigningClock { date } }
}

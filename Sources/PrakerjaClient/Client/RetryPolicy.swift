import Foundation

/// When and how the client retries.
///
/// Only operations that cannot change state twice are retried (`Operation.isSafeToRetry`: status
/// and quota queries), and only after a transient fault: a timeout, a broken connection, or HTTP
/// 429, 502, 503 or 504. Each retry is signed anew. Delays grow exponentially with jitter and honour
/// `Retry-After`; they are at least one second, because the program's timestamps are in seconds and
/// a retry signed in the same second would be the same signed request: a replay.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public let maximumAttempts: Int
    public let baseDelay: Duration
    public let maximumDelay: Duration
    /// How long to wait; tests inject a sleep that advances their clock.
    public let sleep: @Sendable (Duration) async throws -> Void

    public static let standard = RetryPolicy(maximumAttempts: 3, baseDelay: .seconds(1), maximumDelay: .seconds(10))
    public static let never = RetryPolicy(maximumAttempts: 1, baseDelay: .seconds(1), maximumDelay: .seconds(1))

    public init(
        maximumAttempts: Int, baseDelay: Duration, maximumDelay: Duration,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = max(baseDelay, .seconds(1))  // a retry must be a new signed request
        self.maximumDelay = max(maximumDelay, self.baseDelay)
        self.sleep = sleep
    }

    /// HTTP statuses that mean "try again later".
    public static let transientStatuses: Set<Int> = [429, 502, 503, 504]

    /// The wait before attempt `attempt + 1`: exponential with up to 20% jitter, raised to `retryAfter` when the server asks.
    func delay(after attempt: Int, retryAfter: Duration?) -> Duration {
        let exponential = baseDelay * (1 << min(attempt - 1, 16))
        let jittered = exponential + exponential * Double.random(in: 0..<0.2)
        let wanted = max(jittered, retryAfter ?? .zero)
        return min(max(wanted, .seconds(1)), max(maximumDelay, retryAfter ?? .zero))
    }

    /// `Retry-After` in seconds (the HTTP-date form is not used by the program).
    static func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Int(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(min(seconds, 3600))
    }
}

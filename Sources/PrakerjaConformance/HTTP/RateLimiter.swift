import Foundation

/// Spaces requests to one partner: at most `requestsPerSecond`, shared by every check of a run.
/// Each caller reserves the next free slot, so concurrent checks queue fairly.
actor RateLimiter {
    private let interval: Duration
    private var nextSlot = ContinuousClock.now

    init(requestsPerSecond: Double) {
        interval = requestsPerSecond > 0 ? .nanoseconds(Int64(1_000_000_000 / requestsPerSecond)) : .zero
    }

    /// Waits for this caller's slot.
    func wait() async throws {
        guard interval > .zero else { return }
        let now = ContinuousClock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
    }
}

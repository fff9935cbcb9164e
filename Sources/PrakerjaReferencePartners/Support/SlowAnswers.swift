import Hummingbird

/// The `slow-answers` defect every reference partner has: each call (or each `slowed` picks) is
/// answered only after `delay`, well above the sample configs' p50 objective of 200 ms, so the
/// latency check fails while every other rule still holds.
public struct SlowAnswers<Context: RequestContext>: RouterMiddleware {
    /// How long each answer waits.
    public static var delay: Duration { .milliseconds(300) }

    let slowed: @Sendable (Request) -> Bool

    /// Every call slow, or those `slowed` picks.
    public init(where slowed: @escaping @Sendable (Request) -> Bool = { _ in true }) { self.slowed = slowed }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if slowed(request) { try await Task.sleep(for: Self.delay) }
        return try await next(request, context)
    }
}

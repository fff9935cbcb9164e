import Hummingbird

/// The `slow-answers` defect every reference partner has: each call is answered only after
/// `delay`, well above the sample configs' p50 objective of 200 ms, so the latency check fails
/// while every other rule still holds.
public struct SlowAnswers<Context: RequestContext>: RouterMiddleware {
    /// How long each answer waits.
    public static var delay: Duration { .milliseconds(300) }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await Task.sleep(for: Self.delay)
        return try await next(request, context)
    }
}

import Hummingbird

/// A router with a step before every request it answers, ahead of the router's own middleware
/// (which reaches only the routes added after it): the network's latency in a benchmark, a gate
/// or a counter in a test. A step that returns a response answers in the router's place.
public struct Intercepted<Router: HTTPResponderBuilder>: HTTPResponderBuilder {
    let router: Router
    let step: @Sendable (Request) async throws -> Response?

    public init(_ router: Router, step: @escaping @Sendable (Request) async throws -> Response?) {
        self.router = router
        self.step = step
    }

    public func buildResponder() -> CallbackResponder<Router.Responder.Context> {
        let responder = router.buildResponder(), step = step
        return CallbackResponder { request, context in
            if let answer = try await step(request) { return answer }
            return try await responder.respond(to: request, context: context)
        }
    }
}

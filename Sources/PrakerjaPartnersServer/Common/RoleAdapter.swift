import Hummingbird
import PrakerjaHTTPServer

/// An adapter that serves a role API the program signs its calls to (training provider, digital
/// platform, job portal): a Hummingbird controller, generic over the request context, that a
/// partner adds to a group of their own application or mounts on a router of its own.
public protocol RoleAdapter: Sendable {
    /// Adds the contract's routes, and the middleware that verifies them, to `group`: how a
    /// partner serves the contract inside their own application, beside their own routes and
    /// middleware (which run first).
    func addRoutes<Context: SignedRequestContext>(to group: RouterGroup<Context>)
}

extension RoleAdapter {
    /// Adds the contract's routes to a router that serves only this contract, which then answers
    /// routes the contract does not have (an unknown path, a known path with another method) in
    /// the contract's error form too.
    public func mount<Context: SignedRequestContext>(on router: Router<Context>) {
        router.add(middleware: ContractErrorMiddleware<Context, RoleError>(failure: RoleError.self))
        addRoutes(to: router.group())
    }
}

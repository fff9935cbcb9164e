import Hummingbird

/// How one signature scheme authenticates a request: from its head and its body bytes, who signed it.
package protocol RequestAuthenticator: Sendable {
    func authenticate(_ request: Request, body: [UInt8]) throws(AuthenticationFailure) -> String
}

/// Verifies each request with a scheme (program HMAC-SHA1, SNAP B2B token, SNAP transaction),
/// its timestamp window and its replay guard, and records the caller in the context; a request
/// that does not authenticate is refused in the contract's form. Runs after `BodyLimitMiddleware`.
package struct AuthenticationMiddleware<Context: SignedRequestContext, Failure: ContractError>: RouterMiddleware {
    let authenticator: any RequestAuthenticator

    package init(_ authenticator: any RequestAuthenticator, failure: Failure.Type) { self.authenticator = authenticator }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        do {
            context.caller = try authenticator.authenticate(request, body: context.requestBody)
        } catch {
            throw Failure.unauthenticated(error)
        }
        return try await next(request, context)
    }
}

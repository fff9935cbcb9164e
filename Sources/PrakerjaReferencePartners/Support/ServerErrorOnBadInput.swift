import Hummingbird

/// The `server-error-on-bad-input` defect every reference partner has: a request the contract
/// refuses with 400 is answered 500 instead, as if the partner crashed on it. The body is
/// rewritten by `rewrite` into the contract's form for a server error.
public struct ServerErrorOnBadInput<Context: RequestContext>: RouterMiddleware {
    let rewrite: @Sendable ([String: Any]) -> [String: Any]

    public init(rewrite: @escaping @Sendable ([String: Any]) -> [String: Any]) { self.rewrite = rewrite }

    /// For the three roles that answer errors as `{"error": {"code", "message"}}`.
    public static var roleErrorForm: ServerErrorOnBadInput {
        ServerErrorOnBadInput { _ in ["error": ["code": "internal_error", "message": "the partner failed"]] }
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await ResponseRewriting.response(request, context, next)
        guard response.status == .badRequest else { return response }
        response.status = .internalServerError
        try await ResponseRewriting.rewriteJSON(&response, rewrite)
        return response
    }
}

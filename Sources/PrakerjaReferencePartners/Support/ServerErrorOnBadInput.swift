import Hummingbird

/// The `server-error-on-bad-input` defect every reference partner has: a request the contract
/// refuses with 400 is answered 500 instead, as if the partner crashed on it. The body is
/// rewritten by `rewrite` into the contract's form for a server error. Narrower switches fail
/// only the refusals `fails` picks (a cursor it never issued, an over-long path).
public struct ServerErrorOnBadInput<Context: RequestContext>: RouterMiddleware {
    /// Whether a refusal of `request` with `status`, its error naming `field`, becomes a failure.
    public typealias Selection = @Sendable (_ request: Request, _ status: HTTPResponse.Status, _ field: String?) -> Bool

    let rewrite: @Sendable ([String: Any]) -> [String: Any]
    let fails: Selection

    public init(rewrite: @escaping @Sendable ([String: Any]) -> [String: Any], fails: @escaping Selection = { _, status, _ in status == .badRequest })
    {
        self.rewrite = rewrite
        self.fails = fails
    }

    /// For the three roles that answer errors as `{"error": {"code", "message"}}`.
    public static var roleErrorForm: ServerErrorOnBadInput { roleErrorForm { _, status, _ in status == .badRequest } }

    /// The refusals `fails` picks, failing in the three roles' error form.
    public static func roleErrorForm(failing fails: @escaping Selection) -> ServerErrorOnBadInput {
        ServerErrorOnBadInput(rewrite: { _ in ["error": ["code": "internal_error", "message": "the partner failed"]] }, fails: fails)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await ResponseRewriting.response(request, context, next)
        guard (400..<500).contains(response.status.code) else { return response }
        let field = (try await ResponseRewriting.readJSON(&response)?["error"] as? [String: Any])?["field"] as? String
        guard fails(request, response.status, field) else { return response }
        response.status = .internalServerError
        try await ResponseRewriting.rewriteJSON(&response, rewrite)
        return response
    }
}

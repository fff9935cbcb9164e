import Hummingbird
import Logging
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaSigning

/// The routes of a role API the program signs its calls to (training provider, digital platform,
/// job portal), on a group whose middleware does what every route needs: refusals in the role
/// error form, the body read up to the limit, and the program's signature verified over the
/// method, the target as sent (path and query) and the body, inside the window, never twice.
/// A route then parses its query strictly, decodes its body, runs its handler and answers JSON;
/// a `RoleServiceError` a handler throws becomes its 404/400/409, anything else a logged
/// `internal_error`, never a crash.
struct RoleRoutes<Context: SignedRequestContext> {
    let group: RouterGroup<Context>

    /// The role API's middleware on `group`, verifying with `authenticator`.
    init(_ group: RouterGroup<Context>, configuration: RoleAdapterConfiguration, authenticator: ProgramSignatureAuthenticator) {
        // A group of its own: middleware added to the caller's group would wrap the caller's later routes too.
        self.group = group.group()
            .add(
                middleware: SignedRequestMiddleware<Context, RoleError>(
                    limit: configuration.maximumBodyBytes, authenticator: authenticator, failure: RoleError.self))
    }

    /// What a handler gets besides the body: who called, the query and the path parameters.
    struct Call: Sendable {
        let clientCode: String
        let query: QueryParameters
        let parameters: Parameters

        /// A path parameter (`{id}` in the route), percent-decoded and checked as an identifier.
        func path(_ name: String) throws(RoleError) -> String {
            guard let raw = parameters.get(name), let value = raw.removingPercentEncoding, !value.isEmpty,
                value.utf8.count <= 100, !value.contains(where: { $0.isNewline || $0 == "/" })
            else { throw RoleError(.invalidParameter, "\(name): not a valid identifier", field: name) }
            return value
        }
    }

    /// Adds `GET path` with the query parameters it `accepts`.
    func get<Result: Encodable & Sendable>(_ path: String, accepts: Set<String> = [], _ handler: @escaping @Sendable (Call) async throws -> Result) {
        group.get(RouterPath(path)) { request, context in
            let call = try Self.call(request, context, accepts: accepts)
            return try JSONResponse.encode(.ok, try await handler(call), failing: RoleError.self)
        }
    }

    /// Adds `POST path` whose JSON body decodes as `Body`; the handler chooses the success status (200 or 201).
    func post<Body: Decodable & Sendable, Result: Encodable & Sendable>(
        _ path: String, _ body: Body.Type, _ handler: @escaping @Sendable (Body, Call) async throws -> (status: Int, result: Result)
    ) {
        group.post(RouterPath(path)) { request, context in
            let call = try Self.call(request, context, accepts: [])
            let (status, result) = try await handler(try context.decodeBody(Body.self, failure: RoleError.self), call)
            return try JSONResponse.encode(HTTPResponse.Status(code: status), result, failing: RoleError.self)
        }
    }

    private static func call(_ request: Request, _ context: Context, accepts: Set<String>) throws(RoleError) -> Call {
        guard let clientCode = context.caller else { throw RoleError(.unauthenticated, "the request was not authenticated") }
        // The router reads `/v1/courses/` and `/v1//courses` as `/v1/courses`; the contract's
        // paths are exact, so a path with an empty segment is no path of the contract.
        let path = request.uri.path
        if path.contains("//") || (path.count > 1 && path.hasSuffix("/")) {
            throw RoleError.noSuchRoute(method: request.method.rawValue, path: path)
        }
        return Call(clientCode: clientCode, query: try QueryParameters(request.uri.query, accepting: accepts), parameters: context.parameters)
    }
}

extension RoleAdapterConfiguration {
    /// The program's signature over the target as sent, for these clients, with a replay guard of its own.
    func authenticator() -> ProgramSignatureAuthenticator {
        ProgramSignatureAuthenticator(
            keys: Dictionary(clients.map { ($0.clientCode, $0.signKey) }, uniquingKeysWith: { $1 }),
            policy: VerificationPolicy(window: window, clock: clock, replayGuard: ReplayGuard(capacity: replayCapacity)), target: .pathAndQuery)
    }
}

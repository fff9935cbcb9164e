import HTTPTypes
import Hummingbird

/// The `framework-not-found` defect every program-signed reference partner has: a request for a
/// route the contract does not have (an unknown path, or a known path with another method) is
/// answered with a web framework's HTML page instead of the contract's `404 not_found`; a known
/// route's own 404 (an unknown course, say) is left as it is.
struct FrameworkNotFound<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await ResponseRewriting.response(request, context, next)
        guard response.status == .notFound,
            let message = (try await ResponseRewriting.readJSON(&response)?["error"] as? [String: Any])?["message"] as? String,
            message.hasPrefix("no such route")
        else { return response }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(
            status: request.method == .get ? .notFound : .methodNotAllowed, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: "<html><body><h1>Whitelabel Error Page</h1><p>Not Found</p></body></html>")))
    }
}

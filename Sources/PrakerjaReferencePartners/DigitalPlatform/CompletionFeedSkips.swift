import Hummingbird
import PrakerjaHTTPServer

/// The digital platform's `completion-feed-skips` defect: every completion page but the last
/// loses its last item while its `nextCursor` still points past it, so a client walking the feed
/// in pages never sees those completions (one page holding the whole feed shows them).
struct CompletionFeedSkips: RouterMiddleware {
    typealias Context = SignedJSONContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await ResponseRewriting.response(request, context, next)
        guard request.uri.path == "/v1/completions", response.status == .ok else { return response }
        try await ResponseRewriting.rewriteJSON(&response) { page in
            guard page["nextCursor"] is String, let items = page["items"] as? [Any], items.count > 1 else { return page }
            var page = page
            page["items"] = Array(items.dropLast())
            return page
        }
        return response
    }
}

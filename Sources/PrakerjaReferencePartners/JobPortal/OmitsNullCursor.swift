import Foundation
import Hummingbird
import PrakerjaHTTPServer

/// The portal's `schema-violation` defect, applied around the SDK's adapter (which stays
/// correct): a last page's `"nextCursor": null` is left out, though the contract requires the field.
struct OmitsNullCursor: RouterMiddleware {
    func handle(
        _ request: Request, context: SignedJSONContext,
        next: (Request, SignedJSONContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        guard response.status == .ok else { return response }
        try await ResponseRewriting.rewriteJSON(&response) { page in
            guard page["nextCursor"] is NSNull else { return page }
            var page = page
            page["nextCursor"] = nil
            return page
        }
        return response
    }
}

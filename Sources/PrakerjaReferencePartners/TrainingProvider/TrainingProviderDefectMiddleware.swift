import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaHTTPServer
import PrakerjaPartners
import PrakerjaSigning

/// The catalogue's `schema-violation` defect, applied around the SDK's adapter (which stays
/// correct): the catalogue's prices are rewritten as text.
struct TrainingProviderDefectMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: SignedJSONContext,
        next: (Request, SignedJSONContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        guard request.uri.path == TrainingProviderPaths.courses, response.status == .ok else { return response }
        try await ResponseRewriting.rewriteJSON(&response) { page in
            var page = page
            page["items"] = (page["items"] as? [[String: Any]])?.map { item in
                var item = item
                if let price = item["price"] as? Int { item["price"] = "Rp\(price / 1000).000" }
                return item
            }
            return page
        }
        return response
    }
}

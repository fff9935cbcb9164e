import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaHTTPServer
import PrakerjaPartners
import PrakerjaSigning
import ReferencePartnerSupport

/// The protocol-level defects, applied around the SDK's adapter (which stays correct):
/// - `unauthenticated-access` signs every request as the program would before the adapter checks it;
/// - `schema-violation` rewrites the catalogue's prices as text.
struct TrainingProviderDefectMiddleware: RouterMiddleware {
    let defects: Set<TrainingProviderDefect>

    func handle(_ request: Request, context: BasicRequestContext,
                next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        var request = request
        if defects.contains(.unauthenticatedAccess) {
            let body = (try? await BodyReader.read(request, limit: 1 << 20)) ?? []
            var head = request.head
            let signed = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)
                .headers(method: head.method.rawValue, path: head.path ?? "/", body: body)
            for field in signed.fields { head.headerFields[HTTPField.Name(field.name)!] = field.value }
            request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body)))
        }
        var response = try await next(request, context)
        guard defects.contains(.schemaViolation), request.uri.path == TrainingProviderPaths.courses, response.status == .ok else { return response }
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

import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaHTTPServer
import PrakerjaPartners
import PrakerjaSigning
import Synchronization
import ReferencePartnerSupport

/// The protocol-level defects, applied around the SDK's adapter (which stays correct):
/// - `unauthenticated-access` signs a request that is not validly signed as the program would,
///   before the adapter checks it (each at its own recent timestamp, so that two such requests are
///   never one signature, which the adapter would refuse as a replay);
/// - `schema-violation` rewrites the catalogue's prices as text.
struct TrainingProviderDefectMiddleware: RouterMiddleware {
    let defects: Set<TrainingProviderDefect>
    private let resigned = Counter()
    private let scheme = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)

    init(defects: Set<TrainingProviderDefect>) { self.defects = defects }

    func handle(_ request: Request, context: BasicRequestContext,
                next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        var request = request
        if defects.contains(.unauthenticatedAccess) {
            let body = (try? await BodyReader.read(request, limit: 1 << 20)) ?? []
            var head = request.head
            let path = head.path ?? "/", method = head.method.rawValue
            let sentTimestamp = head.headerFields[HTTPField.Name(ProgramSignature.timestampHeader)!] ?? ""
            let sentSignature = head.headerFields[HTTPField.Name(ProgramSignature.signatureHeader)!]
            let sentAt = Double(sentTimestamp).map { Date(timeIntervalSince1970: $0) }
            let validlySigned = sentSignature == scheme.signature(timestamp: sentTimestamp, method: method, path: path, body: body)
                && sentAt.map { abs($0.timeIntervalSinceNow) < 240 } == true
            if !validlySigned {
                let offset = resigned.next() % 200
                let timestamp = String(Int64(Date().timeIntervalSince1970) - Int64(offset))
                for field in scheme.headers(timestamp: timestamp, method: method, path: path, body: body).fields {
                    head.headerFields[HTTPField.Name(field.name)!] = field.value
                }
            }
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

/// A count shared by the middleware's copies.
private final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}

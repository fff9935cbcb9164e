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
    private let issued = IssuedSignatures()
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
                // The newest timestamp a few seconds back (the program's own calls are signed now)
                // whose signature this middleware has not issued yet.
                let now = Int64(Date().timeIntervalSince1970)
                let fields = issued.first(of: (5..<205).lazy.map { now - $0 }.map { timestamp in
                    self.scheme.headers(timestamp: String(timestamp), method: method, path: path, body: body)
                })
                for field in fields ?? [] { head.headerFields[HTTPField.Name(field.name)!] = field.value }
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

/// The signatures the middleware has issued, shared by its copies, so it never issues one twice
/// (the adapter would refuse the second as a replay).
private final class IssuedSignatures: Sendable {
    private let signatures = Mutex<Set<String>>([])

    /// The fields of the first candidate whose signature is new, recorded as issued.
    func first(of candidates: some Sequence<SignedHeaders>) -> [(name: String, value: String)]? {
        signatures.withLock { issued in
            for candidate in candidates where !issued.contains(candidate.signature) {
                if issued.count > 100_000 { issued.removeAll() }
                issued.insert(candidate.signature)
                return candidate.fields
            }
            return nil
        }
    }
}

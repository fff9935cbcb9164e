import Foundation
import Hummingbird
import NIOCore
import PrakerjaHTTPServer
import PrakerjaSigning

/// The `signature-over-decoded-target` defect: the partner decodes the target before it
/// verifies, so a signature over `limit=1` passes for a request sent as `limit=%31` (a proxy may
/// re-encode a query the program signed). Before the SDK's adapter (which verifies the target
/// exactly as sent) sees such a request, this signs it again over what was sent.
struct SignatureOverDecodedTarget: RouterMiddleware {
    typealias Context = SignedJSONContext
    private let scheme = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let body = (try? await BodyReader.read(&request, limit: 1 << 20)) ?? []
        var head = request.head
        let sent = head.path ?? "/", method = head.method.rawValue
        let timestamp = head.headerFields[.programTimestamp] ?? ""
        if let decoded = sent.removingPercentEncoding, decoded != sent,
            head.headerFields[.programSignature] == scheme.signature(timestamp: timestamp, method: method, path: decoded, body: body)
        {
            head.headerFields[.programSignature] = scheme.signature(timestamp: timestamp, method: method, path: sent, body: body)
        }
        return try await next(Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body))), context)
    }
}

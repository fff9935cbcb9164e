import Foundation
import Hummingbird
import NIOCore
import PrakerjaHTTPServer
import PrakerjaSigning

/// The `unknown-parameter-after-first-page` defect: on a later page (a request with a `cursor`)
/// of the list at `path`, parameters other than `accepted` are dropped instead of refused, as a
/// partner that validates only the first page's query would. The SDK's adapter (which stays
/// correct) sees the request without them, signed again with the timestamp that was sent.
struct LaterPagesIgnoreUnknownParameters: RouterMiddleware {
    typealias Context = SignedJSONContext
    let path: String
    let accepted: Set<String>
    private let scheme = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)

    init(path: String, accepted: Set<String>) {
        self.path = path
        self.accepted = accepted
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == path, let query = request.uri.query, query.contains("cursor=") else { return try await next(request, context) }
        let kept = query.split(separator: "&").filter { accepted.contains(String($0.split(separator: "=").first ?? "")) }
        guard kept.count < query.split(separator: "&").count else { return try await next(request, context) }
        var head = request.head
        let timestamp = head.headerFields[.programTimestamp] ?? "", method = head.method.rawValue
        // Only a request signed right: a forged one stays for the adapter to refuse.
        guard head.headerFields[.programSignature] == scheme.signature(timestamp: timestamp, method: method, path: head.path ?? "", body: []) else {
            return try await next(request, context)
        }
        let target = path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        head.path = target
        head.headerFields[.programSignature] = scheme.signature(timestamp: timestamp, method: method, path: target, body: [])
        return try await next(Request(head: head, body: request.body), context)
    }
}

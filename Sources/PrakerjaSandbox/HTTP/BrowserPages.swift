import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaClient
import PrakerjaModels

/// The pages a participant's browser visits: attendance verification and SSO consent.
/// The sandbox stands in for the participant: it verifies at once and consents for the test
/// participant named by `login_hint`.
enum BrowserPages {
    static func mount(on router: Router<SandboxContext>, state: SandboxState, clients: [String: SandboxClient], log: CallLog) {
        router.get("/attendance/verify") { request, _ in
            let started = ContinuousClock.now
            let stateToken = formValues(request.uri.query)["state"] ?? ""
            let response: Response
            if let location = state.read({ $0.completeVerification(state: stateToken) }) {
                response = Response(status: .found, headers: [.location: location])
            } else {
                response = page(
                    .notFound, "Unknown verification",
                    "This verification link is unknown or was already used. Ask the training institution for a new one.")
            }
            log.record(
                clientCode: nil, method: "GET", path: request.uri.path, signature: "not checked",
                status: Int(response.status.code), outcome: response.status == .found ? "success" : "not-found",
                requestBody: Array((request.uri.query ?? "").utf8), responseBody: [], duration: .now - started)
            return response
        }

        router.get("/sso/authorize") { request, _ in
            let started = ContinuousClock.now
            let response = consent(request, state: state, clients: clients)
            log.record(
                clientCode: nil, method: "GET", path: request.uri.path, signature: "not checked",
                status: Int(response.status.code), outcome: response.status == .badRequest ? "refused" : "success",
                requestBody: Array((request.uri.query ?? "").utf8), responseBody: [], duration: .now - started)
            return response
        }
    }

    /// The consent page: the chooser without `login_hint`, else the redirect with a code, or why not.
    private static func consent(_ request: Request, state: SandboxState, clients: [String: SandboxClient]) -> Response {
        let query = formValues(request.uri.query)
        let platform = query["client_id"] ?? ""
        guard clients[platform]?.role == .dp else {
            return page(.badRequest, "Unknown application", "client_id \(platform.prefix(40)) is not a registered digital platform.")
        }
        guard let participant = query["login_hint"], !participant.isEmpty else {
            return chooser(request: request, state: state)
        }
        let decision = state.read {
            $0.consent(
                platform: platform, redirectURI: query["redirect_uri"] ?? "", scope: query["scope"] ?? "", state: query["state"] ?? "",
                participantID: participant)
        }
        switch decision {
        case .success(let location): return Response(status: .found, headers: [.location: location])
        case .failure(let failure): return page(.badRequest, "Consent refused", failure.message)
        }
    }

    /// A query string read as a browser's form sends it: `+` is a space (OAuth 2.0's
    /// `application/x-www-form-urlencoded`, what Java's `URLEncoder` and PHP's `http_build_query`
    /// write), `%2B` a plus. The first value of a repeated name.
    static func formValues(_ query: String?) -> [String: String] {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decoded(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? decoded(parts[1]) : "" }
        }
        return values
    }

    /// Without `login_hint`: a page listing the test participants, each a consent link.
    private static func chooser(request: Request, state: SandboxState) -> Response {
        let participants = state.read { Array($0.participants.values) }.sorted { $0.prakerjaID < $1.prakerjaID }
        let base = request.uri.description
        let links = participants.map { person in
            "<li><a href=\"\(escape(base))&amp;login_hint=\(person.prakerjaID)\">\(escape(person.name))</a> (\(Masking.keepingLast(4, of: person.prakerjaID)))</li>"
        }.joined()
        return page(.ok, "Masuk dengan Kartu Prakerja (sandbox)", "Choose the test participant who consents:</p><ul>\(links)</ul><p>")
    }

    static func page(_ status: HTTPResponse.Status, _ title: String, _ message: String) -> Response {
        let html =
            "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>\(escape(title))</title></head>"
            + "<body><h1>\(escape(title))</h1><p>\(message.contains("<ul>") ? message : escape(message))</p></body></html>"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

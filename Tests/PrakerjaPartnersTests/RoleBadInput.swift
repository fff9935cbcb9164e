import Foundation
import PrakerjaClient
import PrakerjaPartners
import PrakerjaSigning
import Synchronization
import Testing

/// The bad-input battery for the role APIs that verify the program's header scheme: every kind of
/// bad input, sent to one operation, must be refused in the error form with its specific code, and
/// none may be a 500.
final class RoleBadInput: Sendable {
    /// An operation, with a valid request and the probes specific to it.
    struct Operation: Sendable {
        let method: String
        /// A valid target (path and query).
        let target: String
        /// A valid body (POST), empty for GET.
        let body: String
        /// Targets that must be refused with `invalid_parameter`, each with the parameter the error must name.
        var badParameters: [(target: String, field: String)] = []
        /// Bodies that must be refused, each with its code and the field the error must name.
        var badBodies: [(body: String, code: RoleErrorCode, field: String?)] = []
    }

    let client: ProgramSignedClient
    let credentials: ProgramClientCredentials
    /// Each request is signed a second earlier than the last (all inside the window), so the
    /// battery's many variants of one request never wait for a fresh second to be distinct.
    private let secondsBack = Mutex(0)
    private let start = Int(Date().timeIntervalSince1970)

    init(client: ProgramSignedClient, credentials: ProgramClientCredentials) {
        self.client = client
        self.credentials = credentials
    }

    func send(
        _ method: String, _ target: String, _ body: String, adjust: (inout [(name: String, value: String)]) -> Void = { _ in }
    ) async throws -> TransportResponse {
        let back = secondsBack.withLock {
            $0 += 1
            return $0 % 240
        }
        var headers = ProgramSignature(clientCode: credentials.clientCode, signKey: credentials.signKey)
            .headers(timestamp: String(start - back), method: method, path: target, body: Array(body.utf8)).fields
        adjust(&headers)
        return try await AsyncHTTPClientTransport.shared.send(
            TransportRequest(method: method, url: client.baseURL + target, headers: headers, body: Array(body.utf8)), timeout: .seconds(10))
    }

    func expect(
        _ response: TransportResponse, _ code: RoleErrorCode, field: String? = nil, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = roleError(response)
        #expect(
            response.status == code.httpStatus,
            "\(what): expected \(code.httpStatus) \(code.rawValue), got \(response.status) \(String(decoding: response.body.prefix(300), as: UTF8.self))",
            sourceLocation: sourceLocation)
        #expect(
            error?.code == code.rawValue,
            "\(what): expected \(code.httpStatus) \(code.rawValue), got \(response.status) \(String(decoding: response.body.prefix(300), as: UTF8.self))",
            sourceLocation: sourceLocation)
        if let field { #expect(error?.field == field, "\(what): the error names \(field)", sourceLocation: sourceLocation) }
        #expect(response.status < 500, "\(what): never a 500", sourceLocation: sourceLocation)
    }

    /// Runs the whole battery against `operation`.
    func run(_ operation: Operation, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let (method, target, body) = (operation.method, operation.target, operation.body)
        let name = "\(method) \(target)"
        func without(_ header: String) -> (inout [(name: String, value: String)]) -> Void { { $0.removeAll { $0.name == header } } }
        func replacing(_ header: String, _ value: String) -> (inout [(name: String, value: String)]) -> Void {
            {
                $0.removeAll { $0.name == header }
                $0.append((header, value))
            }
        }
        for header in ["client_code", "timestamp", "signature"] {
            expect(try await send(method, target, body, adjust: without(header)), .unauthenticated, "\(name) without \(header)")
        }
        expect(
            try await send(method, target, body, adjust: replacing("signature", String(repeating: "0", count: 40))), .invalidSignature,
            "\(name) badly signed")
        expect(try await send(method, target, body, adjust: replacing("signature", "XYZ")), .invalidSignature, "\(name) malformed signature")
        expect(try await send(method, target, body, adjust: replacing("client_code", "SOMEONE")), .unknownClient, "\(name) unknown client")
        let signer = ProgramSignature(clientCode: credentials.clientCode, signKey: credentials.signKey)
        let stale = signer.headers(timestamp: String(Int(Date().timeIntervalSince1970) - 3_600), method: method, path: target, body: Array(body.utf8))
        expect(try await send(method, target, body, adjust: { $0 = stale.fields }), .staleTimestamp, "\(name) correctly signed an hour ago")
        expect(try await send(method, target, body, adjust: replacing("timestamp", "yesterday")), .staleTimestamp, "\(name) malformed timestamp")

        // Signed for one request, sent as another: the signature covers the method, the query and the body.
        let altered = target + (target.contains("?") ? "&" : "?") + "limit=1"
        let signedForOriginal = signer.headers(method: method, path: target, body: Array(body.utf8))
        expect(try await send(method, altered, body, adjust: { $0 = signedForOriginal.fields }), .invalidSignature, "\(name) with its query changed")
        if method == "POST" {
            let other = signer.headers(method: method, path: target, body: Array(body.utf8))
            expect(
                try await send(method, target, body.replacingOccurrences(of: "\"", with: "\" "), adjust: { $0 = other.fields }),
                .invalidSignature, "\(name) with its body re-spaced")
        }

        let valid = try await send(method, target, body)
        #expect(valid.status < 300, "\(name): the valid request succeeds, got \(valid.status)", sourceLocation: sourceLocation)

        let extra = target + (target.contains("?") ? "&" : "?") + "debug=1"
        expect(try await send(method, extra, body), .invalidParameter, field: "debug", "\(name) with an unknown parameter")
        for (bad, field) in operation.badParameters {
            expect(try await send(method, bad, body), .invalidParameter, field: field, "\(method) \(bad)")
        }

        let huge = method == "POST" ? "{\"x\":\"" + String(repeating: "a", count: 1 << 20) + "\"}" : String(repeating: " ", count: (1 << 20) + 1)
        expect(try await send(method, target, huge), .bodyTooLarge, "\(name) with a body over 1 MiB")
        if method == "POST" {
            expect(try await send(method, target, String(body.dropLast(3))), .malformedJSON, "\(name) with truncated JSON")
            expect(try await send(method, target, "[]"), .invalidField, "\(name) with an array body")
            expect(try await send(method, target, "{}"), .missingField, "\(name) with an empty object")
            for (bad, code, field) in operation.badBodies {
                expect(try await send(method, target, bad), code, field: field, "\(name) with \(bad.prefix(80))")
            }
        }
    }

    /// A signed request sent twice is refused the second time.
    func expectReplayRefused(_ target: String) async throws {
        var captured: [(name: String, value: String)] = []
        let first = try await client.send(method: "GET", target: target, body: []) { captured = $0 }
        #expect(first.status == 200)
        let again = try await client.send(method: "GET", target: target, body: []) { $0 = captured }
        expect(again, .replayed, "the same signed request again")
    }
}

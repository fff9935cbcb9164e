import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// The program's HTTP client for a role API that verifies the program's header scheme: every
/// request is signed over its method, its target (path and query, exactly as sent) and its body.
///
/// The typed clients (`TrainingProviderClient`, `DigitalPlatformClient`, `JobPortalClient`) are
/// thin layers over it; `send` makes any request, as the conformance kit does to probe a partner.
/// Nothing is retried here (reads are cheap to repeat by the caller, and the one write, a job
/// application, is idempotent by its key) but a typed call refused as a replay: another process
/// signing with the same client code (a sweep's other workers, on other machines) sent the same
/// request in the same second, and the partner did nothing with this one. It is signed again in
/// a later second and sent again, at most five times. `send` never retries: it is how the kit
/// probes a partner's replay guard.
public struct ProgramSignedClient: Sendable {
    public let baseURL: String
    public var clientCode: String { signer.clientCode }
    private let signer: UniqueProgramSigner
    private let transport: any PrakerjaTransport
    private let timeout: Duration
    /// How long to wait before sending again a call refused as another process's replay.
    private let replayPause: @Sendable () -> Duration

    /// A random part of a second and a half: the processes refused together do not all meet
    /// again in the next second.
    public static let randomReplayPause: @Sendable () -> Duration = { .milliseconds(Int.random(in: 0..<1_500)) }

    public init(
        baseURL: String, credentials: ProgramClientCredentials, transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared,
        clock: SigningClock = .system, timeout: Duration = .seconds(15), replayPause: @escaping @Sendable () -> Duration = randomReplayPause
    ) {
        self.init(
            baseURL: baseURL,
            signer: UniqueProgramSigner(clientCode: credentials.clientCode, signKey: credentials.signKey, destination: baseURL, clock: clock),
            transport: transport, timeout: timeout, replayPause: replayPause)
    }

    /// A client on a signer shared with other callers (the conformance kit signs its probes and
    /// its typed calls with one signer, so no two of them are the same signed request).
    public init(
        baseURL: String, signer: UniqueProgramSigner, transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared,
        timeout: Duration = .seconds(15), replayPause: @escaping @Sendable () -> Duration = randomReplayPause
    ) {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.signer = signer
        self.transport = transport
        self.timeout = timeout
        self.replayPause = replayPause
    }

    /// GETs `path` with `query` (nil values left out) and decodes the success as `Value`.
    public func get<Value: Decodable>(_ path: String, query: [(String, String?)] = []) async throws(PrakerjaAPIError) -> Value {
        try Self.decode(try await call(method: "GET", target: Self.target(path, query: query), body: []), operation: "GET \(path)")
    }

    /// POSTs `body` as JSON to `path` and decodes the success as `Value`.
    public func post<Value: Decodable>(_ path: String, body: some Encodable) async throws(PrakerjaAPIError) -> Value {
        try Self.decode(
            try await call(method: "POST", target: path, body: try Self.encode(body, operation: "POST \(path)")),
            operation: "POST \(path)")
    }

    /// A typed call's request: sent again, signed in a later second, while the partner refuses it
    /// as a replay of another process's (five times at most). Every process that sent the same
    /// call in the same second is refused but one, and tries again, each after `replayPause`.
    private func call(method: String, target: String, body: [UInt8]) async throws(PrakerjaAPIError) -> TransportResponse {
        var response = try await send(method: method, target: target, body: body)
        for _ in 0..<5 where Self.isReplayRefusal(response) {
            do { try await Task.sleep(for: replayPause()) } catch { return response }
            // The signer signs a request it just signed again only in a later second.
            response = try await send(method: method, target: target, body: body)
        }
        return response
    }

    /// Whether the partner refused the request as one it had already accepted (`401 replayed`).
    static func isReplayRefusal(_ response: TransportResponse) -> Bool {
        response.status == 401 && (try? CompactJSONDecoder().decode(RoleErrorBody.self, from: response.body))?.error.code == "replayed"
    }

    /// Sends one signed request and returns the response as received, whatever its status.
    public func send(method: String, target: String, body: [UInt8]) async throws(PrakerjaAPIError) -> TransportResponse {
        try await send(method: method, target: target, body: body, adjust: { _ in })
    }

    /// `send`, where `adjust` may change the headers after signing: how the kit tests a partner's checks.
    package func send(
        method: String, target: String, body: [UInt8],
        adjust: (inout [(name: String, value: String)]) -> Void
    ) async throws(PrakerjaAPIError) -> TransportResponse {
        var headers = await signer.headers(method: method, path: target, body: body).fields
        if !body.isEmpty { headers.append(("Content-Type", "application/json")) }
        adjust(&headers)
        do {
            return try await transport.send(TransportRequest(method: method, url: baseURL + target, headers: headers, body: body), timeout: timeout)
        } catch {
            throw PrakerjaAPIError(error, operation: "\(method) \(target.prefix { $0 != "?" })")
        }
    }

    /// `value` as the JSON body of `operation`.
    static func encode(_ value: some Encodable, operation: String) throws(PrakerjaAPIError) -> [UInt8] {
        do { return try StreamingJSONEncoder().encode(value) } catch {
            throw PrakerjaAPIError(kind: .invalidRequest, message: "cannot encode the request: \(error)", operation: operation)
        }
    }

    /// `path?query`, each name and value percent-encoded so the target is the same string on both sides.
    public static func target(_ path: String, query: [(String, String?)]) -> String {
        let pairs = query.compactMap { name, value in value.map { "\(percentEncoded(name))=\(percentEncoded($0))" } }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// `value` as one path segment or query component: everything but RFC 3986's unreserved characters encoded.
    public static func percentEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// A success's body as `Value`, or the partner's refusal as an error.
    public static func decode<Value: Decodable>(_ response: TransportResponse, operation: String? = nil) throws(PrakerjaAPIError) -> Value {
        let received = String(decoding: response.body.prefix(4096), as: UTF8.self)
        guard (200..<300).contains(response.status) else {
            guard let refusal = try? CompactJSONDecoder().decode(RoleErrorBody.self, from: response.body) else {
                throw PrakerjaAPIError(
                    kind: .undecodable, message: "HTTP \(response.status) without the contract's error form: \(received.prefix(200))",
                    httpStatus: response.status, operation: operation, attempts: 1, responseBody: received)
            }
            throw PrakerjaAPIError(
                kind: .refused, code: refusal.error.code, message: refusal.error.message, httpStatus: response.status,
                operation: operation, field: refusal.error.field, attempts: 1, responseBody: received)
        }
        do {
            return try CompactJSONDecoder().decode(Value.self, from: response.body)
        } catch let error as DecodingError {
            throw PrakerjaAPIError(
                kind: .undecodable, message: "the response does not match the contract: \(FieldError(error))",
                httpStatus: response.status, operation: operation, attempts: 1, responseBody: received)
        } catch {
            throw PrakerjaAPIError(
                kind: .undecodable, message: "the response is not JSON: \(error)", httpStatus: response.status,
                operation: operation, attempts: 1, responseBody: received)
        }
    }
}

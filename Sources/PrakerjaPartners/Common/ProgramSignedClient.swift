import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// The program's HTTP client for a role API that verifies the program's header scheme: every
/// request is signed over its method, its target (path and query, exactly as sent) and its body.
///
/// The typed clients (`TrainingProviderClient`, `DigitalPlatformClient`, `JobPortalClient`) are
/// thin layers over it; the conformance kit uses `send` to make requests a typed client never would.
/// Nothing is retried here: reads are cheap to repeat by the caller, and the one write (a job
/// application) is idempotent by its key.
public struct ProgramSignedClient: Sendable {
    public let baseURL: String
    public var clientCode: String { signer.clientCode }
    private let signer: UniqueProgramSigner
    private let transport: any PrakerjaTransport
    private let timeout: Duration

    public init(baseURL: String, credentials: ProgramClientCredentials, transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared,
                clock: SigningClock = .system, timeout: Duration = .seconds(15)) {
        self.init(baseURL: baseURL, signer: UniqueProgramSigner(clientCode: credentials.clientCode, signKey: credentials.signKey, destination: baseURL, clock: clock),
                  transport: transport, timeout: timeout)
    }

    /// A client on a signer shared with other callers (the conformance kit signs its probes and
    /// its typed calls with one signer, so no two of them are the same signed request).
    public init(baseURL: String, signer: UniqueProgramSigner, transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared,
                timeout: Duration = .seconds(15)) {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.signer = signer
        self.transport = transport
        self.timeout = timeout
    }

    /// GETs `path` with `query` (nil values left out) and decodes the success as `Value`.
    public func get<Value: Decodable>(_ path: String, query: [(String, String?)] = []) async throws(RoleAPIError) -> Value {
        try Self.decode(try await send(method: "GET", target: Self.target(path, query: query), body: []))
    }

    /// POSTs `body` as JSON to `path` and decodes the success as `Value`.
    public func post<Value: Decodable>(_ path: String, body: some Encodable) async throws(RoleAPIError) -> Value {
        let bytes: [UInt8]
        do { bytes = try StreamingJSONEncoder().encode(body) } catch { throw RoleAPIError(kind: .invalidRequest, message: "\(error)") }
        return try Self.decode(try await send(method: "POST", target: path, body: bytes))
    }

    /// Sends one signed request and returns the response as received, whatever its status.
    /// `adjust` may change the headers after signing (to test a partner's checks).
    public func send(method: String, target: String, body: [UInt8],
                     adjust: (inout [(name: String, value: String)]) -> Void = { _ in }) async throws(RoleAPIError) -> TransportResponse {
        var headers = await signer.headers(method: method, path: target, body: body).fields
        if !body.isEmpty { headers.append(("Content-Type", "application/json")) }
        adjust(&headers)
        do {
            return try await transport.send(TransportRequest(method: method, url: baseURL + target, headers: headers, body: body), timeout: timeout)
        } catch {
            throw RoleAPIError(kind: error.isTimeout ? .timeout : error.isOversizedAnswer ? .invalidResponse : .transport, message: error.description)
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
    public static func decode<Value: Decodable>(_ response: TransportResponse) throws(RoleAPIError) -> Value {
        guard (200..<300).contains(response.status) else {
            guard let refusal = try? CompactJSONDecoder().decode(RoleErrorBody.self, from: response.body) else {
                throw RoleAPIError(kind: .invalidResponse, message: "HTTP \(response.status) without the contract's error form: "
                                   + String(decoding: response.body.prefix(200), as: UTF8.self), httpStatus: response.status)
            }
            throw RoleAPIError(kind: .refused, message: refusal.error.message, httpStatus: response.status,
                               code: refusal.error.code, field: refusal.error.field)
        }
        do {
            return try CompactJSONDecoder().decode(Value.self, from: response.body)
        } catch let error as DecodingError {
            throw RoleAPIError(kind: .invalidResponse, message: "the response does not match the contract: \(FieldError(error))",
                               httpStatus: response.status)
        } catch {
            throw RoleAPIError(kind: .invalidResponse, message: "the response is not JSON: \(error)", httpStatus: response.status)
        }
    }
}

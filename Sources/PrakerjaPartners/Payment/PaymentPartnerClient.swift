import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning
import Synchronization

/// The program's client for a payment partner's SNAP BI API (`Specs/payment-partner.openapi.yaml`).
///
/// It gets and caches the B2B access token (SHA256withRSA with the program's key) and signs every
/// transaction call (HMAC-SHA512 with the client secret) over the exact bytes sent, with a new
/// X-EXTERNAL-ID each time. It never retries by itself: a disbursement is retried by calling again
/// with the same `partnerReferenceNo`, which the partner must answer with the original result.
public struct PaymentPartnerClient: Sendable {
    public let baseURL: String
    public let clientID: String
    private let signer: SNAPSymmetricSignature
    private let privateKey: SNAPPrivateKey
    private let channelID: String
    private let transport: any PrakerjaTransport
    private let clock: SigningClock
    private let timeout: Duration
    private let token = TokenCache()
    /// The token requests this process signed for this partner: a second one in the same second
    /// would be the same signature, which the partner refuses as a replay.
    private let tokenRequests: RecentSignatures

    public init(
        baseURL: String, clientID: String, clientSecret: String, privateKey: SNAPPrivateKey, channelID: String = "95221",
        transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared, clock: SigningClock = .system, timeout: Duration = .seconds(15)
    ) {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.clientID = clientID
        self.signer = SNAPSymmetricSignature(clientSecret: clientSecret)
        self.privateKey = privateKey
        self.channelID = channelID
        self.transport = transport
        self.clock = clock
        self.timeout = timeout
        self.tokenRequests = RecentSignatures.shared(for: "snap-token \(clientID) \(trimmed)")
    }

    /// A live B2B access token, requested when there is none or it is about to expire.
    /// Concurrent callers share one token request.
    public func accessToken() async throws(PrakerjaAPIError) -> String {
        try await token.value(now: clock.now()) { () async throws(PrakerjaAPIError) in
            let requestedAt = clock.now()
            let response = try await requestToken()
            return (response.accessToken, requestedAt + (TimeInterval(response.expiresIn) ?? 60))
        }
    }

    /// Requests a new token (the raw call, for the conformance kit's checks). Without `timestamp`
    /// it is signed now, never twice in one second for this partner in this process.
    public func requestToken(timestamp: String? = nil) async throws(PrakerjaAPIError) -> AccessTokenResponse {
        let path = "/v1.0/access-token/b2b"
        let body = try Self.encode(AccessTokenRequest(), path: path)
        let signed: SignedHeaders
        do throws(SignatureError) {
            if let timestamp {
                signed = try SNAPAsymmetricSignature.tokenHeaders(privateKey: privateKey, clientID: clientID, timestamp: timestamp)
            } else {
                signed = try await tokenRequests.unique(clock: clock, sleep: { try await Task.sleep(for: $0) }) { () throws(SignatureError) in
                    try SNAPAsymmetricSignature.tokenHeaders(privateKey: privateKey, clientID: clientID, timestamp: SNAPTimestamp.format(clock.now()))
                }
            }
        } catch {
            throw PrakerjaAPIError(kind: .invalidRequest, message: error.description, operation: Self.operation(path))
        }
        return try Self.decode(try await exchange(path: path, headers: signed.fields, body: body), path: path)
    }

    public func eMoneyAccountInquiry(_ request: EMoneyAccountInquiryRequest) async throws(PrakerjaAPIError) -> EMoneyAccountInquiryResponse {
        try await call("/v1.0/emoney/account-inquiry", request)
    }

    public func bankAccountInquiry(_ request: BankAccountInquiryRequest) async throws(PrakerjaAPIError) -> BankAccountInquiryResponse {
        try await call("/v1.0/account-inquiry-internal", request)
    }

    public func topUp(_ request: TopUpRequest) async throws(PrakerjaAPIError) -> TopUpResponse {
        try await call("/v1.0/emoney/topup", request)
    }

    public func transfer(_ request: TransferRequest) async throws(PrakerjaAPIError) -> TransferResponse {
        try await call("/v1.0/transfer-intrabank", request)
    }

    public func status(_ request: StatusRequest, channel: DisbursementChannel) async throws(PrakerjaAPIError) -> StatusResponse {
        try await call(channel == .topUp ? "/v1.0/emoney/topup-status" : "/v1.0/transfer/status", request)
    }

    private func call<Request: Encodable, Response: Decodable>(_ path: String, _ request: Request) async throws(PrakerjaAPIError) -> Response {
        try Self.decode(try await signedCall(path: path, body: try Self.encode(request, path: path)), path: path)
    }

    /// A signed transaction call with any body: the response as received, whatever its status.
    /// `externalID` defaults to a fresh one.
    public func signedCall(path: String, body: [UInt8], externalID: String? = nil) async throws(PrakerjaAPIError) -> TransportResponse {
        try await signedCall(path: path, body: body, externalID: externalID, adjust: { _ in })
    }

    /// `signedCall`, where `adjust` may change the headers after signing: how the kit tests a partner's checks.
    package func signedCall(
        path: String, body: [UInt8], externalID: String? = nil,
        adjust: (inout [(name: String, value: String)]) -> Void
    ) async throws(PrakerjaAPIError) -> TransportResponse {
        let accessToken = try await accessToken()
        var headers: [(name: String, value: String)]
        do {
            headers = try signer.headers(
                method: "POST", path: path, accessToken: accessToken, body: body, timestamp: SNAPTimestamp.format(clock.now()),
                partnerID: clientID, externalID: externalID ?? Self.newExternalID(), channelID: channelID
            ).fields
        } catch {
            throw PrakerjaAPIError(kind: .invalidRequest, message: error.description, operation: Self.operation(path))
        }
        adjust(&headers)
        return try await exchange(path: path, headers: headers, body: body, failOnError: false)
    }

    private func exchange(
        path: String, headers: [(name: String, value: String)], body: [UInt8],
        failOnError: Bool = true
    ) async throws(PrakerjaAPIError) -> TransportResponse {
        let response: TransportResponse
        do {
            response = try await transport.send(TransportRequest(method: "POST", url: baseURL + path, headers: headers, body: body), timeout: timeout)
        } catch {
            throw PrakerjaAPIError(error, operation: Self.operation(path))
        }
        return response
    }

    /// A new X-EXTERNAL-ID: 20 digits, unique in practice.
    public static func newExternalID() -> String { String((0..<20).map { _ in "0123456789".randomElement()! }) }

    /// How an error names a call: `POST /v1.0/emoney/topup`.
    static func operation(_ path: String) -> String { "POST \(path)" }

    private static func encode(_ value: some Encodable, path: String) throws(PrakerjaAPIError) -> [UInt8] {
        do { return try StreamingJSONEncoder().encode(value) } catch {
            throw PrakerjaAPIError(kind: .invalidRequest, message: "cannot encode the request: \(error)", operation: operation(path))
        }
    }

    /// A success's body as `Value`, or the partner's refusal as an error.
    static func decode<Value: Decodable>(_ response: TransportResponse, path: String) throws(PrakerjaAPIError) -> Value {
        let failure = try? CompactJSONDecoder().decode(SNAPFailure.self, from: response.body)
        let code = failure?.responseCode
        let received = String(decoding: response.body.prefix(4096), as: UTF8.self)
        guard (200..<300).contains(response.status), code.flatMap(SNAPResponseCode.init)?.is(.success) ?? true else {
            throw PrakerjaAPIError(
                kind: failure == nil ? .undecodable : .refused, code: code,
                message: failure?.responseMessage ?? "HTTP \(response.status) without a SNAP response code",
                httpStatus: response.status, operation: operation(path), attempts: 1, responseBody: received)
        }
        do {
            return try CompactJSONDecoder().decode(Value.self, from: response.body)
        } catch let error as DecodingError {
            throw PrakerjaAPIError(
                kind: .undecodable, code: code, message: "the response does not match the contract: \(FieldError(error))",
                httpStatus: response.status, operation: operation(path), attempts: 1, responseBody: received)
        } catch {
            throw PrakerjaAPIError(
                kind: .undecodable, code: code, message: "the response is not JSON: \(error)", httpStatus: response.status,
                operation: operation(path), attempts: 1, responseBody: received)
        }
    }
}

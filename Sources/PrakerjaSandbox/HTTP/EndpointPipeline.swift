import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaSigning

/// Who made a verified call.
struct Caller: Sendable {
    let code: String
    let role: ClientRole
    /// The raw `Authorization` header (payments send their token in it).
    let authorization: String?
}

/// What every endpoint does the same way, in the program's order: read the body (at most 1 MiB),
/// verify the signature, check the role, decode the request, run the operation, answer with an
/// envelope, and record the call. A refusal at any step changes no state.
struct EndpointPipeline: Sendable {
    let clients: [String: SandboxClient]
    let policy: VerificationPolicy
    let maximumBodyBytes: Int
    let log: CallLog
    /// One prepared signer per client.
    private let signers: [String: ProgramSignature]

    init(clients: [String: SandboxClient], policy: VerificationPolicy, maximumBodyBytes: Int, log: CallLog) {
        self.clients = clients
        self.policy = policy
        self.maximumBodyBytes = maximumBodyBytes
        self.log = log
        self.signers = clients.mapValues { ProgramSignature(clientCode: $0.code, signKey: $0.signKey) }
    }

    func respond<Request, Response>(
        to request: HummingbirdCore.Request, operation: IntegrationOperation<Request, Response>,
        perform: @escaping @Sendable (Caller, Request) async throws(SandboxFailure) -> Response
    ) async -> Hummingbird.Response {
        let started = ContinuousClock.now
        let clientCode = request.headers[Self.clientCodeHeader]
        let path = request.uri.path
        var body: [UInt8] = []
        var signature = "not checked"
        let outcome: Result<[UInt8], SandboxFailure>
        do throws(SandboxFailure) {
            body = try await readBody(request)
            let caller = try verify(request, path: path, body: body, verdict: &signature)
            guard caller.role == operation.role else {
                throw SandboxFailure(.roleNotAllowed, "\(operation.id) is for \(operation.role == .lp ? "training institutions (lp)" : "digital platforms (dp)"); "
                    + "\(caller.code) is \(caller.role.rawValue)")
            }
            let decoded = try Self.decode(Request.self, from: body)
            let result = try await perform(caller, decoded)
            outcome = .success(Self.encode(SuccessEnvelope(message: "OK", data: result)))
        } catch {
            outcome = .failure(error)
        }
        return finish(outcome, clientCode: clientCode, path: path, signature: signature, requestBody: body, started: started)
    }

    /// A refusal outside any operation (an unknown path, a wrong method), recorded like the rest.
    func refuse(_ request: HummingbirdCore.Request, _ failure: SandboxFailure) -> Hummingbird.Response {
        finish(.failure(failure), clientCode: request.headers[Self.clientCodeHeader], path: request.uri.path,
               signature: "not checked", requestBody: [], started: .now, method: request.method.rawValue)
    }

    private func finish(_ outcome: Result<[UInt8], SandboxFailure>, clientCode: String?, path: String, signature: String,
                        requestBody: [UInt8], started: ContinuousClock.Instant, method: String = "POST") -> Hummingbird.Response {
        let status: Int, payload: [UInt8], outcomeText: String
        switch outcome {
        case .success(let bytes):
            (status, payload, outcomeText) = (200, bytes, "success")
        case .failure(let failure):
            (status, payload, outcomeText) = (failure.code.httpStatus, Self.encode(ErrorEnvelope(code: failure.code.code, message: failure.message)),
                                              failure.code.code)
        }
        log.record(clientCode: clientCode, method: method, path: path, signature: signature, status: status, outcome: outcomeText,
                   requestBody: requestBody, responseBody: payload, duration: .now - started)
        return Self.json(status, payload)
    }

    private func readBody(_ request: HummingbirdCore.Request) async throws(SandboxFailure) -> [UInt8] {
        do {
            return try await BodyReader.read(request, limit: maximumBodyBytes)
        } catch {
            switch error {
            case .tooLarge: throw SandboxFailure(.bodyTooLarge, "the body is larger than \(maximumBodyBytes) bytes")
            case .unreadable(let reason): throw SandboxFailure(.malformedJSON, "the body could not be read: \(reason)")
            }
        }
    }

    static let clientCodeHeader = HTTPField.Name(ProgramSignature.clientCodeHeader)!
    static let timestampHeader = HTTPField.Name(ProgramSignature.timestampHeader)!
    static let signatureHeader = HTTPField.Name(ProgramSignature.signatureHeader)!

    private func verify(_ request: HummingbirdCore.Request, path: String, body: [UInt8], verdict: inout String) throws(SandboxFailure) -> Caller {
        do {
            let code = try ProgramSignature.verify(
                clientCode: request.headers[Self.clientCodeHeader], timestamp: request.headers[Self.timestampHeader],
                signature: request.headers[Self.signatureHeader], method: request.method.rawValue, path: path,
                body: body, policy: policy, signer: { signers[$0] })
            verdict = "valid"
            return Caller(code: code, role: clients[code]!.role, authorization: request.headers[.authorization])
        } catch {
            verdict = "invalid: \(error)"
            throw SandboxFailure(Self.code(for: error), error.description)
        }
    }

    static func code(for error: SignatureError) -> ProgramErrorCode {
        switch error {
        case .missingHeader: .missingHeader
        case .unknownClient: .unknownClient
        case .malformedTimestamp: .malformedTimestamp
        case .timestampOutsideWindow: .staleTimestamp
        case .malformedSignature: .malformedSignature
        case .replayed, .replayGuardFull, .duplicateExternalID: .replayedRequest
        case .mismatch, .bodyNotJSON, .invalidKey: .signatureMismatch
        }
    }

    /// Decodes a request body, naming the field at fault the way the program does.
    static func decode<Value: Decodable>(_ type: Value.Type, from body: [UInt8]) throws(SandboxFailure) -> Value {
        do {
            return try CompactJSONDecoder().decode(type, from: body)
        } catch let error as DecodingError {
            let field = FieldErrorPath(error)
            switch error {
            case .keyNotFound, .valueNotFound:
                throw SandboxFailure(.emptyField, "\(field.path): a mandatory field is missing or empty")
            case .typeMismatch where field.path.isEmpty, .dataCorrupted where field.path.isEmpty:
                throw SandboxFailure(.malformedJSON, "the body is not a JSON object")
            default:
                throw SandboxFailure(.invalidField, "\(field.path): \(field.reason)")
            }
        } catch {
            throw SandboxFailure(.malformedJSON, "the body is not a JSON object")
        }
    }

    static func encode(_ value: some Encodable) -> [UInt8] {
        (try? StreamingJSONEncoder().encode(value)) ?? Array(#"{"success":false,"code":"ERRSYS50001","message":"encoding failed"}"#.utf8)
    }

    static func json(_ status: Int, _ body: [UInt8], headers: HTTPFields = [:]) -> Hummingbird.Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Hummingbird.Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The JSON path and reason of a decoding failure.
struct FieldErrorPath {
    let path: String
    let reason: String

    init(_ error: DecodingError) {
        let field = PrakerjaModels.FieldError(error)
        path = field.field
        reason = field.reason
    }
}

import PrakerjaModels

import Hummingbird
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaSigning

/// A refusal: the program's error code and a message naming what was wrong. It renders itself as
/// the program's error envelope, with the code's HTTP status.
package struct SandboxFailure: Error, Sendable, CustomStringConvertible {
    package let code: ProgramErrorCode
    package let message: String
    /// Why the request did not authenticate, when that is the refusal (the call log shows it).
    let authentication: AuthenticationFailure?

    init(_ code: ProgramErrorCode, _ message: String? = nil, authentication: AuthenticationFailure? = nil) {
        self.code = code
        self.message = message ?? code.meaning
        self.authentication = authentication
    }

    package var description: String { "\(code.code): \(message)" }

    /// The answer when the sandbox itself failed (nothing the caller sent explains it).
    static let internalError = SandboxFailure(ProgramErrorCode("ERRSYS50001", 500, "the sandbox failed"))
}

extension SandboxFailure: ContractError {
    package var status: HTTPResponse.Status { HTTPResponse.Status(code: code.httpStatus) }

    package var encodedBody: [UInt8] {
        (try? StreamingJSONEncoder().encode(ErrorEnvelope(code: code.code, message: message)))
            ?? Array(#"{"success":false,"code":"ERRSYS50001","message":"encoding failed"}"#.utf8)
    }

    package static func bodyTooLarge(limit: Int) -> SandboxFailure { SandboxFailure(.bodyTooLarge, "the body is larger than \(limit) bytes") }

    package static func unreadableBody(_ reason: String) -> SandboxFailure { SandboxFailure(.malformedJSON, "the body could not be read: \(reason)") }

    package static func unauthenticated(_ failure: AuthenticationFailure) -> SandboxFailure {
        let code: ProgramErrorCode
        switch failure.reason {
        case .signature(let error):
            code =
                switch error.code {
                case .missingHeader: .missingHeader
                case .unknownClient: .unknownClient
                case .malformedTimestamp: .malformedTimestamp
                case .timestampOutsideWindow: .staleTimestamp
                case .malformedSignature: .malformedSignature
                case .replayed, .replayGuardFull, .duplicateExternalID: .replayedRequest
                default: .signatureMismatch
                }
        case .missingMandatoryHeader, .malformedHeader: code = .missingHeader
        case .invalidToken: code = .signatureMismatch
        }
        return SandboxFailure(code, failure.description, authentication: failure)
    }

    /// Names the field at fault the way the program does.
    package static func undecodableBody(_ error: any Error) -> SandboxFailure {
        guard let error = error as? DecodingError else { return SandboxFailure(.malformedJSON, "the body is not a JSON object") }
        let field = FieldError(error)
        switch error {
        case .keyNotFound, .valueNotFound:
            return SandboxFailure(.emptyField, "\(field.field): a mandatory field is missing or empty")
        case .typeMismatch where field.field.isEmpty, .dataCorrupted where field.field.isEmpty:
            return SandboxFailure(.malformedJSON, "the body is not a JSON object")
        default:
            return SandboxFailure(.invalidField, "\(field.field): \(field.reason)")
        }
    }

    package static func noSuchRoute(method: String, path: String) -> SandboxFailure {
        method == "POST"
            ? SandboxFailure(.unknownEndpoint, "no endpoint \(path)")
            : SandboxFailure(.methodNotAllowed, "\(method) is not allowed: the integration API takes POST")
    }

    package static func answering(_ error: any Error) -> SandboxFailure { error as? SandboxFailure ?? .internalError }
}

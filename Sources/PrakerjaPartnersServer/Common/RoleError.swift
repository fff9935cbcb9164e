import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning

/// A refusal in the role APIs' error form (`{"error": {"code", "message", "field"}}`), with its
/// code's HTTP status: what the three program-signed adapters answer whenever they refuse.
package struct RoleError: Error, Sendable, Hashable {
    package let code: RoleErrorCode
    package let message: String
    package let field: String?

    /// A refusal saying `message`, personal data in it masked: a refusal may name what the
    /// request carried (a code, a parameter) but never an e-mail, a phone or a NIK it carried.
    package init(_ code: RoleErrorCode, _ message: String, field: String? = nil) {
        self.code = code
        self.message = PersonalDataInText.masked(message)
        self.field = field.map(PersonalDataInText.masked)
    }

    /// The refusal a role implementation asked for.
    init(_ error: RoleServiceError) {
        switch error.reason {
        case .notFound(let what): self.init(.notFound, "\(what) was not found")
        case .invalidParameter(let name, let reason): self.init(.invalidParameter, "\(name): \(reason)", field: name)
        case .conflict(let reason): self.init(.conflict, reason)
        }
    }
}

extension RoleError: ContractError {
    package var status: HTTPResponse.Status { HTTPResponse.Status(code: code.httpStatus) }

    package var encodedBody: [UInt8] {
        (try? StreamingJSONEncoder().encode(RoleErrorBody(code, message, field: field)))
            ?? Array(#"{"error":{"code":"internal_error","message":"encoding failed"}}"#.utf8)
    }

    package static func bodyTooLarge(limit: Int) -> RoleError { RoleError(.bodyTooLarge, "the body is over \(limit) bytes") }

    package static func unreadableBody(_ reason: String) -> RoleError { RoleError(.malformedJSON, "the body could not be read") }

    package static func unauthenticated(_ failure: AuthenticationFailure) -> RoleError {
        guard case .signature(let error) = failure.reason else { return RoleError(.unauthenticated, failure.description) }
        let code: RoleErrorCode =
            switch error.code {
            case .missingHeader: .unauthenticated
            case .unknownClient: .unknownClient
            case .malformedTimestamp, .timestampOutsideWindow: .staleTimestamp
            case .replayed, .duplicateExternalID: .replayed
            case .replayGuardFull: .internalError
            default: .invalidSignature
            }
        return RoleError(code, error.description)
    }

    /// The refusal for a body that did not decode into the operation's request.
    package static func undecodableBody(_ error: any Error) -> RoleError {
        guard let error = error as? DecodingError else { return RoleError(.malformedJSON, "the body is not JSON") }
        let field = FieldError(error)
        switch error {
        case .keyNotFound, .valueNotFound: return RoleError(.missingField, field.description, field: field.field)
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return RoleError(.malformedJSON, "the body is not JSON: \(context.debugDescription)")
        default: return RoleError(.invalidField, field.description, field: field.field.isEmpty ? nil : field.field)
        }
    }

    package static func noSuchRoute(method: String, path: String) -> RoleError { RoleError(.notFound, "no such route: \(method) \(path)") }

    package static func answering(_ error: any Error) -> RoleError {
        switch error {
        case let error as RoleError: error
        case let error as RoleServiceError: RoleError(error)
        case let error as HTTPError where error.status == .contentTooLarge: RoleError(.bodyTooLarge, error.body ?? "\(error.status)")
        case let error as HTTPError where (400..<500).contains(error.status.code): RoleError(.invalidParameter, error.body ?? "\(error.status)")
        default: RoleError(.internalError, "the partner failed; nothing is known to have changed")
        }
    }
}

import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning

/// A refusal in the role APIs' error form, thrown inside an adapter.
public struct RoleError: Error, Sendable, Hashable {
    public let code: RoleErrorCode
    public let message: String
    public let field: String?

    public init(_ code: RoleErrorCode, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    var body: RoleErrorBody { RoleErrorBody(code, message, field: field) }

    /// The refusal for a signature the verifier did not accept.
    init(_ error: SignatureError) {
        let code: RoleErrorCode = switch error {
        case .missingHeader: .unauthenticated
        case .unknownClient: .unknownClient
        case .malformedTimestamp, .timestampOutsideWindow: .staleTimestamp
        case .malformedSignature, .mismatch, .bodyNotJSON, .invalidKey: .invalidSignature
        case .replayed, .duplicateExternalID: .replayed
        case .replayGuardFull: .internalError
        }
        self.init(code, error.description)
    }

    /// The refusal a role implementation asked for.
    init(_ error: RoleServiceError) {
        switch error {
        case .notFound(let what): self.init(.notFound, "\(what) was not found")
        case .invalidParameter(let name, let reason): self.init(.invalidParameter, "\(name): \(reason)", field: name)
        case .conflict(let reason): self.init(.conflict, reason)
        }
    }

    /// The refusal for a body that did not decode into the operation's request.
    init(_ error: DecodingError) {
        let field = FieldError(error)
        switch error {
        case .keyNotFound, .valueNotFound: self.init(.missingField, field.description, field: field.field)
        case .dataCorrupted(let context) where context.codingPath.isEmpty: self.init(.malformedJSON, "the body is not JSON: \(context.debugDescription)")
        default: self.init(.invalidField, field.description, field: field.field.isEmpty ? nil : field.field)
        }
    }
}

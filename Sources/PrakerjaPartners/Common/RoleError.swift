/// The error codes of the three role APIs the program signs its calls to (training provider,
/// digital platform, job portal), each with its HTTP status. Every refusal is the same JSON form,
/// `RoleErrorBody`: `{"error": {"code": "invalid_parameter", "message": "...", "field": "salaryMin"}}`.
public enum RoleErrorCode: String, Sendable, Codable, CaseIterable {
    /// The body is not JSON.
    case malformedJSON = "malformed_json"
    /// A body field has the wrong type or format (`field` names it).
    case invalidField = "invalid_field"
    /// A required body field is missing (`field` names it).
    case missingField = "missing_field"
    /// A query or path parameter is unknown, repeated or invalid (`field` names it).
    case invalidParameter = "invalid_parameter"
    /// A `client_code`, `timestamp` or `signature` header is missing.
    case unauthenticated
    /// The `client_code` is not one this partner knows.
    case unknownClient = "unknown_client"
    /// The signature is malformed or not the HMAC of this request.
    case invalidSignature = "invalid_signature"
    /// The timestamp is malformed or outside the window.
    case staleTimestamp = "stale_timestamp"
    /// This signed request was already accepted.
    case replayed
    /// No such resource, or no such route (path and method).
    case notFound = "not_found"
    /// The request contradicts an earlier one (an idempotency key reused with other content).
    case conflict
    /// The body is over the partner's limit (1 MiB unless configured).
    case bodyTooLarge = "body_too_large"
    /// The partner failed; nothing is known to have changed.
    case internalError = "internal_error"

    public var httpStatus: Int {
        switch self {
        case .malformedJSON, .invalidField, .missingField, .invalidParameter: 400
        case .unauthenticated, .unknownClient, .invalidSignature, .staleTimestamp, .replayed: 401
        case .notFound: 404
        case .conflict: 409
        case .bodyTooLarge: 413
        case .internalError: 500
        }
    }
}

/// The role APIs' error form.
public struct RoleErrorBody: Codable, Sendable, Hashable {
    public struct Detail: Codable, Sendable, Hashable {
        /// A `RoleErrorCode` raw value; clients keep codes they do not know.
        public let code: String
        public let message: String
        /// The body field (dotted path) or parameter at fault, when there is one.
        public let field: String?

        public init(code: String, message: String, field: String? = nil) {
            self.code = code
            self.message = message
            self.field = field
        }
    }

    public let error: Detail

    public init(_ code: RoleErrorCode, _ message: String, field: String? = nil) {
        self.error = Detail(code: code.rawValue, message: message, field: field)
    }
}

/// What a role implementation throws to answer with the contract's error form instead of a 500.
///
/// A struct with static members, so that a kind added later breaks no implementation's `switch`.
public struct RoleServiceError: Error, Sendable, Hashable {
    package enum Reason: Sendable, Hashable {
        case notFound(String)
        case invalidParameter(String, reason: String)
        case conflict(String)
    }

    package let reason: Reason

    /// Nothing has this identifier (`what` says which, e.g. "course C-1").
    public static func notFound(_ what: String) -> RoleServiceError { RoleServiceError(reason: .notFound(what)) }
    /// A parameter is not acceptable (an unknown cursor, for one).
    public static func invalidParameter(_ name: String, reason: String) -> RoleServiceError {
        RoleServiceError(reason: .invalidParameter(name, reason: reason))
    }
    /// The request contradicts an earlier one.
    public static func conflict(_ reason: String) -> RoleServiceError { RoleServiceError(reason: .conflict(reason)) }
}

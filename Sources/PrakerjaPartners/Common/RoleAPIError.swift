/// A failed call to a training provider, digital platform or job portal.
public struct RoleAPIError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The partner answered with the contract's error form.
        case refused
        /// The request could not be built (a value the client cannot encode).
        case invalidRequest
        /// No response: connection refused, reset, TLS.
        case transport
        case timeout
        /// A response that is not what the contract says (wrong form, wrong fields).
        case invalidResponse
    }

    public let kind: Kind
    public let message: String
    public let httpStatus: Int?
    /// The contract's code, as received (`RoleErrorCode(rawValue:)` reads the known ones).
    public let code: String?
    /// The field or parameter the partner named.
    public let field: String?

    public init(kind: Kind, message: String, httpStatus: Int? = nil, code: String? = nil, field: String? = nil) {
        self.kind = kind
        self.message = message
        self.httpStatus = httpStatus
        self.code = code
        self.field = field
    }

    /// The code as a known `RoleErrorCode`, or nil.
    public var knownCode: RoleErrorCode? { code.flatMap(RoleErrorCode.init(rawValue:)) }

    public var description: String {
        let status = httpStatus.map { " (HTTP \($0))" } ?? ""
        let where_ = field.map { " [\($0)]" } ?? ""
        return "\(code ?? kind.rawValue)\(where_): \(message)\(status)"
    }
}

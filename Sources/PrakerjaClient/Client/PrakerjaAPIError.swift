/// A failed call the SDK or the kit made: to the program's integration API, or to a partner's API
/// (payment, training provider, digital platform, job portal). Every client throws this one type.
///
/// `kind` says what went wrong; for a refusal, `code` is the code the other side answered with (the
/// program's `ERRPLT40036`, SNAP's `4017300`, a role API's `not_found`), kept as sent even when this
/// SDK does not know it. `programCode` (and, in PrakerjaPartners, `snapCode` and `roleCode`) look it
/// up in the documented catalogues.
public struct PrakerjaAPIError: Error, Sendable, CustomStringConvertible {
    /// What went wrong. Kinds may be added in later versions: compare with `==` rather than
    /// switching over every kind.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case refused, invalidRequest, transport, timeout, tooLarge, undecodable
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The other side answered with its contract's error form and a code.
        public static let refused = Kind(.refused)
        /// The request could not be built (an invalid argument); nothing was sent.
        public static let invalidRequest = Kind(.invalidRequest)
        /// No response: connection refused or reset, TLS, DNS.
        public static let transport = Kind(.transport)
        /// No response within the timeout.
        public static let timeout = Kind(.timeout)
        /// A response larger than the client accepts.
        public static let tooLarge = Kind(.tooLarge)
        /// A response in neither of the contract's forms: a proxy's page, a redirect, invalid JSON,
        /// a success whose fields are not the contract's, an error without its code.
        public static let undecodable = Kind(.undecodable)

        public var description: String { base.rawValue }
    }

    public let kind: Kind
    /// The code the other side answered with, for `.refused`.
    public let code: String?
    public let message: String
    /// The HTTP status, when there was a response.
    public let httpStatus: Int?
    /// The operation (`redeem-status`, `POST /v1.0/emoney/topup`, `GET /v1/vacancies`), when known.
    public let operation: String?
    /// The field or parameter the other side named as at fault.
    public let field: String?
    /// How many attempts were made (0 when nothing was sent).
    public let attempts: Int
    /// The response body as received (at most 4 KiB), when there was one.
    public let responseBody: String?

    public init(
        kind: Kind, code: String? = nil, message: String, httpStatus: Int? = nil, operation: String? = nil, field: String? = nil,
        attempts: Int = 0, responseBody: String? = nil
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.operation = operation
        self.field = field
        self.attempts = attempts
        self.responseBody = responseBody
    }

    /// The failure for a request that got no usable answer from the transport.
    public init(_ error: TransportError, operation: String?, attempts: Int = 1) {
        self.init(
            kind: error.isTimeout ? .timeout : error.isOversizedAnswer ? .tooLarge : .transport, message: error.description,
            operation: operation, attempts: attempts)
    }

    /// The documented meaning of `code` in the program's catalogue, if it is there.
    public var programCode: ProgramErrorCode? { code.flatMap { code in ProgramErrorCode.all.first { $0.code == code } } }

    /// Whether this is the given program error.
    public func `is`(_ code: ProgramErrorCode) -> Bool { self.code == code.code }

    public var description: String {
        var text = operation.map { "\($0): " } ?? ""
        if let code { text += "\(code) " }
        if let field { text += "[\(field)] " }
        text += message
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }
}

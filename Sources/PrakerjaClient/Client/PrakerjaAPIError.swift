/// A failed call to the program's integration API, with what a partner needs to act on it.
///
/// For an error envelope, `code` is the program's code (`ERRPLT40036`), kept as sent even when this
/// SDK does not know it; `knownCode` looks it up in the documented catalogue.
public struct PrakerjaAPIError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The program answered with its error envelope.
        case program
        /// The request could not be built (an invalid argument); nothing was sent.
        case invalidRequest
        /// No response: connection refused, reset, TLS failure.
        case transport
        /// No response within the timeout.
        case timeout
        /// A response that is neither envelope (a proxy's HTML page, a redirect, invalid JSON).
        case invalidResponse
    }

    public let kind: Kind
    /// The program's error code, for `.program`.
    public let code: String?
    public let message: String
    /// The HTTP status, when there was a response.
    public let httpStatus: Int?
    /// The operation (`redeem-status`), when known.
    public let operation: String?
    /// How many attempts were made.
    public let attempts: Int
    /// The response body as received (at most 4 KiB), when there was one.
    public let responseBody: String?

    public init(kind: Kind, code: String? = nil, message: String, httpStatus: Int? = nil, operation: String? = nil, attempts: Int = 0,
                responseBody: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.operation = operation
        self.attempts = attempts
        self.responseBody = responseBody
    }

    /// The documented meaning of `code`, if it is in the catalogue.
    public var knownCode: ProgramErrorCode? { code.flatMap { code in ProgramErrorCode.all.first { $0.code == code } } }

    /// Whether this is the given program error.
    public func `is`(_ code: ProgramErrorCode) -> Bool { self.code == code.code }

    public var description: String {
        var text = operation.map { "\($0): " } ?? ""
        if let code { text += "\(code) " }
        text += message
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }
}

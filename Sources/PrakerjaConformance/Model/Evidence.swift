import Foundation

/// What a result rests on, for a curator to audit: the HTTP exchanges the check made (secrets and
/// personal data redacted) and its findings, each with where, what was expected and what was found.
public struct Evidence: Codable, Sendable {
    public var exchanges: [HTTPExchange]
    public var findings: [Finding]

    public init(exchanges: [HTTPExchange] = [], findings: [Finding] = []) {
        self.exchanges = exchanges
        self.findings = findings
    }
}

/// One observation: where (a JSON pointer in a response, a header, an operation), what the
/// contract expects, and what the partner did.
public struct Finding: Codable, Sendable, Hashable {
    public var location: String?
    public var expected: String?
    public var actual: String?
    public var message: String
    /// The index of the exchange in the evidence this finding is about, if one.
    public var exchange: Int?

    public init(_ message: String, location: String? = nil, expected: String? = nil, actual: String? = nil, exchange: Int? = nil) {
        self.message = message
        self.location = location
        self.expected = expected
        self.actual = actual
        self.exchange = exchange
    }

    /// One line: where, what, what was expected, what was found.
    public var summary: String {
        [location, message, expected.map { "expected \($0)" }, actual.map { "found \($0)" }].compactMap { $0 }.joined(separator: ": ")
    }
}

/// One HTTP request and its response (or why there was none), as recorded: headers and bodies
/// redacted, bodies cut at `HTTPExchange.maximumBodyCharacters`.
public struct HTTPExchange: Codable, Sendable {
    public struct Header: Codable, Sendable, Hashable {
        public let name: String
        public let value: String
    }

    public var method: String
    public var url: String
    public var requestHeaders: [Header]
    public var requestBody: String
    public var status: Int?
    public var responseHeaders: [Header]
    public var responseBody: String
    /// Why there was no response (timeout, connection reset, too large).
    public var error: String?
    public var startedAt: Date
    public var milliseconds: Double
    /// 1 for the first attempt; a retry of a transient fault is recorded as attempt 2, 3...
    public var attempt: Int

    /// Bodies longer than this are cut in evidence (the check itself saw the whole body).
    public static let maximumBodyCharacters = 16_384
}

extension [Finding] {
    /// A failure message from the findings themselves (the first, and how many more), so a
    /// message never says what its evidence does not show.
    var summary: String {
        guard let first else { return "" }
        return count == 1 ? first.message : "\(first.message) (and \(count - 1) more)"
    }
}

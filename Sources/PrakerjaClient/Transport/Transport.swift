import Foundation

/// How the client moves bytes: one request out, one response back.
///
/// `AsyncHTTPClientTransport` is the default on every platform; an Apple-platform app can plug in
/// URLSession by implementing this protocol. A transport must not follow redirects and must bound
/// the response size: the client signs requests for one host only.
public protocol PrakerjaTransport: Sendable {
    func send(_ request: TransportRequest, timeout: Duration) async throws(TransportError) -> TransportResponse
}

/// An HTTP request exactly as it will be sent: the body bytes are the signed bytes.
public struct TransportRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// An HTTP response as received.
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Why a request got no response.
///
/// A struct with static members rather than an enum, so that a later kind of failure breaks no
/// caller's `switch`: ask `isTimeout` or `isOversizedAnswer`, or compare with `==`.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case timeout(Duration)
        case connection(String)
        case responseTooLarge(limit: Int)
        case invalidURL(String)
    }

    private let reason: Reason

    /// No response within the timeout.
    public static func timeout(_ limit: Duration) -> TransportError { TransportError(reason: .timeout(limit)) }
    /// The connection failed or broke (refused, reset, TLS, DNS).
    public static func connection(_ reason: String) -> TransportError { TransportError(reason: .connection(reason)) }
    /// The response body was larger than the transport accepts.
    public static func responseTooLarge(limit: Int) -> TransportError { TransportError(reason: .responseTooLarge(limit: limit)) }
    /// The URL cannot be requested.
    public static func invalidURL(_ url: String) -> TransportError { TransportError(reason: .invalidURL(url)) }

    public var description: String {
        switch reason {
        case .timeout(let duration): "no response within \(duration)"
        case .connection(let reason): "connection failed: \(reason)"
        case .responseTooLarge(let limit): "response body exceeds \(limit) bytes"
        case .invalidURL(let url): "invalid URL \(url)"
        }
    }

    /// Whether the call ran out of time (as opposed to failing).
    public var isTimeout: Bool { if case .timeout = reason { true } else { false } }

    /// Whether the connection failed or broke (as opposed to timing out, or answering too much).
    public var isConnectionFailure: Bool { if case .connection = reason { true } else { false } }

    /// Whether the server did answer, but with more than the transport accepts: the answer is at
    /// fault, not the network.
    public var isOversizedAnswer: Bool { if case .responseTooLarge = reason { true } else { false } }
}

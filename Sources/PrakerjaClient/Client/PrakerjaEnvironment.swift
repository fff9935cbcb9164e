import Foundation

/// Where the program's integration API lives.
public struct PrakerjaEnvironment: Hashable, Sendable, CustomStringConvertible {
    /// The base URL, without a trailing slash: `https://api.prakerja.go.id`.
    public let baseURL: String

    public static let production = PrakerjaEnvironment(uncheckedBaseURL: "https://api.prakerja.go.id")
    public static let sandbox = PrakerjaEnvironment(uncheckedBaseURL: "https://api-ssn.prakerja.go.id")

    /// Any base URL, such as a local sandbox (`http://127.0.0.1:8080`). Must be http or https with a host.
    public init(baseURL: String) throws(PrakerjaAPIError) {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URLComponents(string: trimmed), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else {
            throw PrakerjaAPIError(kind: .invalidRequest, message: "base URL \"\(baseURL.prefix(80))\" must be http(s)://host[:port][/path]")
        }
        self.init(uncheckedBaseURL: trimmed)
    }

    private init(uncheckedBaseURL: String) { self.baseURL = uncheckedBaseURL }

    public var description: String { baseURL }
}

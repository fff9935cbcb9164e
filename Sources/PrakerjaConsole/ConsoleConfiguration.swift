import Foundation

/// How a console serves: its cookies, sessions and sign-in limits.
public struct ConsoleConfiguration: Sendable {
    /// Whether cookies are `Secure` (sent over https only): true when people reach the console
    /// over https (behind a proxy that ends TLS), as its public URL says.
    public var secureCookies: Bool
    /// How long a session lasts after sign-in.
    public var sessionLifetime: TimeInterval
    /// Refused sign-ins counted per account and per address over this window.
    public var throttleWindow: TimeInterval
    /// Refused sign-ins of one account within the window after which it is refused outright.
    public var refusalsPerAccount: Int
    /// Refused sign-ins from one address within the window after which it is refused outright.
    public var refusalsPerAddress: Int
    /// The largest form body accepted.
    public var maximumFormBytes: Int
    /// Proxies (their addresses) whose `X-Forwarded-For` names the client: sign-ins are then
    /// throttled per client, not per proxy. Any other peer's header is ignored.
    public var trustedProxies: Set<String>
    /// The most results a run's JSON, JUnit or HTML report is made of for a download (the whole
    /// run is held to render one); a larger run's are written by `prakerja runs show --report-dir`.
    public var largestReport: Int

    /// The origin (`https://host[:port]`) people reach the console at, when a proxy stands in
    /// front of it: forms sent from it are accepted even when the proxy changes the `Host`.
    public var publicOrigin: String?

    public init(
        publicURL: String? = nil, sessionLifetime: TimeInterval = 8 * 3_600, throttleWindow: TimeInterval = 15 * 60,
        refusalsPerAccount: Int = 5, refusalsPerAddress: Int = 20, maximumFormBytes: Int = 64 * 1_024, trustedProxies: Set<String> = [],
        largestReport: Int = 50_000
    ) {
        self.largestReport = largestReport
        self.trustedProxies = trustedProxies
        self.secureCookies = publicURL?.lowercased().hasPrefix("https://") ?? false
        self.publicOrigin = publicURL.flatMap(URLComponents.init(string:)).flatMap(\.origin)
        self.sessionLifetime = sessionLifetime
        self.throttleWindow = throttleWindow
        self.refusalsPerAccount = refusalsPerAccount
        self.refusalsPerAddress = refusalsPerAddress
        self.maximumFormBytes = maximumFormBytes
    }
}

extension URLComponents {
    /// `scheme://host[:port]`, lower case, as a browser's `Origin` header names it; nil without
    /// a scheme and a host.
    var origin: String? {
        guard let scheme = scheme?.lowercased(), let host = host?.lowercased(), !host.isEmpty else { return nil }
        return "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "")
    }
}

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

    public init(
        secureCookies: Bool = false, sessionLifetime: TimeInterval = 8 * 3_600, throttleWindow: TimeInterval = 15 * 60,
        refusalsPerAccount: Int = 5, refusalsPerAddress: Int = 20, maximumFormBytes: Int = 64 * 1_024, trustedProxies: Set<String> = []
    ) {
        self.trustedProxies = trustedProxies
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.throttleWindow = throttleWindow
        self.refusalsPerAccount = refusalsPerAccount
        self.refusalsPerAddress = refusalsPerAddress
        self.maximumFormBytes = maximumFormBytes
    }
}

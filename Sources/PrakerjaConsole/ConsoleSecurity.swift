import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The console's secrets and headers: random tokens, how a session's token is kept (its
/// SHA-256, never the token), comparisons in constant time, and the headers every answer carries.
enum ConsoleSecurity {
    /// A new random token: 32 bytes from the system's generator, base64url without padding.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `text` has the shape of a `token()`.
    static func isToken(_ text: String) -> Bool { text.utf8.count == 43 && isPlain(text, also: "-_") }

    /// Whether `text` holds ASCII letters, digits and the characters of `extra` only.
    static func isPlain(_ text: some StringProtocol, also extra: String) -> Bool {
        text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || extra.contains($0)) }
    }

    /// What the store keeps of a session's token.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `a` and `b` are equal, in time that depends on their lengths only.
    static func same(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The headers every answer carries: no script or style but the console's own file, no
    /// framing, no sniffing, no referrer leaving the console, no caching of pages.
    static let headers: [(HTTPField.Name, String)] = [
        (
            .contentSecurityPolicy,
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
        (.xContentTypeOptions, "nosniff"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
        (.cacheControl, "no-store"),
    ]
}

/// Adds `ConsoleSecurity.headers` to every answer (errors are answers by then: `ErrorPages`
/// runs inside it).
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for (name, value) in ConsoleSecurity.headers where response.headers[name] == nil { response.headers[name] = value }
        return response
    }
}

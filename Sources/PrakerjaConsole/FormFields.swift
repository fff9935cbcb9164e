import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body's fields: the last value of each name.
struct FormFields: Sendable {
    let values: [String: String]

    subscript(_ name: String) -> String? { values[name] }

    /// The form in `request`'s body, at most `limit` bytes (larger: 413). The body stays readable
    /// for the route after the guard has read it.
    static func read(_ request: inout Request, limit: Int) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: limit)
        request.body = .init(buffer: buffer)
        return parse(String(buffer: buffer))
    }

    static func parse(_ body: String) -> FormFields {
        var values: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            values[decoded(parts[0])] = parts.count > 1 ? decoded(parts[1]) : ""
        }
        return FormFields(values: values)
    }
}

/// The cookies that carry a session's token and a sign-in form's token.
enum SessionCookie {
    static let name = "prakerja_session"
    static let form = "prakerja_form"

    /// The session cookie for `token`: the browser sends it to this console only, never to
    /// scripts (`HttpOnly`), never with a request another site starts (`SameSite=Strict`).
    static func session(_ token: String, lifetime: TimeInterval, secure: Bool) -> Cookie {
        Cookie(name: name, value: token, maxAge: Int(lifetime), path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that tells the browser to forget `name`.
    static func cleared(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

import Foundation
import Hummingbird
import NIOCore

/// An `application/x-www-form-urlencoded` or `multipart/form-data` body's fields (each name once),
/// or a query's (the last value of each name).
struct FormFields: Sendable {
    let values: [String: String]
    /// The files of a `multipart/form-data` form, by field name.
    var files: [String: [UInt8]] = [:]

    subscript(_ name: String) -> String? { values[name] }

    /// The field `name` as text a person typed: control characters dropped (but for line
    /// breaks, written `\n`, when `lines`: a note's text, where format characters such as
    /// right-to-left overrides, which could make it read otherwise than it is, are dropped too),
    /// spaces trimmed, at most `maximum` characters; nil when nothing is left.
    func text(_ name: String, maximum: Int, lines: Bool = false) -> String? {
        guard var value = values[name] else { return nil }
        if lines {
            for separator in ["\r\n", "\r", "\u{2028}", "\u{2029}"] { value = value.replacingOccurrences(of: separator, with: "\n") }
        }
        let kept = String(
            String.UnicodeScalarView(
                value.unicodeScalars.filter { scalar in
                    switch scalar.properties.generalCategory {
                    case .control: lines && scalar == "\n"
                    case .format: !lines
                    default: true
                    }
                }))
        let text = String(kept.trimmingCharacters(in: .whitespacesAndNewlines).prefix(maximum))
        return text.isEmpty ? nil : text
    }

    /// The form in `request`'s body, at most `limit` bytes (larger: 413). A body the console
    /// cannot read (a malformed multipart body, a field sent twice: which value was meant?) is
    /// refused as a whole (400). The body stays readable for the route after the guard has read it.
    static func read(_ request: inout Request, limit: Int) async throws -> FormFields {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw HTTPError(.contentTooLarge) }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
        request.body = .init(buffer: buffer)
        if let boundary = MultipartBody.boundary(request.headers[.contentType]) {
            guard let parts = MultipartBody.parts(Array(buffer: buffer), boundary: boundary) else { throw ConsoleRefusal.unreadableForm }
            var values: [String: String] = [:], files: [String: [UInt8]] = [:]
            for part in parts {
                guard values[part.name] == nil, files[part.name] == nil else { throw ConsoleRefusal.unreadableForm }
                if part.filename != nil { files[part.name] = part.data } else { values[part.name] = String(decoding: part.data, as: UTF8.self) }
            }
            return FormFields(values: values, files: files)
        }
        let pairs = Self.pairs(String(buffer: buffer))
        guard Set(pairs.map(\.name)).count == pairs.count else { throw ConsoleRefusal.unreadableForm }
        return FormFields(values: Dictionary(pairs, uniquingKeysWith: { $1 }))
    }

    /// A query of the `fields` that have a value, each encoded: `a=1&b=x%20y`.
    static func query(_ fields: [(String, String?)]) -> String {
        fields.compactMap { name, value in value.map { "\(name)=\(encoded($0))" } }.joined(separator: "&")
    }

    /// `text` as a form or query value: everything but letters, digits and `-._~` percent-encoded.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// A query's fields (a link's: the last value of a name given twice).
    static func parse(_ query: String) -> FormFields {
        FormFields(values: Dictionary(pairs(query), uniquingKeysWith: { $1 }))
    }

    /// The `name=value` pairs of a query or form, decoded, in order.
    private static func pairs(_ body: String) -> [(name: String, value: String)] {
        body.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }
}

enum SessionCookie {
    static let name = "prakerja_session"
    static let form = "prakerja_form"
    static let language = "lang"

    /// The cookie `name` as the console calls it: behind https with the `__Host-` prefix, which
    /// has the browser keep it only when it is `Secure`, set by this host for every path and no
    /// domain (a sibling subdomain can neither set nor shadow it); plain over http (a laptop, tests).
    static func named(_ name: String, secure: Bool) -> String { secure ? "__Host-" + name : name }

    /// The value of the console's cookie `name` in `request`.
    static func value(_ name: String, in request: Request, secure: Bool) -> String? {
        request.cookies[named(name, secure: secure)]?.value
    }

    /// A cookie of the console: sent to this console only, never to scripts (`HttpOnly`), with
    /// requests other sites start only when `sameSite` says so (`Strict` by default).
    static func make(_ name: String, _ value: String, maxAge: Int, secure: Bool, sameSite: Cookie.SameSite = .strict) -> Cookie {
        Cookie(name: named(name, secure: secure), value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: sameSite)
    }

    /// The session cookie for `token`.
    static func session(_ token: String, lifetime: TimeInterval, secure: Bool) -> Cookie {
        make(name, token, maxAge: Int(lifetime), secure: secure)
    }

    /// A cookie that tells the browser to forget `name`.
    static func cleared(_ name: String, secure: Bool) -> Cookie { make(name, "", maxAge: 0, secure: secure) }
}

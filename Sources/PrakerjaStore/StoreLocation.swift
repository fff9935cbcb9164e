import Foundation

/// Where the results history is: an SQLite file (one person, CI), or a PostgreSQL database the
/// whole curation team and every worker share.
///
/// `--store` and `$PRAKERJA_STORE` take either a path or `postgres://USER@HOST[:PORT]/DATABASE`.
/// The password is never in the URL (where it would land in shell history, `ps`, CI logs and
/// reports): it comes from `$PGPASSWORD`, or from `?password=file:PATH` or `?password=env:NAME`,
/// the `{ file: }` / `{ env: }` secrets partner configs use. `?sslmode=disable|prefer|require`
/// chooses TLS (default `prefer`, as libpq does).
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case postgres(PostgresLocation)

    /// A path, or a `postgres://` (or `postgresql://`) URL; a URL that cannot be used is refused
    /// with what is wrong in it.
    public static func parse(
        _ text: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError)
        -> StoreLocation
    {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else { return .file(text) }
        return .postgres(try PostgresLocation(text, environment: environment))
    }

    /// The path, or the URL without any secret: what messages, logs and reports show.
    public var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let location): location.description
        }
    }
}

/// A PostgreSQL database holding a results history, with the password it is opened with.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable { case disable, prefer, require }

    public let host: String
    public let port: Int
    public let user: String
    public let database: String
    public let tls: TLSMode
    /// From `$PGPASSWORD` or the secret the URL names; nil when the server asks for none.
    let password: String?
    /// Where the password came from (`PGPASSWORD`, `file:PATH`, `env:NAME`): safe to show.
    let passwordSource: String?

    init(_ text: String, environment: [String: String]) throws(StoreError) {
        func refuse(_ reason: String) -> StoreError { StoreError(location: Self.withoutUserInfo(text), reason: reason) }
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw refuse("not a URL like postgres://user@host:5432/database")
        }
        guard url.password == nil else {
            throw refuse(
                "a password in the URL would be shown in shell history, process lists and logs: give it in $PGPASSWORD or as ?password=file:PATH")
        }
        guard let user = url.user, !user.isEmpty else { throw refuse("no user: write postgres://USER@\(host)/DATABASE") }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw refuse("no database: write postgres://\(user)@\(host)/DATABASE") }
        var tls = TLSMode.prefer, secret: String?
        for item in url.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw refuse("sslmode \(item.value ?? "") is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "password":
                secret = item.value ?? ""
            default:
                throw refuse("unknown parameter \(item.name) (known: sslmode, password)")
            }
        }
        self.host = host
        self.port = url.port ?? 5432
        self.user = user
        self.database = database
        self.tls = tls
        if let secret {
            if secret.hasPrefix("file:") {
                let path = String(secret.dropFirst(5))
                guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw refuse("the password file \(path) cannot be read")
                }
                password = contents.trimmingCharacters(in: .newlines)
            } else if secret.hasPrefix("env:") {
                let name = String(secret.dropFirst(4))
                guard let value = environment[name] else { throw refuse("the password variable \(name) is not set") }
                password = value
            } else {
                throw refuse("write ?password=file:PATH or ?password=env:NAME: the password itself is never put in the URL")
            }
            passwordSource = secret
        } else {
            password = environment["PGPASSWORD"]
            passwordSource = password == nil ? nil : "PGPASSWORD"
        }
    }

    /// `postgres://user@host:port/database`: never the password, nor where it is kept.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.description == rhs.description && lhs.tls == rhs.tls }

    /// The URL with anything before `@` dropped, for a refusal of a URL that could not be read.
    private static func withoutUserInfo(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text.range(of: "@", range: scheme.upperBound..<text.endIndex) else {
            return text.components(separatedBy: "?")[0]
        }
        return (text[..<scheme.upperBound] + "…" + text[at.lowerBound...]).components(separatedBy: "?")[0]
    }
}

import Foundation
import GRDB
import Logging
import PostgresNIO

/// The two databases a results history lives in, for tests that run the same assertions against
/// both: each test asks for a fresh, empty history of each kind.
///
/// PostgreSQL is `$PRAKERJA_TEST_POSTGRES` (a server URL whose database the tests may create
/// databases beside), else the throwaway cluster `.ci/postgres start` makes. With `CI` set, a
/// PostgreSQL that cannot be had fails the tests; elsewhere (a checkout without PostgreSQL
/// installed) they run against SQLite alone and say so once.
public enum TestStore: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    /// The kinds to test against.
    public static let all: [TestStore] = {
        switch TestPostgres.server {
        case .success: return [.sqlite, .postgres]
        case .failure(let error):
            if ProcessInfo.processInfo.environment["CI"] != nil { return [.sqlite, .postgres] }
            FileHandle.standardError.write(Data("note: store tests run against SQLite only: \(error)\n".utf8))
            return [.sqlite]
        }
    }()

    /// Where a new, empty history of this kind is: a path in a new folder, or a new database.
    public func freshLocation() async throws -> String {
        switch self {
        case .sqlite: return FileManager.default.temporaryDirectory.appending(path: "store-\(UUID().uuidString)/history.sqlite").path
        case .postgres: return try await TestPostgres.freshDatabase()
        }
    }

    /// Runs one statement on the history at `location` outside the kit (to damage it, or to read
    /// what the kit cannot be asked), returning the first column of each row as text.
    public static func sql(_ statement: String, at location: String) async throws -> [String?] {
        if location.hasPrefix("postgres://") { return try await TestPostgres.sql(statement, at: location) }
        return try await DatabaseQueue(path: location).writeWithoutTransaction { db in
            try Row.fetchAll(db, sql: statement).map { row in row.databaseValues.first.flatMap { String.fromDatabaseValue($0) ?? "\($0)" } }
        }
    }
}

/// The test PostgreSQL server: found or started once per test process.
public enum TestPostgres {
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// The server's URL, with the database tests create others beside.
    public static let server: Result<String, any Error> = {
        if let url = ProcessInfo.processInfo.environment["PRAKERJA_TEST_POSTGRES"], !url.isEmpty { return .success(url) }
        return Result { try script("start") }
    }()

    /// The environment of `.ci/postgres` for a server of a test's own on `port`: its own folder
    /// too, whatever `PRAKERJA_PG_DIR` the tests inherited (the shared server's, in a CI run that
    /// names one), so restarting it never touches the shared server.
    static func ownServer(_ port: Int) -> [String: String] {
        [
            "PRAKERJA_PG_PORT": "\(port)",
            "PRAKERJA_PG_DIR": FileManager.default.temporaryDirectory.appending(path: "prakerja-postgres-test-\(port)").path,
        ]
    }

    /// `script`, run without holding a thread (`ChildProcess`): starting or restarting a server
    /// takes seconds, and the partners a test serves in this process answer on Swift's pool.
    @discardableResult
    public static func run(_ command: String, port: Int? = nil) async throws -> String {
        let result = try await ChildProcess.run(
            ["bash", Repository.root.appending(path: ".ci/postgres").path, command], environment: port.map(ownServer) ?? [:], errorsApart: true)
        guard result.status == 0 else {
            throw Unavailable(description: ".ci/postgres \(command) failed: \(result.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `.ci/postgres COMMAND` (for the server on `port`, else the shared one); what it printed.
    @discardableResult
    public static func script(_ command: String, port: Int? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Repository.root.appending(path: ".ci/postgres").path, command]
        if let port { process.environment = ProcessInfo.processInfo.environment.merging(ownServer(port)) { $1 } }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unavailable(description: ".ci/postgres \(command) failed: \(problem.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return text
    }

    /// `server` (or the server at `base`) with another database.
    public static func url(database: String, on base: String? = nil) throws -> String {
        var components = try require(URLComponents(string: try base ?? server.get()))
        components.path = "/" + database
        return try require(components.string)
    }

    /// A new, empty database on the server (or the one at `base`), and its URL.
    public static func freshDatabase(on base: String? = nil) async throws -> String {
        let name = "prakerja_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        _ = try await sql("CREATE DATABASE \(name)", at: try base ?? server.get())
        return try url(database: name, on: base)
    }

    /// Runs one statement as the server's test user on the database `location` names.
    public static func sql(_ statement: String, at location: String) async throws -> [String?] {
        let connection = try await PostgresConnection.connect(configuration: try configuration(location), id: 1, logger: logger)
        var values: [String?] = []
        do {
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) {
                let cell = row.makeRandomAccess()[0]
                values.append(
                    cell.bytes.map { _ in
                        switch cell.dataType {
                        case .int2, .int4, .int8: (try? cell.decode(Int.self)).map(String.init) ?? "?"
                        default: (try? cell.decode(String.self)) ?? "?"
                        }
                    })
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return values
    }

    static let logger = Logger(label: "prakerja.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The connection `location` describes: the password from its `?password=file:` or `$PGPASSWORD`.
    static func configuration(_ location: String) throws -> PostgresConnection.Configuration {
        let components = try require(URLComponents(string: location))
        var password = ProcessInfo.processInfo.environment["PGPASSWORD"]
        if let secret = components.queryItems?.first(where: { $0.name == "password" })?.value, secret.hasPrefix("file:") {
            password = try String(contentsOfFile: String(secret.dropFirst(5)), encoding: .utf8).trimmingCharacters(in: .newlines)
        }
        return PostgresConnection.Configuration(
            host: try require(components.host), port: components.port ?? 5432, username: try require(components.user), password: password,
            database: String(components.path.dropFirst()), tls: .disable)
    }
}

/// The value, or an error naming what was missing (a test support helper, not an assertion).
private func require<T>(_ value: T?, _ what: String = "a value") throws -> T {
    guard let value else { throw TestPostgres.Unavailable(description: "\(what) is missing") }
    return value
}

import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The history in a PostgreSQL database (postgres-nio, a pool of connections): one history the
/// whole curation team and every sweep worker, on any machine, write to and read from.
///
/// The database is marked as a results history by the `prakerja_history` table (one row: the
/// application and the schema version). Opening takes a transaction-scoped advisory lock, so
/// many processes starting together apply the migrations once; a database holding other tables
/// and no marker (another program's), a marker that is wrong or tables that are missing
/// (damaged), or a newer version are refused with nothing changed.
final class PostgresDatabase: StoreDatabase {
    let location: PostgresLocation
    private let client: PostgresClient
    private let running: Task<Void, Never>

    var dialect: StoreDialect { .postgres }

    /// The driver logs nothing: errors reach the caller as `StoreError`s.
    static let logger = Logger(label: "prakerja.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The marker row's application.
    static let application = "prakerja-results-history"

    /// The advisory lock key every opening process takes: "PKRJ" and "HIST".
    static let migrationLock: Int64 = 0x504B_524A_4849_5354

    private init(location: PostgresLocation, client: PostgresClient) {
        self.location = location
        self.client = client
        running = Task { await client.run() }
    }

    /// Connects, checks that the database is a results history (or empty), applies what
    /// migrations it lacks, and starts the pool the history's transactions use.
    static func open(_ location: PostgresLocation, maximumConnections: Int = 8) async throws(StoreError) -> PostgresDatabase {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try connectionConfiguration(location), id: 0, logger: logger)
            do {
                try await connection.query("BEGIN", logger: logger).consume()
                try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger).consume()
                try await prepare(StoreConnection(backend: .postgres(connection)), location: location)
                try await connection.query("COMMIT", logger: logger).consume()
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw StoreError(location: location.description, error)
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password, database: location.database,
            tls: try clientTLS(location))
        configuration.options.maximumConnections = maximumConnections
        configuration.options.keepAliveBehavior = nil
        // A connection left idle goes back to the server soon: many short commands share it.
        configuration.options.connectionIdleTimeout = .seconds(10)
        return PostgresDatabase(location: location, client: PostgresClient(configuration: configuration, backgroundLogger: logger))
    }

    func write<T: Sendable>(_ body: (StoreConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN", body)
    }

    func read<T: Sendable>(_ body: (StoreConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    func close() async {
        running.cancel()
        await running.value
    }

    private func transaction<T: Sendable>(_ begin: PostgresQuery, _ body: (StoreConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query(begin, logger: Self.logger).consume()
            do {
                let result = try await body(StoreConnection(backend: .postgres(connection)))
                try await connection.query("COMMIT", logger: Self.logger).consume()
                return result
            } catch {
                try? await connection.query("ROLLBACK", logger: Self.logger).consume()
                throw error
            }
        }
    }

    /// Inside the opening transaction, under the advisory lock: refuses what is not a history of
    /// a version this kit reads, then migrates.
    private static func prepare(_ connection: StoreConnection, location: PostgresLocation) async throws {
        let tables = try await connection.rows(
            "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
        ).map { try $0["name"] as String }
        var version = 0
        if tables.contains("prakerja_history") {
            let marker = try await connection.rows("SELECT application, version FROM prakerja_history")
            guard marker.count == 1, try marker[0]["application"] as String == application else {
                throw StoreError.damaged(location.description, "its prakerja_history marker is not one row naming \(application)")
            }
            version = try marker[0]["version"] as Int
            if version > StoreSchema.migrations.count { throw StoreError.newer(location.description, version: version) }
            let missing = StoreSchema.tables(upTo: version).filter { !tables.contains($0) }
            if version > 0, !missing.isEmpty { throw StoreError.damaged(location.description, "tables missing: \(missing.joined(separator: ", "))") }
        } else if !tables.isEmpty {
            throw StoreError.notOurs(location.description, kind: "a PostgreSQL database", tables: tables)
        } else {
            try await connection.execute("CREATE TABLE prakerja_history (application TEXT NOT NULL, version INTEGER NOT NULL)")
            try await connection.execute("INSERT INTO prakerja_history VALUES (\(application), 0)")
        }
        for migration in StoreSchema.migrations.dropFirst(version) {
            // One statement at a time: the extended protocol takes one per query.
            for statement in migration.statements(.postgres) { try await connection.execute(StoreSQL(stringLiteral: statement)) }
        }
        try await connection.execute("UPDATE prakerja_history SET version = \(StoreSchema.migrations.count)")
    }

    private static func connectionConfiguration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password, database: location.database,
            tls: tls)
    }

    private static func clientTLS(_ location: PostgresLocation) -> PostgresClient.Configuration.TLS {
        switch location.tls {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }
}

import Foundation
import GRDB
import PostgresNIO

/// What differs between the history's two databases, and only that: opening one (its ownership
/// marker, its migrations under its own lock), transactions, and running a statement. Everything
/// the history does (recording, resuming, reviews, waivers, the audit trail, listing, pruning) is
/// written once in `ResultsStore` over this protocol, so SQLite and PostgreSQL cannot drift apart.
protocol StoreDatabase: Sendable {
    var dialect: StoreDialect { get }

    /// Runs `body` in one transaction that writes: committed when it returns, rolled back when it
    /// throws. A read inside it is not made stale by another writer of the same rows (SQLite takes
    /// the write lock first; PostgreSQL statements lock what they read with `forUpdate`).
    func write<T: Sendable>(_ body: (StoreConnection) async throws -> T) async throws -> T

    /// Runs `body` on one consistent snapshot of the history.
    func read<T: Sendable>(_ body: (StoreConnection) async throws -> T) async throws -> T

    /// Closes the connections; the database is not used again.
    func close() async
}

/// The two SQL dialects the history is written in.
enum StoreDialect: Sendable {
    case sqlite, postgres

    /// What a `SELECT` adds to lock the rows it reads until the transaction ends: nothing in
    /// SQLite, where a writing transaction holds the whole file.
    var forUpdate: String { self == .postgres ? " FOR UPDATE" : "" }

    /// What a queue's `SELECT` adds to take rows no other transaction holds, passing over those
    /// that one does (PostgreSQL's `SKIP LOCKED`, as Oban, river and graphile-worker take jobs);
    /// nothing in SQLite, where one writer at a time holds the whole file.
    func skipLocked(of table: String) -> String { self == .postgres ? " FOR UPDATE OF \(table) SKIP LOCKED" : "" }
}

/// A connection inside one transaction.
struct StoreConnection: Sendable {
    enum Backend: Sendable {
        case sqlite(DatabaseQueue)
        case postgres(PostgresConnection)
    }

    let backend: Backend

    var dialect: StoreDialect {
        switch backend {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Runs a statement that returns no rows.
    func execute(_ sql: StoreSQL) async throws {
        switch backend {
        case .sqlite(let queue): try queue.inDatabase { db in try db.cachedStatement(sql: sql.text(for: .sqlite)).execute(arguments: sql.arguments) }
        case .postgres(let connection): try await connection.query(try sql.postgresQuery(), logger: PostgresDatabase.logger).consume()
        }
    }

    /// Every row a statement returns.
    func rows(_ sql: StoreSQL) async throws -> [StoreRow] {
        switch backend {
        case .sqlite(let queue):
            return try queue.inDatabase { db in
                try Row.fetchAll(db.cachedStatement(sql: sql.text(for: .sqlite)), arguments: sql.arguments).map(StoreRow.sqlite)
            }
        case .postgres(let connection):
            var rows: [StoreRow] = []
            for try await row in try await connection.query(try sql.postgresQuery(), logger: PostgresDatabase.logger) {
                rows.append(.postgres(row.makeRandomAccess()))
            }
            return rows
        }
    }

    /// The first row a statement returns, if any.
    func row(_ sql: StoreSQL) async throws -> StoreRow? { try await rows(sql).first }

    /// Holds `key` until the transaction ends: writing transactions that take the same key run
    /// one after another (PostgreSQL's transaction-scoped advisory lock; in SQLite a writing
    /// transaction already holds the whole file).
    func serialize(_ key: Int64) async throws {
        if dialect == .postgres { try await execute("SELECT pg_advisory_xact_lock(\(key))") }
    }

    /// Each row a statement returns, as it comes: a run's tens of thousands of results are never
    /// all held at once.
    func forEach(_ sql: StoreSQL, _ body: (StoreRow) throws -> Void) async throws {
        switch backend {
        case .sqlite(let queue):
            try queue.inDatabase { db in
                let rows = try Row.fetchCursor(db.cachedStatement(sql: sql.text(for: .sqlite)), arguments: sql.arguments)
                while let row = try rows.next() { try body(.sqlite(row)) }
            }
        case .postgres(let connection):
            for try await row in try await connection.query(try sql.postgresQuery(), logger: PostgresDatabase.logger) {
                try body(.postgres(row.makeRandomAccess()))
            }
        }
    }
}

extension PostgresRowSequence {
    /// Reads the rows to the end, so the statement has finished when this returns.
    func consume() async throws { for try await _ in self {} }
}

/// A type the history stores in a column, in both databases.
protocol StoreColumn: DatabaseValueConvertible, PostgresEncodable, PostgresDecodable, Sendable {}

extension String: StoreColumn {}
extension Int: StoreColumn {}
extension Int32: StoreColumn {}
extension Int64: StoreColumn {}
extension Double: StoreColumn {}
extension Bool: StoreColumn {}
extension Date: StoreColumn {}
extension Data: StoreColumn {}

/// A statement with its values bound, never spliced into its text: written once with `\(value)`
/// for each value, it reads `?` in SQLite and `$1, $2, …` in PostgreSQL.
struct StoreSQL: ExpressibleByStringInterpolation, Sendable {
    /// The text between values: one more than there are values.
    private var segments: [String]
    private var values: [(any StoreColumn)?]

    init(stringLiteral text: String) {
        segments = [text]
        values = []
    }

    init(stringInterpolation: StringInterpolation) {
        segments = stringInterpolation.segments
        values = stringInterpolation.values
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var segments = [""]
        var values: [(any StoreColumn)?] = []

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: String) { segments[segments.count - 1] += literal }

        /// A value, bound.
        mutating func appendInterpolation<Value: StoreColumn>(_ value: Value?) {
            values.append(value)
            segments.append("")
        }

        /// Text that is part of the statement (a keyword for the dialect, a list of conditions
        /// built from other `StoreSQL`): never a value.
        mutating func appendInterpolation(_ sql: StoreSQL) {
            segments[segments.count - 1] += sql.segments[0]
            for (value, segment) in zip(sql.values, sql.segments.dropFirst()) {
                values.append(value)
                segments.append(segment)
            }
        }

        /// Text of the statement chosen by the code, like `StoreDialect.forUpdate`: never a value.
        mutating func appendInterpolation(keyword: String) { segments[segments.count - 1] += keyword }
    }

    /// The statements joined with `separator` between them.
    /// `values` as a list of bound values (`a, b, c`), for `IN (...)`.
    static func list<Value: StoreColumn>(_ values: some Sequence<Value>) -> StoreSQL {
        joined(values.map { "\($0)" }, separator: ", ")
    }

    static func joined(_ parts: [StoreSQL], separator: String) -> StoreSQL {
        var joined = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        for (index, part) in parts.enumerated() {
            if index > 0 { joined.appendLiteral(separator) }
            joined.appendInterpolation(part)
        }
        return StoreSQL(stringInterpolation: joined)
    }

    /// Whether the statement is empty (no condition given).
    var isEmpty: Bool { values.isEmpty && segments.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }

    func text(for dialect: StoreDialect) -> String {
        switch dialect {
        case .sqlite: return segments.joined(separator: "?")
        case .postgres:
            var text = segments[0]
            for (index, segment) in segments.dropFirst().enumerated() { text += "$\(index + 1)" + segment }
            return text
        }
    }

    var arguments: StatementArguments { StatementArguments(values.map { $0?.databaseValue ?? .null }) }

    func postgresQuery() throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { try bindings.append(value) } else { bindings.appendNull() }
        }
        return PostgresQuery(unsafeSQL: text(for: .postgres), binds: bindings)
    }
}

/// One row a statement returned, read by column name: `try row["verdict"] as String`, or
/// `as String?` for a column that may be NULL.
enum StoreRow {
    case sqlite(Row)
    case postgres(PostgresRandomAccessRow)

    subscript<Value: StoreColumn>(_ column: String) -> Value {
        get throws {
            guard let value: Value = try self[column] else { throw StoreRowError(column: column, problem: "is NULL") }
            return value
        }
    }

    subscript<Value: StoreColumn>(_ column: String) -> Value? {
        get throws {
            switch self {
            case .sqlite(let row):
                guard row.hasColumn(column) else { throw StoreRowError(column: column, problem: "is not in the row") }
                let value: DatabaseValue = row[column]
                if value.isNull { return nil }
                guard let decoded = Value.fromDatabaseValue(value) else { throw StoreRowError(column: column, problem: "holds \(value)") }
                return decoded
            case .postgres(let row):
                // PostgreSQL folds the names of unquoted columns to lower case.
                let name = column.lowercased()
                guard row.contains(name) else { throw StoreRowError(column: column, problem: "is not in the row") }
                let cell = row[name]
                return cell.bytes == nil ? nil : try cell.decode(Value.self)
            }
        }
    }
}

/// A column that does not hold what the history wrote there: the database was changed by hand.
struct StoreRowError: Error, CustomStringConvertible {
    let column: String
    let problem: String
    var description: String { "the column \(column) \(problem): the history was changed outside the kit" }
}

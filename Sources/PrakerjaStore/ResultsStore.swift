import Foundation

/// The results history: every run the kit made (conformance, client, assessment, monitoring),
/// its results and their evidence, the reviews people gave, the waivers it was judged with and
/// an audit trail of every change. The engine, the CLI and the console read and write it only
/// through this type.
///
/// It lives in an SQLite file (the default: `.prakerja/history.sqlite`, for one person or CI) or
/// in a PostgreSQL database a team shares (`postgres://user@host:5432/db`); see `StoreLocation`.
/// Both behave the same, because everything here is written once over `StoreDatabase`, and the
/// same tests run against both. A database that belongs to another program, is damaged or was
/// written by a newer kit is refused with a `StoreError`, never changed. Results are written as
/// they finish, one transaction each, so a killed run leaves a consistent history with the run
/// `running`, and `--resume` finishes it.
public struct ResultsStore: Sendable {
    /// Where the history is: a path, or the URL without its password.
    public let location: String
    let database: any StoreDatabase

    /// `$PRAKERJA_STORE`, else `.prakerja/history.sqlite` in the working directory.
    public static var defaultLocation: String {
        ProcessInfo.processInfo.environment["PRAKERJA_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? ".prakerja/history.sqlite"
    }

    /// Opens the history at `location` (a path or a `postgres://` URL), creating it when it is
    /// missing or empty, and brings its tables up to this kit's version.
    public static func open(_ location: String) async throws(StoreError) -> ResultsStore {
        try await open(StoreLocation.parse(location))
    }

    /// Opens the history at `location`, creating it when it is missing or empty.
    public static func open(_ location: StoreLocation) async throws(StoreError) -> ResultsStore {
        switch location {
        case .file(let path): ResultsStore(location: path, database: try await SQLiteDatabase.open(path))
        case .postgres(let postgres): ResultsStore(location: postgres.description, database: try await PostgresDatabase.open(postgres))
        }
    }

    /// How many bytes the history takes: the SQLite file's pages, or the PostgreSQL tables with
    /// their indexes and TOAST.
    public func size() async throws(StoreError) -> Int {
        try await read { db in
            let sql: StoreSQL =
                db.dialect == .sqlite
                ? "SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()"
                : """
                SELECT CAST(COALESCE(sum(pg_total_relation_size(CAST(quote_ident(table_name) AS regclass))), 0) AS BIGINT) AS bytes
                FROM information_schema.tables WHERE table_schema = current_schema()
                """
            return try await db.row(sql).map { try $0["bytes"] as Int } ?? 0
        }
    }

    /// Closes the history's connections; it is not used again.
    public func close() async { await database.close() }

    // MARK: - Transactions

    /// Runs `body` in one writing transaction; any failure is a `StoreError` naming the history.
    func write<T: Sendable>(_ body: (StoreConnection) async throws -> T) async throws(StoreError) -> T {
        do { return try await database.write(body) } catch { throw StoreError(location: location, error) }
    }

    /// Runs `body` on one consistent snapshot; any failure is a `StoreError` naming the history.
    func read<T: Sendable>(_ body: (StoreConnection) async throws -> T) async throws(StoreError) -> T {
        do { return try await database.read(body) } catch { throw StoreError(location: location, error) }
    }
}

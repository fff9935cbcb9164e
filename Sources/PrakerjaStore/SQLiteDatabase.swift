import Foundation
import GRDB

/// The history in one SQLite file (GRDB): the embedded default, for a partner on a laptop or in CI.
///
/// The file is marked as a results history with `PRAGMA application_id` ("PKRJ") and its schema
/// version with `PRAGMA user_version`. A file that is not SQLite, is corrupt, belongs to another
/// program or was written by a newer kit is refused with a `StoreError`, never changed.
/// Transactions of this process take turns (one connection); other processes' wait for the
/// file's lock, for up to 30 s.
final class SQLiteDatabase: StoreDatabase {
    let path: String
    private let queue: DatabaseQueue
    private let turns = Turns()

    var dialect: StoreDialect { .sqlite }

    /// `PRAGMA application_id` of a results history: "PKRJ".
    static let applicationID: Int32 = 0x504B_524A

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Opens the file at `path`, creating it (and its folder) when missing, and brings its tables
    /// up to this kit's version. `onBusy` is told each time the file was busy and opening waits to
    /// try again (a test's signal).
    static func open(_ path: String, onBusy: @Sendable () -> Void = {}) async throws(StoreError) -> SQLiteDatabase {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw StoreError(location: path, reason: "a folder, not a file: give the history's file, like \(path)/history.sqlite")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw StoreError(location: path, reason: "cannot create its folder \(folder.path) (\(error.localizedDescription))")
        }
        var configuration = Configuration()
        // A statement waits for the file's lock briefly only: a thread of Swift's small shared pool
        // blocked there could be the one the lock's holder needs. A transaction waits for the
        // lock at its BEGIN, sleeping between tries (`transaction`); opening, by `retryingWhileBusy`.
        configuration.busyMode = .timeout(0.2)
        configuration.label = "prakerja-history"
        // Transactions span several accesses (`write`), each ending in COMMIT or ROLLBACK.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            // SQLite answers "busy" at once, without waiting, when waiting could deadlock (two
            // processes making the file at the same moment, one switching it to WAL): try again.
            // Opening is inside the retry: GRDB reads the schema table as it opens, and that read
            // is refused while another connection switches the new file to WAL.
            let queue = try await retryingWhileBusy(onBusy: onBusy) {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try queue.writeWithoutTransaction { db in
                    // One IMMEDIATE transaction: a process opening the same new file waits here, then sees it made.
                    try db.inTransaction(.immediate) {
                        try checkOwnership(db, path: path)
                        try migrate(db)
                        return .commit
                    }
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" { _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                }
                return queue
            }
            return SQLiteDatabase(path: path, queue: queue)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(location: path, error)
        }
    }

    func write<T: Sendable>(_ body: (StoreConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN IMMEDIATE", body)
    }

    func read<T: Sendable>(_ body: (StoreConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN DEFERRED", body)
    }

    func close() async { try? queue.close() }

    /// How long a transaction waits for another process's write to end.
    static let patience: Duration = .seconds(30)

    private func transaction<T: Sendable>(_ begin: String, _ body: (StoreConnection) async throws -> T) async throws -> T {
        await turns.take()
        do {
            let deadline = ContinuousClock.now + Self.patience
            while true {
                do {
                    try queue.inDatabase { try $0.execute(sql: begin) }
                    break
                } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && .now < deadline {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 5...25)))
                }
            }
            let result = try await body(StoreConnection(backend: .sqlite(queue)))
            try queue.inDatabase { try $0.execute(sql: "COMMIT") }
            await turns.give()
            return result
        } catch {
            try? queue.inDatabase { db in if !db.isInsideTransaction { return } else { try db.execute(sql: "ROLLBACK") } }
            await turns.give()
            throw error
        }
    }

    /// Runs `body`, again after a short pause while SQLite says the file is busy (for up to 30 s).
    /// The pause is a task's sleep, not the thread's: a thread of Swift's small shared pool (two
    /// on two cores) blocked here would stall every task of the process while many open a new file.
    private static func retryingWhileBusy<T>(onBusy: @Sendable () -> Void, _ body: () throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do { return try body() } catch let error as DatabaseError
                where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && attempt < 400
            {
                attempt += 1
                onBusy()
                try await Task.sleep(for: .milliseconds(50 + Int.random(in: 0..<50)))
            }
        }
    }

    /// Refuses a file that is another program's database, a corrupt one, or one from a newer kit.
    private static func checkOwnership(_ db: Database, path: String) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if id != applicationID {
            guard tables.isEmpty else { throw StoreError.notOurs(path, kind: "an SQLite database", tables: tables) }
            return
        }
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard check == ["ok"] else { throw StoreError.damaged(path, check.prefix(3).joined(separator: "; ")) }
        let version = try version(db)
        if version > StoreSchema.migrations.count { throw StoreError.newer(path, version: version) }
    }

    /// How many migrations the file has: `user_version`, or for a file the first kits wrote
    /// (with GRDB's migrator), how many of ours its `grdb_migrations` table lists.
    static func version(_ db: Database) throws -> Int {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version == 0, try db.tableExists("grdb_migrations") else { return version }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        return StoreSchema.migrations.prefix { applied.contains($0.name) }.count
    }

    /// Applies the migrations `db` lacks and marks the file as a results history.
    private static func migrate(_ db: Database) throws {
        let version = try version(db)
        for migration in StoreSchema.migrations.dropFirst(version) { try db.execute(sql: migration.statements(.sqlite).joined(separator: ";\n")) }
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(StoreSchema.migrations.count)")
        if try db.tableExists("grdb_migrations") { try db.execute(sql: "DROP TABLE grdb_migrations") }
    }
}

/// Turns at the one connection, taken in the order asked: a transaction holds it across its
/// awaits, so no other task's statement lands inside it.
private actor Turns {
    private var taken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take() async {
        guard taken else {
            taken = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func give() {
        if waiting.isEmpty { taken = false } else { waiting.removeFirst().resume() }
    }
}

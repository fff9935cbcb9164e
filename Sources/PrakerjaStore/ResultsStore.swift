import Foundation
import GRDB

/// The results history: every run the kit made (conformance, client, assessment, monitoring),
/// its results and their evidence, the reviews people gave, the waivers it was judged with and
/// an audit trail of every change, in one SQLite file.
///
/// The file is `--store PATH`, else `$PRAKERJA_STORE`, else `.prakerja/history.sqlite` in the
/// working directory (`defaultPath`). A file that is not SQLite, is corrupt, belongs to another
/// program or was written by a newer kit is refused with a `StoreError`, never overwritten.
/// Results are written as they finish, one transaction each, so a killed run leaves a consistent
/// store with the run `running`, and `--resume` finishes it.
public struct ResultsStore: Sendable {
    /// The file's path.
    public let path: String
    let queue: DatabaseQueue

    /// `PRAGMA application_id` of a results history: "PKRJ".
    static let applicationID: Int32 = 0x504B_524A

    /// `$PRAKERJA_STORE`, else `.prakerja/history.sqlite` in the working directory.
    public static var defaultPath: String {
        ProcessInfo.processInfo.environment["PRAKERJA_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? ".prakerja/history.sqlite"
    }

    /// Opens the history at `path`, creating it (and its folder) when missing, and brings its
    /// tables up to this kit's version.
    public static func open(_ path: String) throws(StoreError) -> ResultsStore {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw StoreError(path: path, reason: "a folder, not a file: give the history's file, like \(path)/history.sqlite")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw StoreError(path: path, reason: "cannot create its folder \(folder.path) (\(error.localizedDescription))")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "prakerja-history"
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // SQLite answers "busy" at once, without waiting, when waiting could deadlock (two
            // processes making the file at the same moment, one switching it to WAL): try again.
            try retryingWhileBusy {
                try queue.writeWithoutTransaction { db in
                    // One IMMEDIATE transaction: a process opening the same new file waits here, then sees it made.
                    try db.inTransaction(.immediate) {
                        try checkOwnership(db, path: path)
                        try StoreSchema.migrate(db)
                        return .commit
                    }
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" { _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                }
            }
            return ResultsStore(path: path, queue: queue)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, error)
        }
    }

    /// Runs `body`, again after a short pause while SQLite says the file is busy (for up to 10 s).
    private static func retryingWhileBusy(_ body: () throws -> Void) throws {
        var attempt = 0
        while true {
            do { return try body() } catch let error as DatabaseError
                where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && attempt < 100
            {
                attempt += 1
                usleep(useconds_t(50_000 + Int.random(in: 0..<50_000)))
            }
        }
    }

    /// Refuses a file that is another program's database, a corrupt one, or one from a newer kit.
    private static func checkOwnership(_ db: Database, path: String) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if id != applicationID {
            guard tables.isEmpty else {
                throw StoreError(
                    path: path,
                    reason:
                        "an SQLite database, but not a Prakerja results history (its tables: \(tables.prefix(6).joined(separator: ", "))); it was left as it is: give --store another path"
                )
            }
            return
        }
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard check == ["ok"] else {
            throw StoreError(
                path: path,
                reason:
                    "the results history is damaged (\(check.prefix(3).joined(separator: "; "))); it was left as it is: restore it from a backup or give --store another path"
            )
        }
        let version = try StoreSchema.version(db)
        if version > StoreSchema.migrations.count {
            throw StoreError(
                path: path,
                reason:
                    "written by a newer version of the kit (schema \(version), this kit knows \(StoreSchema.migrations.count)); upgrade the kit to read it"
            )
        }
    }
}

/// Why the results history cannot be used: which file, and what is wrong with it.
public struct StoreError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, _ error: any Error) {
        self.path = path
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                reason = "not an SQLite database, or a damaged one; it was left as it is: give --store another path"
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                reason = "another process holds it locked (\(error.message ?? "busy")); try again when it is done"
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
                reason = "cannot be opened for writing (\(error.message ?? "\(error.resultCode)"))"
            case .SQLITE_FULL:
                reason = "the disk is full; nothing of the last change was written"
            default:
                reason = error.message ?? "\(error)"
            }
        } else {
            reason = "\(error)"
        }
    }

    public var description: String { "results history \(path): \(reason)" }
}

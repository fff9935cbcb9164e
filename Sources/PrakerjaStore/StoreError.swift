import Foundation
import GRDB
import NIOCore
import NIOPosix
import PostgresNIO
import _ConnectionPoolModule

/// Why the results history cannot be used: which one (a path, or a URL without its password),
/// and what is wrong, in one line a person can act on.
public struct StoreError: Error, CustomStringConvertible {
    /// The path, or the PostgreSQL URL without any secret.
    public let location: String
    public let reason: String
    /// The history could not be reached at all (no server there, refused sign-in), as opposed to
    /// reached and refused or failed: the CLI exits 3, "could not judge", for these.
    public let unreachable: Bool

    public init(location: String, reason: String, unreachable: Bool = false) {
        self.location = location
        self.reason = reason
        self.unreachable = unreachable
    }

    /// What the database or its driver said, said for a person.
    init(location: String, _ error: any Error) {
        if let error = error as? StoreError {
            self.init(location: location, reason: error.reason, unreachable: error.unreachable)
        } else if let error = error as? DatabaseError {
            self.init(location: location, reason: Self.reason(error))
        } else if let error = error as? PSQLError {
            let (reason, unreachable) = Self.reason(error)
            self.init(location: location, reason: reason, unreachable: unreachable)
        } else if let error = error as? ConnectionPoolError {
            let (reason, unreachable) = Self.reason(error)
            self.init(location: location, reason: reason, unreachable: unreachable)
        } else if error is CancellationError {
            self.init(location: location, reason: Self.stopped)
        } else {
            self.init(location: location, reason: "\(error)")
        }
    }

    public var description: String { "results history \(location): \(reason)" }

    static func notOurs(_ location: String, kind: String, tables: [String]) -> StoreError {
        StoreError(
            location: location,
            reason:
                "\(kind), but not a Prakerja results history (its tables: \(tables.prefix(6).joined(separator: ", "))); it was left as it is: give --store another one"
        )
    }

    static func damaged(_ location: String, _ what: String) -> StoreError {
        StoreError(
            location: location,
            reason: "the results history is damaged (\(what)); it was left as it is: restore it from a backup or give --store another one")
    }

    static func newer(_ location: String, version: Int) -> StoreError {
        StoreError(
            location: location,
            reason:
                "written by a newer version of the kit (schema \(version), this kit knows \(StoreSchema.migrations.count)); upgrade the kit to read it"
        )
    }

    private static func reason(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            "not an SQLite database, or a damaged one; it was left as it is: give --store another path"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            "another process holds it locked (\(error.message ?? "busy")); try again when it is done"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            "cannot be opened for writing (\(error.message ?? "\(error.resultCode)"))"
        case .SQLITE_FULL:
            "the disk is full; nothing of the last change was written"
        default:
            error.message ?? "\(error)"
        }
    }

    /// PostgreSQL's own message where the server sent one (its SQLSTATE, and the constraint or
    /// table it names); else what the connection did. postgres-nio's own description is
    /// deliberately vague, so the fields are read here.
    private static func reason(_ error: PSQLError) -> (String, unreachable: Bool) {
        if let server = error.serverInfo, let message = server[.message] {
            let state = server[.sqlState] ?? ""
            let detail = server[.detail].map { " (\($0))" } ?? ""
            switch state {
            case "28P01", "28000":
                return ("the server refused the sign-in: \(message); check the user and $PGPASSWORD or the ?password= secret", true)
            case "3D000":
                return ("\(message): create it first (createdb), or give another database in the URL", true)
            case "57P01", "57P02", "57P03":
                return ("the server is shutting down or starting (\(message)); try again", true)
            default:
                return ("PostgreSQL \(state): \(message)\(detail)", false)
            }
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
            let underlying = error.underlying.map { ": \(Self.connectionReason($0))" } ?? ""
            return ("cannot reach the server\(underlying)", true)
        case .sslUnsupported:
            return ("the server does not offer TLS, and the URL asks for it (sslmode=require)", true)
        case .authMechanismRequiresPassword:
            return ("the server asks for a password: give it in $PGPASSWORD or as ?password=file:PATH", true)
        default:
            return ("\(error.code)\(error.underlying.map { ": \($0)" } ?? "")", false)
        }
    }

    /// A database call the process stopped (a worker told to stop, Ctrl-C): its transaction is
    /// not committed.
    static let stopped = "stopped before it finished, as the process is stopping; nothing of it was committed"

    /// What postgres-nio's connection pool refused, said for a person (its own description names
    /// its Swift types).
    private static func reason(_ error: ConnectionPoolError) -> (String, unreachable: Bool) {
        switch error {
        case .connectionCreationCircuitBreakerTripped:
            ("cannot reach the server: new connections kept failing, so the pool stopped trying for a while; try again", true)
        case .requestCancelled: (stopped, false)
        case .poolShutdown: ("its connections were closed, as the process is stopping", false)
        default: ("the connection pool refused the request (\(error))", false)
        }
    }

    private static func connectionReason(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError {
            if let failure = error.connectionErrors.first { return connectionReason(failure.error) }
            return error.dnsAError != nil || error.dnsAAAAError != nil ? "the host name does not resolve" : "no address to connect to"
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case EHOSTUNREACH, ENETUNREACH: return "no route to the host"
            default: return "\(error)"
            }
        }
        if error is ChannelError, "\(error)".contains("connectTimeout") { return "no answer (timed out)" }
        return "\(error)"
    }
}

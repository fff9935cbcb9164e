import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// A partner the sandbox knows: its role, client code and sign key.
public struct SandboxClient: Hashable, Sendable, CustomStringConvertible {
    public let role: ClientRole
    public let code: String
    public let signKey: String

    public init(role: ClientRole, code: String, signKey: String) throws(FieldError) {
        self.code = try Identifier.validated(code)
        guard signKey.utf8.count >= 8, !signKey.contains(where: \.isWhitespace) else {
            throw FieldError(field: "signKey", reason: "must be at least 8 characters without spaces")
        }
        self.role = role
        self.signKey = signKey
    }

    /// Parses `ROLE:CODE:KEY`, ROLE being `lp` or `dp` (the key may contain `:`).
    public init(parsing text: String) throws(FieldError) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { throw FieldError(field: "", reason: "must be ROLE:CODE:KEY, like lp:LPKOPI01:secret-key") }
        guard let role = ClientRole(rawValue: parts[0].lowercased()) else {
            throw FieldError(field: "role", reason: "must be lp or dp, got \"\(parts[0].prefix(10))\"")
        }
        try self.init(role: role, code: parts[1], signKey: parts[2])
    }

    public var description: String { "\(role.rawValue):\(code)" }
}

/// How a sandbox runs: where it listens, who may call it, and its clocks and limits.
public struct SandboxConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    public var clients: [SandboxClient]
    /// The business clock's starting time (sessions, OTP expiry); it then runs with real time.
    public var startTime: Date
    /// The clock signatures are judged by; real time, so moving the business clock never breaks signing.
    public var signatureClock: SigningClock
    public var timestampWindow: TimestampWindow
    /// Bodies above this get 413 ERRREQ41301.
    public var maximumBodyBytes: Int
    /// Recorded calls kept for `GET /_sandbox/log` (oldest dropped first).
    public var logCapacity: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, clients: [SandboxClient] = SandboxConfiguration.defaultClients,
        startTime: Date = Date(), signatureClock: SigningClock = .system, timestampWindow: TimestampWindow = .standard,
        maximumBodyBytes: Int = 1 << 20, logCapacity: Int = 10_000
    ) {
        self.host = host
        self.port = port
        self.clients = clients
        self.startTime = startTime
        self.signatureClock = signatureClock
        self.timestampWindow = timestampWindow
        self.maximumBodyBytes = maximumBodyBytes
        self.logCapacity = logCapacity
    }

    /// One training institution and one digital platform, with published sandbox keys.
    public static let defaultClients: [SandboxClient] = [
        try! SandboxClient(role: .lp, code: "LPSANDBOX01", signKey: "lp-sandbox-sign-key-01"),
        try! SandboxClient(role: .dp, code: "DPSANDBOX01", signKey: "dp-sandbox-sign-key-01"),
    ]
}

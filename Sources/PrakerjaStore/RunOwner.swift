import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which process is recording a run: its id and host, written when the run begins or resumes,
/// with a heartbeat at every result. `--resume` refuses a run whose recorder is still alive, so
/// two processes never run the same checks against a partner at once.
struct RunOwner: Equatable {
    let pid: Int32
    let host: String

    /// This process.
    static let current = RunOwner(pid: getpid(), host: hostName())

    /// `12345@host`, as stored.
    var text: String { "\(pid)@\(host)" }

    init(pid: Int32, host: String) {
        self.pid = pid
        self.host = host
    }

    init?(_ text: String?) {
        guard let text, let at = text.firstIndex(of: "@"), let pid = Int32(text[..<at]) else { return nil }
        self.init(pid: pid, host: String(text[text.index(after: at)...]))
    }

    /// How long without a result before a recorder on another host is taken for gone.
    static let silence: TimeInterval = 120

    /// Whether this owner may still be recording, given its last heartbeat: on this host, whether
    /// its process exists; on another, whether it recorded within `silence`.
    func mayBeAlive(lastHeartbeat: Date?, now: Date = Date()) -> Bool {
        guard self != .current else { return false }
        if host == Self.current.host { return kill(pid, 0) == 0 || errno == EPERM }
        return lastHeartbeat.map { now.timeIntervalSince($0) < Self.silence } ?? false
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

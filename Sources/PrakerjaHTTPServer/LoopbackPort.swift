import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback port for a server that must be named before it starts (the address a partner is told
/// to send its notifications to, before the kit listens there).
///
/// A port the kernel picked for `bind(0)` and released is a poor choice: the kernel hands the same
/// range to every other socket that asks for any port (servers on port 0, outgoing connections), so
/// by the time the server binds, something else may hold it, and the bind fails. These ports come
/// from below the kernel's ephemeral range, which it never assigns by itself, and no port is handed
/// out twice in one process.
public enum LoopbackPort {
    /// A port below the ephemeral range that nothing on 127.0.0.1 holds now.
    public static func unassigned() throws -> Int {
        let range = 10_000..<max(10_001, ephemeralLowerBound())
        for _ in 0..<200 {
            let candidate = Int.random(in: range)
            let claimed = handedOut.withLock { ports in ports.insert(candidate).inserted }
            if claimed, isFree(candidate) { return candidate }
        }
        throw ServerStartFailure(host: "127.0.0.1", port: 0, reason: "no free port below \(range.upperBound) after 200 tries")
    }

    private static let handedOut = Mutex<Set<Int>>([])

    /// The first port of `/proc/sys/net/ipv4/ip_local_port_range` (32768 where it cannot be read).
    package static func ephemeralLowerBound() -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
    }

    /// Whether 127.0.0.1:`port` can be bound now.
    static func isFree(_ port: Int) -> Bool {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

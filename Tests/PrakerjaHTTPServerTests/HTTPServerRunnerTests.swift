import Foundation
import Glibc
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import Testing

/// Starting a server around a piece of work: a port that is taken is the bind's error, never a wait;
/// a client that asks to upgrade its connection is answered, and so is its next request.
@Suite struct HTTPServerRunnerTests {
    /// Java's `HttpClient` sends `Upgrade: h2c` with its first request over plain HTTP. NIO's
    /// decoder reads nothing more on that connection, so before the fix the next request sent on
    /// it (as Java sends it) waited for ever. Now the answer closes the connection, and the client
    /// sends its next request on another.
    @Test(arguments: ["h2c", "foo/1"])
    func theRequestAfterAnUpgradeRequestIsAnswered(_ protocolName: String) async throws {
        let router = Router()
        router.post("/echo") { request, _ -> String in
            var request = request
            return String(buffer: try await request.collectBody(upTo: 1024))
        }
        try await HTTPServerRunner.withRunning(router) { baseURL in
            let port = try #require(Int(baseURL.split(separator: ":").last ?? ""))
            let connection = try RawConnection(port: port)
            let first = try connection.exchange(
                "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: \(protocolName)\r\nContent-Length: 5\r\n\r\nfirst")
            #expect(first.hasPrefix("HTTP/1.1 200"))
            #expect(first.lowercased().contains("connection: close"))
            // The client's next request on the same connection: closed, never left waiting.
            let next = try connection.exchange("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 6\r\n\r\nsecond")
            #expect(next == "closed", "\(next)")
            // And on a new connection it is answered.
            let fresh = try RawConnection(port: port).exchange("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 6\r\n\r\nsecond")
            #expect(fresh.hasPrefix("HTTP/1.1 200") && fresh.hasSuffix("second"))
        }
    }

    @Test func aServerWhosePortIsTakenFailsWithTheBindError() async throws {
        let router = Router()
        router.get("/") { _, _ in "first" }
        let port = try LoopbackPort.unassigned()
        let outcome = try await HTTPServerRunner.withRunning(router, port: port) { _ in
            // Before the fix this waited for ever; the deadline would end it with a cancellation instead.
            try await withDeadline(.seconds(60)) { () async -> String in
                do {
                    _ = try await HTTPServerRunner.withRunning(Router(), port: port) { _ in "the second server started" }
                    return "started"
                } catch {
                    return "\(error)"
                }
            }
        }
        let failure = try #require(outcome)
        #expect(failure.contains("Address already in use"), "\(failure)")
    }

    @Test func portsHandedOutAreBelowTheEphemeralRangeAndNeverTwice() throws {
        let ports = try (0..<50).map { _ in try LoopbackPort.unassigned() }
        #expect(Set(ports).count == ports.count)
        #expect(ports.allSatisfy { (10_000..<LoopbackPort.ephemeralLowerBound()).contains($0) })
    }
}

/// A TCP connection to a loopback port that sends HTTP/1.1 exactly as written and reads one
/// answer (head and a `Content-Length` body), waiting at most two seconds for it.
final class RawConnection {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(socket) }

    /// The answer to `request`; "closed" if the server closed the connection first, "no answer"
    /// if nothing came within two seconds.
    func exchange(_ request: String) throws -> String {
        _ = request.utf8CString.withUnsafeBufferPointer { send(socket, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let length =
                    text[..<end.lowerBound].split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length { return text }
            }
            let count = recv(socket, &chunk, chunk.count, 0)
            if count == 0 { return received.isEmpty ? "closed" : text }
            if count < 0 { return received.isEmpty ? (errno == ECONNRESET ? "closed" : "no answer") : text }
            received += chunk[..<count]
        }
    }
}

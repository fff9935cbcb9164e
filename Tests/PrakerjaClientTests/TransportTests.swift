import Foundation
import Hummingbird
import Logging
import NIOCore
import PrakerjaClient
import PrakerjaModels
import PrakerjaTestSupport
import ServiceLifecycle
import Testing

/// The AsyncHTTPClient transport against servers that misbehave.
@Suite struct TransportTests {
    /// Runs a Hummingbird server with `router` on a free port.
    func withServer<Value: Sendable>(_ router: Router<BasicRequestContext>, _ body: @Sendable (String) async throws -> Value) async throws -> Value {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: Logger(label: "test")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            defer { Task { await group.triggerGracefulShutdown() } }
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    /// A client with no retries; the timeout is short only where the test is about it, so a busy
    /// machine running every suite at once does not time out the others.
    func client(_ baseURL: String, timeout: Duration = .seconds(10)) -> PrakerjaClient {
        PrakerjaClient(
            environment: try! PrakerjaEnvironment(baseURL: baseURL), clientCode: "LP1", signKey: "sign-key-0001",
            retryPolicy: .never, timeout: timeout)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let router = Router()
        router.post("/api/v1/integration/payment/redeem-code/status") { _, _ -> Response in
            try await Task.sleep(for: .seconds(12))
            return Response(status: .ok)
        }
        // The server answers after 12 s; the client gives up at 0.4 s. What is asserted is that it
        // gave up rather than waited for the answer (which would be a 200 with no envelope, not a
        // timeout): on a machine busy with every other suite the timer itself fires seconds late,
        // so no wall-clock bound is asserted.
        try await withServer(router) { url in
            let error = await failure { () async throws(PrakerjaAPIError) in
                try await client(url, timeout: .milliseconds(400)).redeemStatus(code: try! RedeemCode("GHOPNYXUVMT0"), sequence: .session(1))
            }
            #expect(error?.kind == .timeout)
        }
    }

    @Test func anOversizedResponseIsRefused() async throws {
        let router = Router()
        router.post("/api/v1/integration/payment/redeem-code/status") { _, _ -> Response in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: 5 << 20)))
        }
        try await withServer(router) { url in
            let error = await failure { () async throws(PrakerjaAPIError) in
                try await client(url).redeemStatus(code: try! RedeemCode("GHOPNYXUVMT0"), sequence: .session(1))
            }
            #expect(error?.kind == .tooLarge)
            #expect(error?.message.contains("exceeds 4194304 bytes") == true)
        }
    }

    @Test func aRedirectIsNeverFollowed() async throws {
        let router = Router()
        router.post("/api/v1/integration/payment/redeem-code/status") { _, _ -> Response in
            Response(status: .temporaryRedirect, headers: [.location: "http://203.0.113.1/steal"])
        }
        try await withServer(router) { url in
            let error = await failure { () async throws(PrakerjaAPIError) in
                try await client(url).redeemStatus(code: try! RedeemCode("GHOPNYXUVMT0"), sequence: .session(1))
            }
            #expect(error?.kind == .undecodable)
            #expect(error?.httpStatus == 307)
            #expect(error?.message.contains("redirect to http://203.0.113.1/steal not followed") == true)
        }
    }
}

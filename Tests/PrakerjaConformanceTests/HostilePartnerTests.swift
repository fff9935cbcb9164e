import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaClient
import PrakerjaConformance
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaTestSupport
import Synchronization
import Testing

/// Partners that misbehave at the HTTP level: every run still finishes, each result is classified
/// with the right reason (the partner's fault, or the kit could not judge), memory stays bounded,
/// and a redirect to another host is never followed.
@Suite struct HostilePartnerTests {
    /// A check that GETs `path` and wants a JSON object back.
    static func getJSON(_ path: String) -> Check {
        Check(CheckDefinition(id: "hostile.\(path.dropFirst())", title: "GET \(path)", requirement: "test")) { context in
            let response = try await context.transport.send(
                .init(method: "GET", url: context.config.baseURL + path, headers: [], body: []), timeout: .seconds(30))
            guard response.status == 200 else { return .fail("HTTP \(response.status)") }
            guard String(validating: response.body, as: UTF8.self) != nil else { return .fail("the body is not UTF-8") }
            guard case .object? = try? JSONValue.parse(response.body) else { return .fail("the body is not a JSON object") }
            return .pass("a JSON object")
        }
    }

    static func hostileRouter(otherHost: String) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("drip") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    for _ in 0..<1000 {
                        try await writer.write(ByteBuffer(string: " "))
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("huge") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 1 << 20)
                    for _ in 0..<100 { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        }
        router.get("never-ends") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    // Half an object, then whitespace now and then, never the end (the write fails once the kit hangs up).
                    try await writer.write(ByteBuffer(string: "{\"a\":"))
                    for _ in 0..<400 {
                        try await Task.sleep(for: .milliseconds(250))
                        try await writer.write(ByteBuffer(string: " "))
                    }
                })
        }
        router.get("not-json") { _, _ in Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"a\": tru"))) }
        router.get("not-utf8") { _, _ in Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: [0x7B, 0xFF, 0xFE, 0x7D]))) }
        router.get("redirect") { _, _ in
            Response(status: .found, headers: [.location: otherHost + "/stolen"], body: ResponseBody())
        }
        router.get("fine") { _, _ in Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"ok\":true}"))) }
        return router
    }

    @Test func everyHostileAnswerIsClassifiedAndTheRunFinishes() async throws {
        let stolen = Mutex(0)
        let other = Router()
        other.get("stolen") { _, _ in
            stolen.withLock { $0 += 1 }
            return Response(status: .ok)
        }
        try await HTTPServerRunner.withRunning(other) { otherURL in
            try await HTTPServerRunner.withRunning(Self.hostileRouter(otherHost: otherURL)) { url in
                var config = try ReferencePartners.config("reference-job-portal", baseURL: url)
                // Timeouts with room for a loaded machine (the full suite on two cores): a megabyte
                // over loopback that takes 3 s there would be judged a timeout, not oversized.
                config.limits = ProbeTransport.Limits(requestTimeout: .seconds(6), maximumResponseBytes: 1 << 20, requestsPerSecond: 1000, retries: 1)
                config.checkTimeout = .seconds(40)
                let contract = try Contract.load(config.contractPath)
                let context = CheckContext(
                    config: config, contract: contract, transport: ProbeTransport(baseURL: url, limits: config.limits), runToken: "T")
                let paths = ["/drip", "/huge", "/never-ends", "/not-json", "/not-utf8", "/redirect", "/fine"]
                let suite = Suite(
                    id: "hostile", title: "Hostile", groups: [CheckGroup(id: "hostile.http", title: "HTTP", checks: paths.map(Self.getJSON))])
                let started = ContinuousClock.now
                let results = await ConformanceRunner(context: context).run([suite]).flatMap(\.checks)
                #expect(
                    ContinuousClock.now - started < .seconds(45), "the run finishes in bounded time (unbounded, the slow answers run 50 and 100 s)")
                let verdicts = Dictionary(uniqueKeysWithValues: results.map { ($0.check.id, ($0.verdict, $0.fault, $0.message)) })
                #expect(verdicts["hostile.drip"]?.0 == .error, "\(String(describing: verdicts["hostile.drip"]))")
                #expect(verdicts["hostile.drip"]?.1 == .transient, "\(String(describing: verdicts["hostile.drip"]))")
                #expect(verdicts["hostile.drip"]?.2.contains("no response within") == true)
                #expect(verdicts["hostile.never-ends"]?.0 == .error)
                #expect(verdicts["hostile.never-ends"]?.1 == .transient)
                #expect(verdicts["hostile.huge"]?.0 == .fail, "\(String(describing: verdicts["hostile.huge"]))")
                #expect(verdicts["hostile.huge"]?.1 == .partner, "\(String(describing: verdicts["hostile.huge"]))")
                #expect(verdicts["hostile.huge"]?.2.contains("exceeds 1048576 bytes") == true)
                #expect(verdicts["hostile.not-json"]?.0 == .fail)
                #expect(verdicts["hostile.not-utf8"]?.0 == .fail)
                #expect(verdicts["hostile.not-utf8"]?.2 == "the body is not UTF-8")
                #expect(verdicts["hostile.redirect"]?.0 == .fail)
                #expect(verdicts["hostile.redirect"]?.2 == "HTTP 302")
                #expect(verdicts["hostile.fine"]?.0 == .pass)
                let drip = try #require(results.first { $0.check.id == "hostile.drip" })
                #expect(drip.evidence.exchanges.map(\.attempt) == [1, 2], "a GET timing out is retried once, and both attempts are evidence")
                let huge = try #require(results.first { $0.check.id == "hostile.huge" })
                let oversized = try #require(huge.evidence.exchanges.lastIndex { $0.error?.contains("exceeds") == true })
                #expect(oversized == huge.evidence.exchanges.count - 1, "an oversized answer is the partner's, not retried")
            }
        }
        #expect(stolen.withLock { $0 } == 0, "the redirect to another host was never followed")
    }

    @Test func anUnreachablePartnerIsAnErrorNotAFailure() async throws {
        var config = try ReferencePartners.config("reference-payment-partner", baseURL: "http://127.0.0.1:9")
        config.limits.retries = 2
        let run = try await ConformanceRun.run(config, selection: Selection(only: ["payment.status.unknown-reference-not-found"]))
        let result = try #require(run.checks.first { $0.verdict != .skipped })
        #expect(result.verdict == .error, "\(result.message)")
        #expect(result.fault == .transient, "\(result.message)")
        #expect(run.exitCode == 3)
    }

    @Test func theKitCallsOnlyThePartnersHost() async throws {
        let transport = ProbeTransport(baseURL: "http://127.0.0.1:9", limits: .init())
        await #expect(throws: TransportError.self) {
            _ = try await transport.send(.init(method: "GET", url: "http://example.com/", headers: [], body: []), timeout: .seconds(1))
        }
    }
}

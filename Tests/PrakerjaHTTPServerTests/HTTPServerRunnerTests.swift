import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import Testing

/// Starting a server around a piece of work: a port that is taken is the bind's error, never a wait.
@Suite struct HTTPServerRunnerTests {
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

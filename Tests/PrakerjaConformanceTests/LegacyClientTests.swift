import Foundation
import PrakerjaClient
import PrakerjaConformance
import PrakerjaSandbox
import PrakerjaTestSupport
import Testing

/// Clients that behave as the program's official 2022 examples do (`Tests/LegacyClients`: curl,
/// Python `requests`, Node), written here from the facts of what those send: the sandbox accepts
/// every call, as the program does, records what it tolerated, and `conformance client` warns
/// about it with the fix rather than failing the client.
@Suite struct LegacyClientTests {
    static let clients = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LegacyClients")

    /// Runs `command` (the script's interpreter and path first) against a fresh sandbox; returns
    /// the LP's log entries and the run judged from them.
    static func replay(_ command: [String]) async throws -> (log: [SandboxLogEntry], run: RunResult, output: String) {
        try await Sandbox.withRunning { sandbox in
            let lp = try #require(sandbox.clients.first { $0.role == .lp })
            let result = try await ChildProcess.run(command + [sandbox.baseURL, lp.code, lp.signKey])
            #expect(result.status == 0, "\(command.joined(separator: " ")) failed:\n\(result.output)")
            let log = try SandboxLogEntry.log(from: try JSONEncoder().encode(sandbox.logEntries())).filter { $0.clientCode == lp.code }
            let run = ClientIntegrationSuite.run(log, clientCode: lp.code, source: sandbox.baseURL, contractSHA256: String(repeating: "0", count: 64))
            return (log, run, result.output)
        }
    }

    /// Every call accepted; the run warns (nothing fails) and names each tolerance with its fix.
    static func expectAcceptedWithWarnings(_ replayed: (log: [SandboxLogEntry], run: RunResult, output: String)) {
        #expect(replayed.log.count == 3, "\(replayed.log)")
        let refused = replayed.log.filter { !$0.accepted }.map { "\($0.operation) \($0.outcome)" }
        #expect(refused.isEmpty, "refused: \(refused)")
        let verdicts = Dictionary(uniqueKeysWithValues: replayed.run.checks.map { ($0.check.id, $0.verdict) })
        #expect(!verdicts.values.contains(.fail), "\(verdicts)")
        #expect(verdicts["client.calls.documented-form"] == .warn)
        #expect(replayed.run.exitCode == 0)
    }

    static func tolerated(_ log: [SandboxLogEntry], _ operation: String) -> Set<String> {
        Set(log.filter { $0.operation == "payment/redeem-code/\(operation)" }.flatMap(\.tolerated).map(\.code))
    }

    @Test func curlWithoutSequenceAndCapitalisedHeaders() async throws {
        let replayed = try await Self.replay(["sh", Self.clients.appendingPathComponent("curl.sh").path])
        Self.expectAcceptedWithWarnings(replayed)
        #expect(Self.tolerated(replayed.log, "status") == ["sequence-missing"])
        #expect(Self.tolerated(replayed.log, "commit").isEmpty)
        let status = try #require(replayed.log.first { $0.operation == "payment/redeem-code/status" })
        #expect(status.sequence == "1", "answered for the code's current session")
    }

    @Test func pythonRequestsSendingJSONDumpsOfTheSignedText() async throws {
        let replayed = try await Self.replay(["python3", Self.clients.appendingPathComponent("requests_client.py").path])
        Self.expectAcceptedWithWarnings(replayed)
        for operation in ["reset", "commit"] { #expect(Self.tolerated(replayed.log, operation) == ["body-signed-compact"]) }
        #expect(Self.tolerated(replayed.log, "status") == ["body-signed-compact", "sequence-missing"])
        let fixes = replayed.run.checks.first { $0.check.id == "client.calls.documented-form" }?.evidence.findings.compactMap(\.expected)
        #expect(fixes?.contains { $0.hasPrefix("sign the exact bytes you send") } == true)
    }

    @Test func nodeRoundingTheTimestampUp() async throws {
        let replayed = try await Self.replay(["node", Self.clients.appendingPathComponent("fetch_client.mjs").path])
        Self.expectAcceptedWithWarnings(replayed)
        // Each call is stamped with the next whole second and sent 0.2-0.4 s before it begins: a
        // call that arrives before its stamp is tolerated as ahead of the clock, one that arrives
        // after it (a busy machine) is not, and nothing else is said about time.
        var stamped: [String: Date] = [:]
        for line in replayed.output.split(separator: "\n") where line.hasPrefix("signed ") {
            let words = line.split(separator: " ")
            stamped["payment/redeem-code/\(words[1])"] = Date(timeIntervalSince1970: try #require(TimeInterval(String(words[3]))))
        }
        #expect(stamped.count == 3, "\(replayed.output)")
        for entry in replayed.log {
            let arrived = try #require(entry.date), stamp = try #require(stamped[entry.operation])
            let ahead = entry.tolerated.contains { $0.code == "timestamp-ahead" }
            #expect(ahead == (arrived < stamp), "\(entry.operation) arrived \(arrived), stamped \(stamp), tolerated \(entry.tolerated.map(\.code))")
        }
        #expect(Self.tolerated(replayed.log, "status").contains("sequence-missing"))
    }
}

import Foundation
import PrakerjaClient
import PrakerjaConformance
import PrakerjaModels
import PrakerjaReferencePartners
import PrakerjaSandbox
import PrakerjaTestSupport
import Testing

/// The client-integration suite against real clients of a real sandbox: the LP example passes
/// every check, and each defect switch of the reference LP client fails (or warns) the checks
/// about it, and only those.
@Suite struct ClientIntegrationTests {
    /// Runs `client` against a fresh sandbox and judges the LP's calls from the sandbox's log.
    /// The sandbox judges signatures by `signatureClock`, real time unless a client steps it.
    static func judge(
        signatureClock: ShiftedClock = ShiftedClock(),
        _ client: @Sendable (RunningSandbox, SandboxClient) async throws -> Void,
        edit: @Sendable ([SandboxLogEntry]) -> [SandboxLogEntry] = { $0 }
    ) async throws -> [String: Verdict] {
        try await Sandbox.withRunning(SandboxConfiguration(port: 0, signatureClock: signatureClock.signingClock)) { sandbox in
            let lp = try #require(sandbox.clients.first { $0.role == .lp })
            try await client(sandbox, lp)
            let log = edit(try SandboxLogEntry.log(from: try JSONEncoder().encode(sandbox.logEntries())))
            let run = ClientIntegrationSuite.run(log, clientCode: lp.code, source: sandbox.baseURL, contractSHA256: String(repeating: "0", count: 64))
            return Dictionary(uniqueKeysWithValues: run.checks.map { ($0.check.id, $0.verdict) })
        }
    }

    static func failing(_ verdicts: [String: Verdict]) -> Set<String> { Set(verdicts.filter { $0.value == .fail }.keys) }

    static let code = try! RedeemCode("PRAT-TC1-001-200")

    /// A client that signs as `lp` with a key that is not its own.
    static func stranger(_ sandbox: RunningSandbox, _ lp: SandboxClient) throws -> PrakerjaClient {
        PrakerjaClient(
            environment: try PrakerjaEnvironment(baseURL: sandbox.baseURL), clientCode: lp.code, signKey: "not-the-sandbox-key",
            retryPolicy: .never)
    }

    @Test func theLPExamplePassesEveryCheck() async throws {
        let verdicts = try await Self.judge { sandbox, lp in
            try await LPIntegrationFlow.run(client: sandbox.client(for: lp), code: Self.code) { _ in }
        }
        #expect(verdicts.count == 7, "\(verdicts)")
        #expect(Self.notPassing(verdicts).isEmpty, "\(verdicts)")
    }

    static func notPassing(_ verdicts: [String: Verdict]) -> Set<String> {
        Set(verdicts.filter { $0.value == .fail || $0.value == .warn }.keys)
    }

    /// The matrix of `Conformance/expected/reference-lp-client.yaml`: each switch of the
    /// reference LP client, on alone, makes exactly its listed checks fail (or warn), nothing else.
    @Test(arguments: LPClientDefect.allCases)
    func eachDefectOfTheLPClientIsCaught(_ defect: LPClientDefect) async throws {
        let expected = try ReferencePartners.Expected.load("reference-lp-client")
        let want = try #require(expected.defects[defect.rawValue], "no expected result for \(defect.rawValue)")
        // The client's pauses step the sandbox's signature clock: no test waits on a wall clock.
        let clock = ShiftedClock()
        let verdicts = try await Self.judge(signatureClock: clock) { sandbox, lp in
            try await defect.run(baseURL: sandbox.baseURL, clientCode: lp.code, signKey: lp.signKey, code: Self.code) { clock.advance(by: $0) }
        }
        #expect(!verdicts.values.contains(.error), "\(verdicts)")
        #expect(Self.notPassing(verdicts) == want, "\(defect.rawValue): \(verdicts)")
        // What the program only tolerates warns; everything else the switches break fails.
        let warned = Set(verdicts.filter { $0.value == .warn }.keys)
        #expect(warned.isSubset(of: ["client.calls.documented-form"]), "\(warned)")
    }

    @Test func aSessionCommittedAfterThePostTestFails() async throws {
        // The sandbox refuses this order itself, so the log is edited: a commit of session 1
        // recorded as succeeding after the post-test's.
        let verdicts = try await Self.judge(
            { sandbox, lp in
                try await LPIntegrationFlow.run(client: sandbox.client(for: lp), code: Self.code) { _ in }
            },
            edit: { log in
                guard let status = log.first(where: { $0.operation == "payment/redeem-code/status" }),
                    let commit = log.first(where: { $0.operation == "payment/redeem-code/commit" && $0.outcome == "success" })
                else { return log }
                let postTest = SandboxLogEntry(
                    id: 10_000, time: commit.time, clientCode: status.clientCode, method: "POST", path: status.path, signature: "valid",
                    status: 200, outcome: "success",
                    requestBody: status.requestBody.replacingOccurrences(of: #""sequence":1"#, with: #""sequence":999"#),
                    responseBody: "{}")
                let postCommit = SandboxLogEntry(
                    id: 10_001, time: commit.time, clientCode: commit.clientCode, method: "POST", path: commit.path, signature: "valid",
                    status: 200, outcome: "success", requestBody: commit.requestBody, responseBody: "{}")
                let again = [status, commit].enumerated().map { offset, call in
                    SandboxLogEntry(
                        id: 10_002 + offset, time: call.time, clientCode: call.clientCode, method: call.method, path: call.path, signature: "valid",
                        status: 200, outcome: "success",
                        requestBody: call.requestBody.replacingOccurrences(of: #""sequence":1"#, with: #""sequence":2"#),
                        responseBody: "{}")
                }
                return log + [postTest, postCommit] + again
            })
        #expect(Self.failing(verdicts) == ["client.redeem.sequences-in-order"], "\(verdicts)")
    }

    @Test func aLogWithNoAcceptedCallCannotPass() async throws {
        let verdicts = try await Self.judge { sandbox, lp in
            let stranger = try Self.stranger(sandbox, lp)
            _ = try? await stranger.redeemStatus(code: Self.code, sequence: .session(1))
            _ = try? await stranger.commitRedeem(code: Self.code)
        }
        #expect(verdicts["client.calls.accepted"] == .fail)
        #expect(verdicts["client.redeem.status-before-commit"] == .fail, "a refused status check is no status check")
    }

    @Test func aCommitAfterAnAcceptedResetIsAFreshStart() async throws {
        let verdicts = try await Self.judge { sandbox, lp in
            let client = sandbox.client(for: lp)
            for _ in 0..<3 {
                try await LPIntegrationFlow.run(client: client, code: Self.code) { _ in }
            }
        }
        #expect(Self.failing(verdicts).isEmpty, "\(verdicts)")
        #expect(verdicts["client.redeem.single-commit"] == .pass)
    }

    @Test func separateRunsSecondsApartAreNotHammering() async throws {
        // Five runs of a client whose commit is refused every time, a reset before each: five
        // identical failing commits, but each after an accepted reset, so no burst of retries.
        let verdicts = try await Self.judge { sandbox, lp in
            let client = sandbox.client(for: lp, retryPolicy: .never)
            for _ in 0..<5 {
                _ = try await client.resetTestCode(code: Self.code)
                _ = try await client.redeemStatus(code: Self.code, sequence: .session(1))
                _ = try? await client.commitRedeem(code: Self.code)
            }
        }
        #expect(verdicts["client.retries.not-hammering"] == .pass, "\(verdicts)")
    }
}

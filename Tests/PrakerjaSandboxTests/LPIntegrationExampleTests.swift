import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaReferencePartners
import PrakerjaSandbox
import Testing

/// The example LP backend (`Examples/LPIntegration`) completes its flow against the sandbox.
@Suite struct LPIntegrationExampleTests {
    func backend(_ h: SandboxHarness) -> LPBackend { LPBackend(client: h.lp, callbackURL: "https://lp.example.id/prakerja/callback") }

    /// Plays the participant's browser on the program's verification page.
    func participantVerifies(_ h: SandboxHarness, _ pending: LPBackend.PendingAttendance) async throws -> [URLQueryItem] {
        try await h.visit(pending.verificationURL).queryItems ?? []
    }

    @Test(arguments: ["PRAT-TC1-001-200", "seeded"])
    func theFlowCompletes(_ which: String) async throws {
        try await SandboxHarness.run { h in
            let code = which == "seeded" ? try await h.seededCode("LMS-01") : try RedeemCode(which)
            let lp = backend(h)
            let pending = try await lp.startSession(code: code, sequence: .session(1), email: "flow@example.id")
            let status = try await lp.handleCallback(pending, query: try await participantVerifies(h, pending))
            #expect(status.isRedeemed)
            #expect(status.isAttendanceVerified)
            #expect(try await lp.submitTask(code: code, number: 1, fileURL: "https://lms.example.id/t1.pdf").status == "submitted")
            _ = try await lp.review(code: code, number: 1, notes: "Sudah baik.")
            #expect(try await lp.feedback(code: code, number: 1)?.notes == "Sudah baik.")

            // The sandbox log shows the client did it in order, each call signed and fresh.
            let calls = h.sandbox.logEntries(clientCode: SandboxHarness.lpClient.code)
            #expect(calls.allSatisfy { $0.signature == "valid" })
            #expect(
                calls.map { $0.path.replacingOccurrences(of: "/api/v1/integration/", with: "") } == [
                    "payment/redeem-code/status", "oauth/url-generate", "payment/redeem-code/status", "payment/redeem-code/commit",
                    "payment/redeem-code/status", "tpm/submission", "tpm/feedback/submission", "tpm/submission/status",
                ])
        }
    }

    @Test func aFailedVerificationOrAForeignStateStopsTheFlow() async throws {
        try await SandboxHarness.run { h in
            let lp = backend(h)
            let failing = try await lp.startSession(code: try RedeemCode("PRAT-TC1-001-400"), sequence: .session(1), email: "fail@example.id")
            await #expect(throws: LPBackend.FlowError.verificationFailed) {
                try await lp.handleCallback(failing, query: try await participantVerifies(h, failing))
            }
            let pending = try await lp.startSession(code: try RedeemCode("PRAT-TC2-001-200"), sequence: .session(1), email: "tc2@example.id")
            await #expect(throws: LPBackend.FlowError.stateMismatch) {
                try await lp.handleCallback(
                    pending, query: [URLQueryItem(name: "state", value: "forged"), URLQueryItem(name: "status", value: "success")])
            }
            let status = try await h.lp.redeemStatus(code: try RedeemCode("PRAT-TC2-001-200"), sequence: .session(1))
            #expect(!status.isRedeemed, "a forged callback commits nothing")
        }
    }
}

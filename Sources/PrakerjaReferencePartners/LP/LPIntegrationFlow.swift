import Foundation
import PrakerjaClient
import PrakerjaModels

/// The LP integration flow end to end: check a redeem code, verify attendance (playing the
/// participant's browser), commit, submit a task, review it, read the feedback. The
/// `lp-integration` executable and `prakerja demo` run it against a sandbox.
public enum LPIntegrationFlow {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs the flow for `code`, narrating each step through `say`.
    public static func run(client: PrakerjaClient, code: RedeemCode, say: @Sendable (String) -> Void) async throws {
        let backend = LPBackend(client: client, callbackURL: "https://lp.example.id/prakerja/callback")
        if code.isTestCode { _ = try await client.resetTestCode(code: code) }
        say("1. status and attendance link for \(code), session 1")
        let pending = try await backend.startSession(code: code, sequence: .session(1), email: "peserta.\(UUID().uuidString.prefix(8))@example.id")
        say("   participant goes to \(pending.verificationURL)")

        say("2. the participant verifies; the program redirects back to the LP")
        let visit = try await AsyncHTTPClientTransport.shared.send(
            TransportRequest(method: "GET", url: pending.verificationURL, headers: [], body: []), timeout: .seconds(10))
        guard visit.status == 302, let location = visit.header("Location"), let callback = URLComponents(string: location) else {
            throw Failure(description: "the verification page answered HTTP \(visit.status) without a redirect")
        }
        say("   callback \(location)")
        let status = try await backend.handleCallback(pending, query: callback.queryItems ?? [])
        say("   attendance verified, code committed at \(status.redeemAt ?? "?")")

        say("3. task 1 submitted and reviewed")
        _ = try await backend.submitTask(code: code, number: 1, fileURL: "https://lms.example.id/tugas/\(code)-1.pdf")
        _ = try await backend.review(code: code, number: 1, notes: "Rencana pemasaran sudah jelas; tambahkan anggaran.")

        say("4. the participant reads the feedback")
        guard let feedback = try await backend.feedback(code: code, number: 1) else { throw Failure(description: "no feedback on task 1") }
        say("   \"\(feedback.notes)\" (sent \(feedback.sentAt))")
        say("LP integration flow complete.")
    }
}

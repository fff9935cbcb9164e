// The LP integration flow end to end against a sandbox: check a redeem code, verify attendance
// (this program plays the participant's browser), commit, submit a task, review it, read the feedback.
//
//   prakerja sandbox &                      # in another terminal
//   swift run lp-integration                # defaults: http://127.0.0.1:8080, LPSANDBOX01, PRAT-TC1-001-200
//   swift run lp-integration --base-url URL --client-code C --sign-key K --redeem-code CODE
import Foundation
import LPIntegration
import PrakerjaClient
import PrakerjaModels

func option(_ name: String, default value: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("lp-integration: \(message)\n".utf8))
    exit(1)
}

let environment: PrakerjaEnvironment
let code: RedeemCode
do {
    environment = try PrakerjaEnvironment(baseURL: option("--base-url", default: "http://127.0.0.1:8080"))
    code = try RedeemCode(option("--redeem-code", default: "PRAT-TC1-001-200"))
} catch {
    fail("\(error)")
}
let client = PrakerjaClient(environment: environment, clientCode: option("--client-code", default: "LPSANDBOX01"),
                            signKey: option("--sign-key", default: "lp-sandbox-sign-key-01"))
let backend = LPBackend(client: client, callbackURL: "https://lp.example.id/prakerja/callback")

do {
    if code.isTestCode { _ = try await client.resetTestCode(code: code) }
    print("1. status and attendance link for \(code), session 1")
    let pending = try await backend.startSession(code: code, sequence: .session(1), email: "peserta.\(UUID().uuidString.prefix(8))@example.id")
    print("   participant goes to \(pending.verificationURL)")

    print("2. the participant verifies; the program redirects back to the LP")
    let visit = try await AsyncHTTPClientTransport.shared.send(
        TransportRequest(method: "GET", url: pending.verificationURL, headers: [], body: []), timeout: .seconds(10))
    guard visit.status == 302, let location = visit.header("Location"), let callback = URLComponents(string: location) else {
        fail("the verification page answered HTTP \(visit.status) without a redirect")
    }
    print("   callback \(location)")
    let status = try await backend.handleCallback(pending, query: callback.queryItems ?? [])
    print("   attendance verified, code committed at \(status.redeemAt ?? "?")")

    print("3. task 1 submitted and reviewed")
    _ = try await backend.submitTask(code: code, number: 1, fileURL: "https://lms.example.id/tugas/\(code)-1.pdf")
    _ = try await backend.review(code: code, number: 1, notes: "Rencana pemasaran sudah jelas; tambahkan anggaran.")

    print("4. the participant reads the feedback")
    guard let feedback = try await backend.feedback(code: code, number: 1) else { fail("no feedback on task 1") }
    print("   \"\(feedback.notes)\" (sent \(feedback.sentAt))")
    print("LP integration flow complete.")
} catch {
    fail("\(error)")
}

// The LP integration flow end to end against a sandbox: check a redeem code, verify attendance
// (this program plays the participant's browser), commit, submit a task, review it, read the feedback.
//
//   prakerja sandbox &                      # in another terminal
//   swift run lp-integration                # defaults: http://127.0.0.1:8080, LPSANDBOX01, PRAT-TC1-001-200
//   swift run lp-integration --base-url URL --client-code C --sign-key K --redeem-code CODE
import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaReferencePartners

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
let client = PrakerjaClient(
    environment: environment, clientCode: option("--client-code", default: "LPSANDBOX01"),
    signKey: option("--sign-key", default: "lp-sandbox-sign-key-01"))
do {
    try await LPIntegrationFlow.run(client: client, code: code) { print($0) }
} catch {
    fail("\(error)")
}

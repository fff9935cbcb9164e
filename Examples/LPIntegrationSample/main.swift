// An LP's first integration step: sign a redeem-code status request with the SDK and print the
// exact HTTP request, as a curl command, ready to send to the program's sandbox.
//
//   swift run lp-integration-sample GHOPNYXUVMT0 1
//
// Credentials come from PRAKERJA_CLIENT_CODE and PRAKERJA_SIGN_KEY; the base URL from
// PRAKERJA_BASE_URL (default: the program's sandbox).
import Foundation
import PrakerjaModels
import PrakerjaSigning

let environment = ProcessInfo.processInfo.environment
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: lp-integration-sample REDEEM_CODE SEQUENCE\n".utf8))
    exit(2)
}
let code: RedeemCode, sequence: AttendanceSequence
do {
    code = try RedeemCode(arguments[0])
    sequence = try AttendanceSequence(Int(arguments[1]) ?? -1)
} catch {
    FileHandle.standardError.write(Data("lp-integration-sample: \(error)\n".utf8))
    exit(2)
}

let baseURL = environment["PRAKERJA_BASE_URL"] ?? "https://api-ssn.prakerja.go.id"
let signer = ProgramSignature(
    clientCode: environment["PRAKERJA_CLIENT_CODE"] ?? "LPKOPI01",
    signKey: environment["PRAKERJA_SIGN_KEY"] ?? "9f8e7d6c5b4a39281706f5e4d3c2b1a0")
let path = "/api/v1/integration/payment/redeem-code/status"

// The body is encoded once; the signature covers exactly these bytes, and exactly these are sent.
struct StatusRequest: Encodable {
    let redeem_code: RedeemCode
    let sequence: AttendanceSequence
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
let body = try encoder.encode(StatusRequest(redeem_code: code, sequence: sequence))
let signed = signer.headers(method: "POST", path: path, body: body)

var command = "curl -sS -X POST '\(baseURL)\(path)'"
for field in signed.fields { command += " \\\n  -H '\(field.name): \(field.value)'" }
command += " \\\n  --data-binary '\(String(decoding: body, as: UTF8.self))'"
print(command)

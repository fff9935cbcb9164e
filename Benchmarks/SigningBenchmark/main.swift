// Signatures per second for each scheme on a typical 200-byte body, next to swift-crypto's bare
// primitive over the same final message, measured in the same run.
//
//   swift run -c release signing-benchmark [--runs 7] [--iterations 200000]
//
// Each figure is the median of several runs. "ratio" is the bare primitive's rate divided by the
// scheme's: how much the scheme costs over the primitive (target for prakerja and SNAP symmetric:
// at most 1.3).
import Crypto
import CryptoExtras
import Foundation
import PrakerjaSigning

let arguments = CommandLine.arguments
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 7
/// Calls per timed loop of the HMAC schemes (RSA's: a five-hundredth); fewer for callgrind.
let hmacIterations = arguments.firstIndex(of: "--iterations").flatMap { Int(arguments[$0 + 1]) } ?? 200_000
let rsaIterations = max(1, hmacIterations / 500)

/// A 200-byte JSON body like the integration API's (attendance URL request).
let body = Array(
    #"{"redeem_code":"GHOPNYXUVMT0","redirect_uri":"https://lp.example.id/prakerja/callback/attendance/session","email":"siti.rahmawati1@example.id","sequence":10,"state":"b1946ac92492d2347c6235b4d2611184"}"#
        .utf8)
precondition(body.count == 200, "the benchmark body must be 200 bytes, is \(body.count)")

let clientCode = "LPKOPI01", signKey = "9f8e7d6c5b4a39281706f5e4d3c2b1a0", unixTimestamp = "1635833711"
let path = "/api/v1/integration/oauth/url-generate"
let secret = "snap-client-secret-7d1f0c2e", token = "eyJhbGciOiJIUzI1NiJ9.cHJha2VyamEtdGVzdA.c2lnbmF0dXJl"
let snapTimestamp = "2021-11-02T13:14:15+07:00"

nonisolated(unsafe) var sink = 0

/// Operations per second of one timed loop.
func rate(_ iterations: Int, _ operation: () -> Int) -> Double {
    let elapsed = ContinuousClock().measure {
        for _ in 0..<iterations { sink &+= operation() }
    }
    return Double(iterations) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// Measures the scheme and its bare primitive alternately, `runs` times each, so drift in the
/// machine's speed hits both alike; prints their median rates and the median of the per-run ratios.
func compare(_ name: String, iterations: Int, bareName: String, scheme: () -> Int, bare: () -> Int) {
    _ = rate(iterations / 10, scheme)
    _ = rate(iterations / 10, bare)
    var schemeRates: [Double] = [], bareRates: [Double] = [], ratios: [Double] = []
    for _ in 0..<runs {
        let s = rate(iterations, scheme), b = rate(iterations, bare)
        schemeRates.append(s)
        bareRates.append(b)
        ratios.append(b / s)
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    print(
        name.padding(toLength: 18, withPad: " ", startingAt: 0)
            + String(format: "%10.0f/s  ", median(schemeRates))
            + bareName.padding(toLength: 34, withPad: " ", startingAt: 0)
            + String(format: "%10.0f/s   %.2f", median(bareRates), median(ratios)))
}

// The program's scheme: HMAC-SHA1 over client_code + timestamp + METHOD + path + body.
let programFinal = Array((clientCode + unixTimestamp + "POST" + path).utf8) + body
let programKey = SymmetricKey(data: Array(signKey.utf8))
let program = ProgramSignature(clientCode: clientCode, signKey: signKey)
let programSign = { program.signature(timestamp: unixTimestamp, method: "POST", path: path, body: body).utf8.count }
// The floor: the key already absorbed (as the signer keeps it) and one update over the final message.
let programKeyed = HMAC<Insecure.SHA1>(key: programKey)
let programFloor = {
    var mac = programKeyed
    mac.update(data: programFinal)
    return mac.finalize().byteCount
}

// SNAP symmetric: HMAC-SHA512 over METHOD:path:token:hex(SHA-256(minified body)):timestamp.
let snap = SNAPSymmetricSignature(clientSecret: secret)
let digest = try SNAPSymmetricSignature.bodyDigest(body)
let snapFinal = Array("POST:/v1.0/emoney/topup:\(token):\(digest):\(snapTimestamp)".utf8)
let snapKey = SymmetricKey(data: Array(secret.utf8))
let snapSign = {
    (try? snap.signature(method: "POST", path: "/v1.0/emoney/topup", accessToken: token, body: body, timestamp: snapTimestamp))?.utf8.count ?? 0
}
let snapKeyed = HMAC<SHA512>(key: snapKey)
let snapFloor = {
    var mac = snapKeyed
    mac.update(data: snapFinal)
    return SHA256.hash(data: body).withUnsafeBytes { $0.count } &+ mac.finalize().byteCount
}

// Verification as a server does it (one signer per client, prepared once).
let signature = program.signature(timestamp: unixTimestamp, method: "POST", path: path, body: body)
let policy = VerificationPolicy(clock: .fixed(Date(timeIntervalSince1970: 1_635_833_711)))
let signers = [clientCode: program]
let programVerify = {
    (try? ProgramSignature.verify(
        clientCode: clientCode, timestamp: unixTimestamp, signature: signature, method: "POST",
        path: path, body: body, policy: policy, signer: { signers[$0] }))?.utf8.count ?? 0
}
let snapSignature = try snap.signature(method: "POST", path: "/v1.0/emoney/topup", accessToken: token, body: body, timestamp: snapTimestamp)
let snapPolicy = VerificationPolicy(clock: .fixed(try SNAPTimestamp.parse(snapTimestamp)))
let snapSigners = ["PARTNER01": snap]
let snapVerify = {
    (try? SNAPSymmetricSignature.verify(
        partnerID: "PARTNER01", accessToken: token, timestamp: snapTimestamp, signature: snapSignature, method: "POST",
        path: "/v1.0/emoney/topup", body: body, policy: snapPolicy, signer: { snapSigners[$0] }))?.utf8.count ?? 0
}

// Instruction counts: `--count NAME N` runs one operation N times, untimed, for
// `valgrind --tool=callgrind` (the counts at N and at 0 differ by N calls).
let operations: [String: () -> Int] = [
    "prakerja-sign": programSign, "prakerja-floor": programFloor, "prakerja-verify": programVerify,
    "snap-sign": snapSign, "snap-floor": snapFloor, "snap-verify": snapVerify,
]
if let index = arguments.firstIndex(of: "--count") {
    guard index + 2 < arguments.count, let operation = operations[arguments[index + 1]], let count = Int(arguments[index + 2]) else {
        print("--count takes one of \(operations.keys.sorted().joined(separator: ", ")) and a number of calls")
        exit(2)
    }
    for _ in 0..<count { sink &+= operation() }
    exit(sink == 42 ? 1 : 0)
}

print("signing-benchmark: \(runs) runs per figure, median; body \(body.count) bytes")
print("scheme             scheme rate  bare primitive (same final message)       bare rate   ratio")
compare("prakerja", iterations: hmacIterations, bareName: "HMAC-SHA1", scheme: programSign) {
    HMAC<Insecure.SHA1>.authenticationCode(for: programFinal, using: programKey).byteCount
}
compare("prakerja", iterations: hmacIterations, bareName: "HMAC-SHA1, key pre-absorbed", scheme: programSign, bare: programFloor)
compare("snap-symmetric", iterations: hmacIterations, bareName: "HMAC-SHA512", scheme: snapSign) {
    HMAC<SHA512>.authenticationCode(for: snapFinal, using: snapKey).byteCount
}
compare("snap-symmetric", iterations: hmacIterations, bareName: "SHA-256(body) + keyed HMAC-SHA512", scheme: snapSign, bare: snapFloor)

// SNAP asymmetric: SHA256withRSA (2048-bit) over client_id|timestamp, and over a notification.
let rsaKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
let snapPrivate = try SNAPPrivateKey(pem: rsaKey.pemRepresentation)
let tokenFinal = Data("PRAKERJA-PROGRAM-01|\(snapTimestamp)".utf8)
compare("snap-asymmetric", iterations: rsaIterations, bareName: "RSA-2048 PKCS#1 v1.5 SHA-256") {
    (try? SNAPAsymmetricSignature.tokenSignature(privateKey: snapPrivate, clientID: "PRAKERJA-PROGRAM-01", timestamp: snapTimestamp))?.utf8.count ?? 0
} bare: {
    (try? rsaKey.signature(for: SHA256.hash(data: tokenFinal), padding: .insecurePKCS1v1_5))?.rawRepresentation.count ?? 0
}

let notificationFinal = Data("POST:/v1.0/emoney/topup-notify:\(digest):\(snapTimestamp)".utf8)
compare("snap-notification", iterations: rsaIterations, bareName: "RSA-2048 PKCS#1 v1.5 SHA-256") {
    (try? SNAPAsymmetricSignature.notificationSignature(
        privateKey: snapPrivate, method: "POST", path: "/v1.0/emoney/topup-notify", body: body, timestamp: snapTimestamp))?.utf8.count ?? 0
} bare: {
    (try? rsaKey.signature(for: SHA256.hash(data: notificationFinal), padding: .insecurePKCS1v1_5))?.rawRepresentation.count ?? 0
}

// Verification next to signing the same request: at most 1.3x.
compare("prakerja verify", iterations: hmacIterations, bareName: "prakerja sign (the same request)", scheme: programVerify, bare: programSign)
compare("snap verify", iterations: hmacIterations, bareName: "snap sign (the same request)", scheme: snapVerify, bare: snapSign)
if sink == 42 { print("") }  // keeps the results observable

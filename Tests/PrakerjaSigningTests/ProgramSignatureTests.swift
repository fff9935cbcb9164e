import Foundation
import PrakerjaSigning
import Testing

@Suite struct ProgramSignatureTests {
    static let key = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    static let client = "LPKOPI01"
    static let path = "/api/v1/integration/payment/redeem-code/status"
    static let body = Data(#"{"redeem_code":"GHOPNYXUVMT0","sequence":1}"#.utf8)
    static let signedAt = Date(timeIntervalSince1970: 1_635_833_655)
    static let signer = ProgramSignature(clientCode: client, signKey: key)

    /// Verifies a request as the program would, at `now`, with the given replay guard.
    func verify(
        clientCode: String? = client, timestamp: String? = "1635833655", signature: String?,
        method: String = "POST", path: String = path, body: Data = body,
        now: Date = signedAt, replayGuard: ReplayGuard? = nil
    ) throws(SignatureError) -> String {
        try ProgramSignature.verify(
            clientCode: clientCode, timestamp: timestamp, signature: signature, method: method, path: path, body: body,
            policy: VerificationPolicy(clock: .fixed(now), replayGuard: replayGuard),
            signKey: { $0 == Self.client ? Self.key : nil })
    }

    var validSignature: String { Self.signer.signature(timestamp: "1635833655", method: "POST", path: Self.path, body: Self.body) }

    /// The program's leniency: a signature over the compact JSON of a body sent with spaces, and a
    /// timestamp ahead of the clock inside the window, are accepted and named; nothing else is.
    @Test func aLenientVerifierAcceptsAndNamesWhatTheProgramTolerates() throws {
        func verify(_ body: Data, now: Date, replayGuard: ReplayGuard? = nil) throws(SignatureError) -> ProgramSignature.LenientVerification {
            try ProgramSignature.verifyLeniently(
                clientCode: Self.client, timestamp: "1635833655", signature: validSignature, method: "POST", path: Self.path, body: body,
                policy: VerificationPolicy(clock: .fixed(now), replayGuard: replayGuard), signer: { $0 == Self.client ? Self.signer : nil })
        }
        let spaced = Data(#"{"redeem_code": "GHOPNYXUVMT0", "sequence": 1}"#.utf8)
        #expect(try verify(Self.body, now: Self.signedAt).tolerated.isEmpty, "the documented form needs nothing tolerated")
        #expect(try verify(spaced, now: Self.signedAt).tolerated == [.bodySignedCompact])
        #expect(try verify(Self.body, now: Self.signedAt.addingTimeInterval(-0.4)).tolerated == [.timestampAhead(seconds: 1)])
        #expect(try verify(Self.body, now: Self.signedAt.addingTimeInterval(0.6)).tolerated.isEmpty, "a timestamp behind the clock is the norm")
        // Other content is still refused, and so is the same request twice.
        #expect(throws: SignatureError.mismatch) { try verify(Data(#"{"redeem_code": "GHOPNYXUVMT0", "sequence": 2}"#.utf8), now: Self.signedAt) }
        // The same request again within two seconds is a repeat (named); later, a replay (refused).
        let guardian = ReplayGuard(capacity: 10)
        _ = try verify(spaced, now: Self.signedAt, replayGuard: guardian)
        #expect(
            try verify(spaced, now: Self.signedAt.addingTimeInterval(1.5), replayGuard: guardian).tolerated == [
                .bodySignedCompact, .repeatedWithinASecond,
            ])
        #expect(throws: SignatureError.replayed) { try verify(spaced, now: Self.signedAt.addingTimeInterval(2.5), replayGuard: guardian) }
        // A signature the strict verifier admitted first is never taken as a repeat.
        let strictFirst = ReplayGuard(capacity: 10)
        _ = try self.verify(signature: validSignature, replayGuard: strictFirst)
        #expect(throws: SignatureError.replayed) { try verify(Self.body, now: Self.signedAt, replayGuard: strictFirst) }
        // The strict verifier refuses what the lenient one tolerates.
        #expect(throws: SignatureError.mismatch) { try self.verify(signature: validSignature, body: spaced) }
    }

    @Test func acceptsAValidRequest() throws {
        #expect(try verify(signature: validSignature) == Self.client)
    }

    @Test func headersCarryTheSignedTimestampAndSignature() {
        let headers = Self.signer.headers(method: "post", path: Self.path, body: Self.body, clock: .fixed(Self.signedAt))
        let fields = Dictionary(uniqueKeysWithValues: headers.fields.map { ($0.name, $0.value) })
        #expect(fields["timestamp"] == "1635833655")
        #expect(fields["client_code"] == Self.client)
        #expect(fields["signature"] == validSignature)
        #expect(headers.signature == validSignature)
    }

    @Test func refusesATamperedBody() {
        let tampered = Data(#"{"redeem_code":"GHOPNYXUVMT0","sequence":2}"#.utf8)
        #expect(throws: SignatureError.mismatch) { try verify(signature: validSignature, body: tampered) }
        // One added space changes the bytes: the scheme signs the body exactly as sent.
        let spaced = Data(#"{"redeem_code": "GHOPNYXUVMT0","sequence":1}"#.utf8)
        #expect(throws: SignatureError.mismatch) { try verify(signature: validSignature, body: spaced) }
    }

    @Test func refusesATamperedTimestampPathOrMethod() {
        #expect(throws: SignatureError.mismatch) { try verify(timestamp: "1635833656", signature: validSignature) }
        #expect(throws: SignatureError.mismatch) { try verify(signature: validSignature, path: "/api/v1/integration/payment/redeem-code/commit") }
        #expect(throws: SignatureError.mismatch) { try verify(signature: validSignature, method: "PUT") }
    }

    @Test func refusesTheWrongKey() {
        let forged = ProgramSignature(clientCode: Self.client, signKey: "not-the-key")
            .signature(timestamp: "1635833655", method: "POST", path: Self.path, body: Self.body)
        #expect(throws: SignatureError.mismatch) { try verify(signature: forged) }
    }

    @Test func refusesClockSkewBeyondTheWindowEitherWay() throws {
        #expect(try verify(signature: validSignature, now: Self.signedAt.addingTimeInterval(300)) == Self.client)
        #expect(try verify(signature: validSignature, now: Self.signedAt.addingTimeInterval(-300)) == Self.client)
        #expect(throws: SignatureError.timestampOutsideWindow(skewSeconds: -301, toleranceSeconds: 300)) {
            try verify(signature: validSignature, now: Self.signedAt.addingTimeInterval(301))
        }
        #expect(throws: SignatureError.timestampOutsideWindow(skewSeconds: 301, toleranceSeconds: 300)) {
            try verify(signature: validSignature, now: Self.signedAt.addingTimeInterval(-301))
        }
    }

    @Test func refusesAReplayInsideTheWindowAndForgetsItAfter() throws {
        let guardSet = ReplayGuard(capacity: 10)
        #expect(try verify(signature: validSignature, replayGuard: guardSet) == Self.client)
        #expect(throws: SignatureError.replayed) {
            try verify(signature: validSignature, now: Self.signedAt.addingTimeInterval(60), replayGuard: guardSet)
        }
        // After the window, the timestamp check refuses it before the guard is consulted.
        #expect(throws: SignatureError.timestampOutsideWindow(skewSeconds: -301, toleranceSeconds: 300)) {
            try verify(signature: validSignature, now: Self.signedAt.addingTimeInterval(301), replayGuard: guardSet)
        }
    }

    @Test func aFailedVerificationDoesNotConsumeTheGuard() throws {
        let guardSet = ReplayGuard(capacity: 10)
        #expect(throws: SignatureError.mismatch) { try verify(signature: String(repeating: "0", count: 40), replayGuard: guardSet) }
        #expect(guardSet.count == 0)
    }

    @Test func namesEachMissingHeader() {
        #expect(throws: SignatureError.missingHeader("client_code")) { try verify(clientCode: nil, signature: validSignature) }
        #expect(throws: SignatureError.missingHeader("timestamp")) { try verify(timestamp: "", signature: validSignature) }
        #expect(throws: SignatureError.missingHeader("signature")) { try verify(signature: nil) }
    }

    @Test func refusesUnknownClientsAndMalformedHeaders() {
        #expect(throws: SignatureError.unknownClient("LPOTHER")) { try verify(clientCode: "LPOTHER", signature: validSignature) }
        for timestamp in ["abc", "-1635833655", "1635833655.0", "2021-11-02T13:14:15+07:00"] {
            #expect(
                throws: SignatureError.malformedTimestamp(
                    header: "timestamp", reason: "expected Unix time in seconds, digits only (like 1698289216)")
            ) {
                try verify(timestamp: timestamp, signature: validSignature)
            }
        }
        let reason = "expected 40 lowercase hex digits (HMAC-SHA1)"
        #expect(throws: SignatureError.malformedSignature(reason)) { try verify(signature: validSignature.uppercased()) }
        #expect(throws: SignatureError.malformedSignature(reason)) { try verify(signature: String(validSignature.dropLast(2))) }
        #expect(throws: SignatureError.malformedSignature(reason)) { try verify(signature: "zz" + validSignature.dropFirst(2)) }
    }

    @Test func errorMessagesNameTheProblem() {
        #expect(SignatureError.missingHeader("timestamp").description == "missing header timestamp")
        #expect(
            SignatureError.timestampOutsideWindow(skewSeconds: -412, toleranceSeconds: 300).description
                == "timestamp is 412 s behind the verifier's clock; at most 300 s is accepted")
    }
}

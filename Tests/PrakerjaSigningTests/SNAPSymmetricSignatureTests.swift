import Foundation
import PrakerjaSigning
import Testing

@Suite struct SNAPSymmetricSignatureTests {
    static let secret = "snap-client-secret-7d1f0c2e"
    static let token = "token-abc"
    static let partner = "PRAKERJA"
    static let timestamp = "2021-11-02T13:14:15+07:00"
    static let path = "/v1.0/emoney/topup"
    static let body = Data(#"{"partnerReferenceNo":"PRK-1","amount":{"value":"600000.00","currency":"IDR"}}"#.utf8)

    static func sign(_ body: Data = body, timestamp: String = timestamp) throws -> String {
        try SNAPSymmetricSignature(clientSecret: secret)
            .signature(method: "POST", path: path, accessToken: token, body: body, timestamp: timestamp)
    }

    func verify(
        signature: String?, body: Data = body, timestamp: String? = timestamp, token: String? = token,
        externalID: String? = nil, offsetSeconds: TimeInterval = 0, replayGuard: ReplayGuard? = nil
    ) throws(SignatureError) {
        let now = try! SNAPTimestamp.parse(Self.timestamp).addingTimeInterval(offsetSeconds)
        _ = try SNAPSymmetricSignature.verify(
            partnerID: Self.partner, accessToken: token, timestamp: timestamp, signature: signature, externalID: externalID,
            method: "POST", path: Self.path, body: body,
            policy: VerificationPolicy(clock: .fixed(now), replayGuard: replayGuard),
            clientSecret: { $0 == Self.partner ? Self.secret : nil })
    }

    @Test func whitespaceOutsideStringsDoesNotChangeTheSignature() throws {
        let pretty = Data(
            """
            {
              "partnerReferenceNo" : "PRK-1",
              "amount" : { "value" : "600000.00", "currency" : "IDR" }
            }
            """.utf8)
        #expect(try Self.sign(pretty) == Self.sign())
        try verify(signature: try Self.sign(), body: pretty)
    }

    @Test func fieldOrderAndStringContentDoChangeIt() throws {
        let reordered = Data(#"{"amount":{"value":"600000.00","currency":"IDR"},"partnerReferenceNo":"PRK-1"}"#.utf8)
        #expect(throws: SignatureError.mismatch) { try verify(signature: try Self.sign(), body: reordered) }
        let spacedValue = Data(#"{"partnerReferenceNo":"PRK- 1","amount":{"value":"600000.00","currency":"IDR"}}"#.utf8)
        #expect(throws: SignatureError.mismatch) { try verify(signature: try Self.sign(), body: spacedValue) }
    }

    @Test func refusesTamperingWithTokenTimestampOrAmount() throws {
        let signature = try Self.sign()
        #expect(throws: SignatureError.mismatch) { try verify(signature: signature, token: "token-abd") }
        #expect(throws: SignatureError.mismatch) { try verify(signature: signature, timestamp: "2021-11-02T13:14:16+07:00") }
        let doubled = Data(#"{"partnerReferenceNo":"PRK-1","amount":{"value":"1200000.00","currency":"IDR"}}"#.utf8)
        #expect(throws: SignatureError.mismatch) { try verify(signature: signature, body: doubled) }
        let wrongKey = try SNAPSymmetricSignature(clientSecret: "other")
            .signature(method: "POST", path: Self.path, accessToken: Self.token, body: Self.body, timestamp: Self.timestamp)
        #expect(throws: SignatureError.mismatch) { try verify(signature: wrongKey) }
        // The same MAC spelt another way (the last character's unused bits set): a lenient decoder
        // reads the same bytes, and the replay guard, keyed by the text, would take it for new.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var respelt = Array(signature)
        let last = respelt.count - 3
        respelt[last] = alphabet[alphabet.firstIndex(of: respelt[last])! | 0x0F]
        #expect(String(respelt) != signature)
        #expect(throws: SignatureError.mismatch) { try verify(signature: String(respelt)) }
    }

    @Test func refusesSkewReplayAndReusedExternalID() throws {
        let signature = try Self.sign()
        #expect(throws: SignatureError.timestampOutsideWindow(skewSeconds: -301, toleranceSeconds: 300)) {
            try verify(signature: signature, offsetSeconds: 301)
        }
        let guardSet = ReplayGuard()
        try verify(signature: signature, externalID: "EXT-1", replayGuard: guardSet)
        // Re-sent headers repeat the external ID: refused.
        #expect(throws: SignatureError.duplicateExternalID("EXT-1")) { try verify(signature: signature, externalID: "EXT-1", replayGuard: guardSet) }
        // The same body in the same second under a new external ID is a new call (SNAP does not sign the ID).
        try verify(signature: signature, externalID: "EXT-2", replayGuard: guardSet)
        // Without an external ID the signature itself is the replay key.
        try verify(signature: signature, replayGuard: guardSet)
        #expect(throws: SignatureError.replayed) { try verify(signature: signature, replayGuard: guardSet) }
        // A new, correctly signed request that reuses the X-EXTERNAL-ID on the same day is refused too.
        let later = "2021-11-02T13:15:00+07:00"
        #expect(throws: SignatureError.duplicateExternalID("EXT-1")) {
            try verify(signature: try Self.sign(timestamp: later), timestamp: later, externalID: "EXT-1", offsetSeconds: 45, replayGuard: guardSet)
        }
    }

    @Test func aBodyThatIsNotJSONIsNamed() throws {
        #expect {
            try Self.sign(Data("amount=600000".utf8))
        } throws: { error in
            guard let syntax = (error as? SignatureError)?.jsonSyntax else { return false }
            return syntax.offset == 0 && syntax.reason.contains("expected a JSON value")
        }
        #expect(try SNAPSymmetricSignature.bodyDigest(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func malformedOrMissingHeadersAreNamed() {
        #expect(throws: SignatureError.missingHeader("Authorization")) { try verify(signature: "x", token: nil) }
        #expect(throws: SignatureError.missingHeader("X-SIGNATURE")) { try verify(signature: "") }
        #expect(throws: SignatureError.malformedSignature("expected base64 of a 64-byte HMAC-SHA512")) { try verify(signature: "not base64!") }
        #expect(
            throws: SignatureError.malformedTimestamp(
                header: "X-TIMESTAMP", reason: "expected ISO-8601 with an offset, like 2021-11-02T13:14:15+07:00")
        ) {
            try verify(signature: "x", timestamp: "1635833655")
        }
    }

    @Test func bearerTokenIsReadFromTheAuthorizationHeader() {
        #expect(SNAPSymmetricSignature.bearerToken(from: "Bearer abc.def") == "abc.def")
        #expect(SNAPSymmetricSignature.bearerToken(from: "bearer abc") == "abc")
        #expect(SNAPSymmetricSignature.bearerToken(from: "Basic abc") == nil)
        #expect(SNAPSymmetricSignature.bearerToken(from: nil) == nil)
    }
}

import Foundation
import PrakerjaSigning
import PrakerjaTestSupport
import Testing

@Suite struct SNAPAsymmetricSignatureTests {
    static let privateKey = try! SNAPPrivateKey(contentsOf: SignatureVectors.keyPath("keys/snap-test-private.pem"))
    static let publicKey = try! SNAPPublicKey(contentsOf: SignatureVectors.keyPath("keys/snap-test-public.pem"))
    static let timestamp = "2021-11-02T13:14:15+07:00"
    static let policy = VerificationPolicy(clock: .fixed(try! SNAPTimestamp.parse(timestamp)))

    @Test func tokenSignatureRoundTripsAndRefusesTampering() throws {
        let signature = try SNAPAsymmetricSignature.tokenSignature(privateKey: Self.privateKey, clientID: "CLIENT-1", timestamp: Self.timestamp)
        let verify = { (client: String, timestamp: String, signature: String) throws(SignatureError) -> String in
            try SNAPAsymmetricSignature.verifyToken(clientID: client, timestamp: timestamp, signature: signature, policy: Self.policy) { _ in
                Self.publicKey
            }
        }
        #expect(try verify("CLIENT-1", Self.timestamp, signature) == "CLIENT-1")
        #expect(throws: SignatureError.mismatch) { try verify("CLIENT-2", Self.timestamp, signature) }
        #expect(throws: SignatureError.mismatch) { try verify("CLIENT-1", "2021-11-02T13:14:16+07:00", signature) }
    }

    @Test func aSignatureFromAnotherKeyIsRefused() throws {
        let pem = try String(contentsOf: Repository.url("Tests/PrakerjaSigningTests/Fixtures/other-private.pem"), encoding: .utf8)
        let other = try SNAPPrivateKey(pem: pem)
        let forged = try SNAPAsymmetricSignature.tokenSignature(privateKey: other, clientID: "CLIENT-1", timestamp: Self.timestamp)
        #expect(throws: SignatureError.mismatch) {
            try SNAPAsymmetricSignature.verifyToken(clientID: "CLIENT-1", timestamp: Self.timestamp, signature: forged, policy: Self.policy) { _ in
                Self.publicKey
            }
        }
    }

    @Test func notificationCoversTheMinifiedBody() throws {
        let body = Data(#"{"partnerReferenceNo":"PRK-1","latestTransactionStatus":"00"}"#.utf8)
        let pretty = Data("{ \"partnerReferenceNo\": \"PRK-1\",\n  \"latestTransactionStatus\": \"00\" }".utf8)
        let signature = try SNAPAsymmetricSignature.notificationSignature(
            privateKey: Self.privateKey, method: "POST", path: "/v1.0/emoney/topup-notify", body: body, timestamp: Self.timestamp)
        try SNAPAsymmetricSignature.verifyNotification(
            timestamp: Self.timestamp, signature: signature, method: "POST", path: "/v1.0/emoney/topup-notify",
            body: pretty, policy: Self.policy, publicKey: Self.publicKey)
        let failed = Data(#"{"partnerReferenceNo":"PRK-1","latestTransactionStatus":"06"}"#.utf8)
        #expect(throws: SignatureError.mismatch) {
            try SNAPAsymmetricSignature.verifyNotification(
                timestamp: Self.timestamp, signature: signature, method: "POST", path: "/v1.0/emoney/topup-notify",
                body: failed, policy: Self.policy, publicKey: Self.publicKey)
        }
    }

    @Test func replayedTokenRequestIsRefused() throws {
        let signature = try SNAPAsymmetricSignature.tokenSignature(privateKey: Self.privateKey, clientID: "CLIENT-1", timestamp: Self.timestamp)
        var policy = Self.policy
        policy.replayGuard = ReplayGuard()
        _ = try SNAPAsymmetricSignature.verifyToken(clientID: "CLIENT-1", timestamp: Self.timestamp, signature: signature, policy: policy) { _ in
            Self.publicKey
        }
        #expect(throws: SignatureError.replayed) {
            try SNAPAsymmetricSignature.verifyToken(clientID: "CLIENT-1", timestamp: Self.timestamp, signature: signature, policy: policy) { _ in
                Self.publicKey
            }
        }
    }

    @Test func badKeysAreNamed() throws {
        #expect(throws: SignatureError.invalidKey("not PEM: no -----BEGIN line")) { try SNAPPrivateKey(pem: "hello") }
        #expect(throws: SignatureError.invalidKey("PEM does not hold a private key (expected BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)")) {
            try SNAPPrivateKey(pem: Self.publicKey.pem)
        }
        let missing = "/nonexistent/key.pem"
        #expect(throws: SignatureError.invalidKey("cannot read private key file \(missing): no such file")) {
            try SNAPPrivateKey(contentsOf: missing)
        }
        #expect {
            try SNAPPrivateKey(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        } throws: { error in
            guard let error = error as? SignatureError, error.code == .invalidKey else { return false }
            return error.description.hasPrefix("invalid key: PEM is not a readable RSA private key")
        }
        let small = try String(contentsOf: Repository.url("Tests/PrakerjaSigningTests/Fixtures/rsa-1024-private.pem"), encoding: .utf8)
        #expect(throws: SignatureError.invalidKey("RSA key is 1024 bits; at least 2048 are required")) { try SNAPPrivateKey(pem: small) }
        let ec = try String(contentsOf: Repository.url("Tests/PrakerjaSigningTests/Fixtures/ec-private.pem"), encoding: .utf8)
        #expect(throws: SignatureError.invalidKey("PEM holds a private key that is not RSA, or is encrypted")) { try SNAPPrivateKey(pem: ec) }
    }
}

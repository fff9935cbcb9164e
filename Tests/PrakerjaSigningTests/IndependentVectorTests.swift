import Foundation
import PrakerjaSigning
import PrakerjaTestSupport
import Testing

/// Every scheme reproduces, byte for byte, the values an independent Python implementation computed.
@Suite struct IndependentVectorTests {
    static let vectors = SignatureVectors.all

    @Test(arguments: vectors.prakerja)
    func programSignatureMatchesPython(_ vector: SignatureVectors.Program) {
        let signer = ProgramSignature(clientCode: vector.clientCode, signKey: vector.signKey)
        let signature = signer.signature(timestamp: vector.timestamp, method: vector.method, path: vector.path, body: Data(vector.body.utf8))
        #expect(signature == vector.signature)
    }

    @Test(arguments: vectors.snapSymmetric)
    func snapSymmetricMatchesPython(_ vector: SignatureVectors.SNAPSymmetric) throws {
        let body = Data(vector.body.utf8)
        if !body.isEmpty {
            #expect(try JSONMinifier.minify(body) == Array(vector.minifiedBody.utf8))
        }
        #expect(try SNAPSymmetricSignature.bodyDigest(body) == vector.bodySHA256)
        #expect(
            try SNAPSymmetricSignature.stringToSign(
                method: vector.method, path: vector.path, accessToken: vector.accessToken, body: body, timestamp: vector.timestamp)
                == vector.stringToSign)
        let signature = try SNAPSymmetricSignature(clientSecret: vector.clientSecret)
            .signature(method: vector.method, path: vector.path, accessToken: vector.accessToken, body: body, timestamp: vector.timestamp)
        #expect(signature == vector.signature)
    }

    @Test(arguments: vectors.snapAsymmetricToken)
    func snapTokenSignatureMatchesPython(_ vector: SignatureVectors.SNAPToken) throws {
        let key = try SNAPPrivateKey(contentsOf: SignatureVectors.keyPath(vector.privateKey))
        #expect(SNAPAsymmetricSignature.tokenStringToSign(clientID: vector.clientID, timestamp: vector.timestamp) == vector.stringToSign)
        // PKCS#1 v1.5 is deterministic: the same key and message give the same signature.
        #expect(
            try SNAPAsymmetricSignature.tokenSignature(privateKey: key, clientID: vector.clientID, timestamp: vector.timestamp)
                == vector.signature)
    }

    @Test(arguments: vectors.snapAsymmetricNotification)
    func snapNotificationSignatureMatchesPython(_ vector: SignatureVectors.SNAPNotification) throws {
        let key = try SNAPPrivateKey(contentsOf: SignatureVectors.keyPath(vector.privateKey))
        let body = Data(vector.body.utf8)
        #expect(
            try SNAPAsymmetricSignature.notificationStringToSign(
                method: vector.method, path: vector.path, body: body, timestamp: vector.timestamp) == vector.stringToSign)
        #expect(
            try SNAPAsymmetricSignature.notificationSignature(
                privateKey: key, method: vector.method, path: vector.path, body: body, timestamp: vector.timestamp) == vector.signature)
    }

    @Test func pythonSignaturesVerifyWithThePublicKey() throws {
        let token = try #require(Self.vectors.snapAsymmetricToken.first)
        let publicKey = try SNAPPublicKey(contentsOf: SignatureVectors.keyPath(token.publicKey))
        let policy = VerificationPolicy(clock: .fixed(try SNAPTimestamp.parse(token.timestamp)))
        let client = try SNAPAsymmetricSignature.verifyToken(
            clientID: token.clientID, timestamp: token.timestamp, signature: token.signature, policy: policy
        ) { _ in publicKey }
        #expect(client == token.clientID)
    }
}

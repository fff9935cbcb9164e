import Crypto
import CryptoExtras
import Foundation

/// SNAP BI's asymmetric signatures: SHA256withRSA (PKCS#1 v1.5), base64.
///
/// - B2B access token: over `client_id + "|" + X-TIMESTAMP`, with `X-CLIENT-KEY` = client_id.
/// - Notification (a partner calling back the program): over `METHOD + ":" + path + ":" +
///   lowercase hex(SHA-256(minified body)) + ":" + X-TIMESTAMP`.
///
/// See `Specs/signatures.md`.
public enum SNAPAsymmetricSignature {
    public static let clientKeyHeader = "X-CLIENT-KEY"

    /// `client_id|timestamp`.
    public static func tokenStringToSign(clientID: String, timestamp: String) -> String { "\(clientID)|\(timestamp)" }

    /// `METHOD:path:hex(sha256(minified body)):timestamp`.
    public static func notificationStringToSign(
        method: String, path: String, body: some ContiguousBytes,
        timestamp: String
    ) throws(SignatureError) -> String {
        "\(method.uppercased()):\(path):\(try SNAPSymmetricSignature.bodyDigest(body)):\(timestamp)"
    }

    /// The base64 signature for a B2B access-token request.
    public static func tokenSignature(privateKey: SNAPPrivateKey, clientID: String, timestamp: String) throws(SignatureError) -> String {
        try sign(tokenStringToSign(clientID: clientID, timestamp: timestamp), with: privateKey)
    }

    /// The base64 signature for a notification.
    public static func notificationSignature(
        privateKey: SNAPPrivateKey, method: String, path: String,
        body: some ContiguousBytes, timestamp: String
    ) throws(SignatureError) -> String {
        try sign(notificationStringToSign(method: method, path: path, body: body, timestamp: timestamp), with: privateKey)
    }

    /// Headers for the access-token request (the body is `{"grantType":"client_credentials"}`).
    public static func tokenHeaders(privateKey: SNAPPrivateKey, clientID: String, timestamp: String) throws(SignatureError) -> SignedHeaders {
        let signature = try tokenSignature(privateKey: privateKey, clientID: clientID, timestamp: timestamp)
        return SignedHeaders(
            signature: signature,
            fields: [
                ("Content-Type", "application/json"),
                (SNAPSymmetricSignature.timestampHeader, timestamp),
                (clientKeyHeader, clientID),
                (SNAPSymmetricSignature.signatureHeader, signature),
            ])
    }

    /// Headers for a notification.
    public static func notificationHeaders(
        privateKey: SNAPPrivateKey, method: String, path: String,
        body: some ContiguousBytes, timestamp: String
    ) throws(SignatureError) -> SignedHeaders {
        let signature = try notificationSignature(privateKey: privateKey, method: method, path: path, body: body, timestamp: timestamp)
        return SignedHeaders(
            signature: signature,
            fields: [
                ("Content-Type", "application/json"),
                (SNAPSymmetricSignature.timestampHeader, timestamp),
                (SNAPSymmetricSignature.signatureHeader, signature),
            ])
    }

    /// Checks an access-token request: headers present, the client known, the timestamp inside the
    /// window, the signature valid for the client's public key, then the replay guard. Returns the client ID.
    public static func verifyToken(
        clientID: String?, timestamp: String?, signature: String?,
        policy: VerificationPolicy, publicKey: (String) -> SNAPPublicKey?
    ) throws(SignatureError) -> String {
        guard let clientID, !clientID.isEmpty else { throw .missingHeader(clientKeyHeader) }
        let (timestamp, signature) = try requireHeaders(timestamp, signature)
        guard let key = publicKey(clientID) else { throw .unknownClient(clientID) }
        let (signedAt, received) = try decode(timestamp: timestamp, signature: signature, policy: policy)
        try check(received, over: tokenStringToSign(clientID: clientID, timestamp: timestamp), with: key)
        try policy.admitSignedRequest(signature: signature, signedAt: signedAt)
        return clientID
    }

    /// Checks a notification from a partner whose public key is `publicKey`.
    public static func verifyNotification(
        timestamp: String?, signature: String?, method: String, path: String,
        body: some ContiguousBytes, policy: VerificationPolicy,
        publicKey: SNAPPublicKey
    ) throws(SignatureError) {
        let (timestamp, signature) = try requireHeaders(timestamp, signature)
        let (signedAt, received) = try decode(timestamp: timestamp, signature: signature, policy: policy)
        let message = try notificationStringToSign(method: method, path: path, body: body, timestamp: timestamp)
        try check(received, over: message, with: publicKey)
        try policy.admitSignedRequest(signature: signature, signedAt: signedAt)
    }

    private static func requireHeaders(_ timestamp: String?, _ signature: String?) throws(SignatureError) -> (String, String) {
        guard let timestamp, !timestamp.isEmpty else { throw .missingHeader(SNAPSymmetricSignature.timestampHeader) }
        guard let signature, !signature.isEmpty else { throw .missingHeader(SNAPSymmetricSignature.signatureHeader) }
        return (timestamp, signature)
    }

    /// The signing time, checked against the window, and the signature's bytes.
    private static func decode(timestamp: String, signature: String, policy: VerificationPolicy) throws(SignatureError) -> (Date, Data) {
        let signedAt = try SNAPTimestamp.parse(timestamp)
        try policy.window.check(signedAt, now: policy.clock.now())
        guard let received = Data(base64Encoded: signature), !received.isEmpty else {
            throw .malformedSignature("expected base64 of an RSA signature")
        }
        return (signedAt, received)
    }

    private static func sign(_ message: String, with key: SNAPPrivateKey) throws(SignatureError) -> String {
        do {
            let signature = try key.key.signature(for: SHA256.hash(data: Data(message.utf8)), padding: .insecurePKCS1v1_5)
            return signature.rawRepresentation.base64EncodedString()
        } catch {
            throw .invalidKey("RSA signing failed (\(error))")
        }
    }

    private static func check(_ signature: Data, over message: String, with key: SNAPPublicKey) throws(SignatureError) {
        let valid = key.key.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: Data(message.utf8)),
            padding: .insecurePKCS1v1_5)
        guard valid else { throw .mismatch }
    }
}

import Crypto
import Foundation

/// SNAP BI's symmetric signature for transaction calls.
///
/// `X-SIGNATURE` = base64(HMAC-SHA512(client secret, METHOD + ":" + path + ":" + access token +
/// ":" + lowercase hex(SHA-256(minified body)) + ":" + X-TIMESTAMP)). An empty body hashes as
/// empty; any other body must be JSON. See `Specs/signatures.md`.
public struct SNAPSymmetricSignature: Sendable {
    /// Header names the scheme uses.
    public static let timestampHeader = "X-TIMESTAMP"
    public static let signatureHeader = "X-SIGNATURE"
    public static let partnerIDHeader = "X-PARTNER-ID"
    public static let externalIDHeader = "X-EXTERNAL-ID"
    public static let channelIDHeader = "CHANNEL-ID"

    /// The HMAC states after absorbing the client secret, computed once and copied per signature.
    private let keyed: KeyedMAC<SHA512>

    public init(clientSecret: String) {
        self.keyed = KeyedMAC(key: Array(clientSecret.utf8))
    }

    /// The base64 signature of one request.
    @inlinable
    public func signature(
        method: String, path: String, accessToken: String, body: some ContiguousBytes,
        timestamp: String
    ) throws(SignatureError) -> String {
        // Inlined into the caller, so the body's bytes are reached without generic dispatch (a
        // generic call across modules instantiated `Result` metadata for every signature).
        try body.withUnsafeBytes { signature(method: method, path: path, accessToken: accessToken, bytes: $0, timestamp: timestamp) }.get()
    }

    @usableFromInline
    func signature(
        method: String, path: String, accessToken: String, bytes: UnsafeRawBufferPointer, timestamp: String
    ) -> Result<
        String, SignatureError
    > {
        Result { () throws(SignatureError) in
            Base64.encode(try authenticationCode(method: method, path: path, accessToken: accessToken, body: bytes, timestamp: timestamp))
        }
    }

    func authenticationCode(
        method: String, path: String, accessToken: String, body: UnsafeRawBufferPointer,
        timestamp: String
    ) throws(SignatureError) -> SHA512Digest {
        let digest = try Self.sha256OfMinified(body)
        let capacity = method.utf8.count + path.utf8.count + accessToken.utf8.count + 2 * SHA256.byteCount + timestamp.utf8.count + 4
        return CanonicalWriter.withWriter(capacity: capacity) { message in
            message.appendMethod(method)
            message.append(":")
            message.append(path)
            message.append(":")
            message.append(accessToken)
            message.append(":")
            message.appendHex(of: digest)
            message.append(":")
            message.append(timestamp)
            return keyed.authenticationCode(message.bytes)
        }
    }

    /// The string SNAP signs, for documentation and debugging.
    public static func stringToSign(
        method: String, path: String, accessToken: String, body: some ContiguousBytes,
        timestamp: String
    ) throws(SignatureError) -> String {
        "\(method.uppercased()):\(path):\(accessToken):\(try bodyDigest(body)):\(timestamp)"
    }

    /// Lowercase hex SHA-256 of the minified body (of nothing, for an empty body).
    public static func bodyDigest(_ body: some ContiguousBytes) throws(SignatureError) -> String {
        Hex.encode(try sha256OfMinified(body))
    }

    /// SHA-256 of the minified body, hashed run by run as the minifier finds them.
    static func sha256OfMinified(_ body: some ContiguousBytes) throws(SignatureError) -> SHA256.Digest {
        var hasher = SHA256()
        let failure: JSONSyntaxError? = body.withUnsafeBytes { bytes in
            guard !bytes.isEmpty else { return nil }
            do throws(JSONSyntaxError) {
                try JSONMinifier.scan(bytes) { hasher.update(bufferPointer: $0) }
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw .bodyNotJSON(failure) }
        return hasher.finalize()
    }

    /// The headers of a transaction call signed at `timestamp`; `partnerID`, `externalID` and
    /// `channelID` are included when given.
    public func headers(
        method: String, path: String, accessToken: String, body: some ContiguousBytes, timestamp: String,
        partnerID: String? = nil, externalID: String? = nil, channelID: String? = nil
    ) throws(SignatureError) -> SignedHeaders {
        let signature = try signature(method: method, path: path, accessToken: accessToken, body: body, timestamp: timestamp)
        var fields: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer \(accessToken)"),
            (Self.timestampHeader, timestamp),
            (Self.signatureHeader, signature),
        ]
        if let partnerID { fields.append((Self.partnerIDHeader, partnerID)) }
        if let externalID { fields.append((Self.externalIDHeader, externalID)) }
        if let channelID { fields.append((Self.channelIDHeader, channelID)) }
        return SignedHeaders(signature: signature, fields: fields)
    }

    /// Checks a received transaction call. In order: headers present, the partner known, the
    /// timestamp well formed and inside the window, the signature base64 and equal (constant
    /// time), then the replay guard: for the X-EXTERNAL-ID when given (SNAP's own replay key, unique
    /// per partner per day), else for the signature. The external ID is not signed, so the same body
    /// re-sent in the same second with a new ID is a new call; disbursements stay safe through
    /// `partnerReferenceNo` idempotency, which the payment contract requires.
    /// Returns the authenticated partner ID.
    public static func verify(
        partnerID: String?, accessToken: String?, timestamp: String?, signature: String?, externalID: String? = nil,
        method: String, path: String, body: some ContiguousBytes,
        policy: VerificationPolicy, clientSecret: (String) -> String?
    ) throws(SignatureError) -> String {
        try verify(
            partnerID: partnerID, accessToken: accessToken, timestamp: timestamp, signature: signature, externalID: externalID,
            method: method, path: path, body: body, policy: policy, signer: { clientSecret($0).map(SNAPSymmetricSignature.init) })
    }

    /// The same checks, with signers prepared once per partner (a server verifying many calls
    /// keeps one per partner, so the secret is not absorbed again for each call).
    @inlinable
    public static func verify(
        partnerID: String?, accessToken: String?, timestamp: String?, signature: String?, externalID: String? = nil,
        method: String, path: String, body: some ContiguousBytes,
        policy: VerificationPolicy, signer: (String) -> SNAPSymmetricSignature?
    ) throws(SignatureError) -> String {
        try body.withBytes { (bytes) throws(SignatureError) in
            try verify(
                partnerID: partnerID, accessToken: accessToken, timestamp: timestamp, signature: signature, externalID: externalID,
                method: method, path: path, bytes: bytes, policy: policy, signer: signer)
        }
    }

    @usableFromInline
    static func verify(
        partnerID: String?, accessToken: String?, timestamp: String?, signature: String?, externalID: String?,
        method: String, path: String, bytes body: UnsafeRawBufferPointer,
        policy: VerificationPolicy, signer: (String) -> SNAPSymmetricSignature?
    ) throws(SignatureError) -> String {
        guard let partnerID, !partnerID.isEmpty else { throw .missingHeader(partnerIDHeader) }
        guard let accessToken, !accessToken.isEmpty else { throw .missingHeader("Authorization") }
        guard let timestamp, !timestamp.isEmpty else { throw .missingHeader(timestampHeader) }
        guard let signature, !signature.isEmpty else { throw .missingHeader(signatureHeader) }
        guard let signer = signer(partnerID) else { throw .unknownClient(partnerID) }
        let signedAt = try SNAPTimestamp.parse(timestamp)
        try policy.window.check(signedAt, now: policy.clock.now())
        let expected = try signer.authenticationCode(method: method, path: path, accessToken: accessToken, body: body, timestamp: timestamp)
        // Compared as base64 text, in constant time: one spelling per MAC (padded, no line breaks).
        var text = signature
        let matches = text.withUTF8 { received in expected.withUnsafeBytes { Base64.withEncoded($0) { ConstantTime.equals($0, received) } } }
        guard matches else {
            guard Base64.isCanonical(signature, decodedCount: SHA512.byteCount) else {
                throw .malformedSignature("expected base64 of a 64-byte HMAC-SHA512")
            }
            throw .mismatch
        }
        if let externalID, let replayGuard = policy.replayGuard {
            try replayGuard.admitExternalID(externalID, partnerID: partnerID, timestamp: signedAt, now: policy.clock.now())
        } else {
            try policy.admitSignedRequest(signature: signature, signedAt: signedAt)
        }
        return partnerID
    }

    /// The token in an `Authorization: Bearer <token>` header, or nil.
    public static func bearerToken(from authorization: String?) -> String? {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else { return nil }
        return String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }
}

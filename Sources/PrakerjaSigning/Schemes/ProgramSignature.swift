import Crypto
import Foundation

/// The Kartu Prakerja program's own request signature (the integration API LPs and DPs call).
///
/// `signature` = lowercase hex of HMAC-SHA1(key: sign_key, message: client_code + timestamp +
/// METHOD + path + body), concatenated with no separators, over the body exactly as sent. The
/// timestamp is Unix seconds and is sent in the `timestamp` header, so the verifier signs the
/// same string it received. See `Specs/signatures.md`.
public struct ProgramSignature: Sendable {
    /// Header names the scheme uses.
    public static let clientCodeHeader = "client_code"
    public static let timestampHeader = "timestamp"
    public static let signatureHeader = "signature"

    public let clientCode: String
    /// The HMAC states after absorbing the key, computed once and copied for every signature.
    private let keyed: KeyedMAC<Insecure.SHA1>

    /// A signer for one client, holding its `sign_key`.
    public init(clientCode: String, signKey: String) {
        self.clientCode = clientCode
        self.keyed = KeyedMAC(key: Array(signKey.utf8))
    }

    /// The signature of one request, as lowercase hex.
    @inlinable
    public func signature(timestamp: String, method: String, path: String, body: some ContiguousBytes) -> String {
        // Inlined into the caller, so the body's bytes are reached without generic dispatch.
        body.withUnsafeBytes { signature(timestamp: timestamp, method: method, path: path, bytes: $0) }
    }

    @usableFromInline
    func signature(timestamp: String, method: String, path: String, bytes: UnsafeRawBufferPointer) -> String {
        Hex.encode(authenticationCode(timestamp: timestamp, method: method, path: path, body: bytes))
    }

    /// Bodies up to this size are copied behind the canonical prefix and hashed in one update.
    static let bodyCopiedUpTo = 4096

    func authenticationCode(timestamp: String, method: String, path: String, body: UnsafeRawBufferPointer) -> Insecure.SHA1Digest {
        let prefix = clientCode.utf8.count + timestamp.utf8.count + method.utf8.count + path.utf8.count
        let copied = body.count <= Self.bodyCopiedUpTo
        return CanonicalWriter.withWriter(capacity: prefix + (copied ? body.count : 0)) { message in
            message.append(clientCode)
            message.append(timestamp)
            message.appendMethod(method)
            message.append(path)
            guard copied else { return keyed.authenticationCode(message.bytes, body) }
            message.append(body)
            return keyed.authenticationCode(message.bytes)
        }
    }

    /// The headers to send with a request signed now (by `clock`).
    public func headers(method: String, path: String, body: some ContiguousBytes, clock: SigningClock = .system) -> SignedHeaders {
        headers(timestamp: String(Int64(clock.now().timeIntervalSince1970.rounded(.down))), method: method, path: path, body: body)
    }

    /// The headers to send with a request signed at `timestamp` (Unix seconds).
    public func headers(timestamp: String, method: String, path: String, body: some ContiguousBytes) -> SignedHeaders {
        let signature = signature(timestamp: timestamp, method: method, path: path, body: body)
        return SignedHeaders(
            signature: signature,
            fields: [
                ("Content-Type", "application/json"),
                (Self.clientCodeHeader, clientCode),
                (Self.timestampHeader, timestamp),
                (Self.signatureHeader, signature),
            ])
    }

    /// Checks a received request's signature headers against its method, path and body bytes.
    ///
    /// Checks run in this order, and the first failure is thrown: every header present, the client
    /// known, the timestamp well formed and inside the window, the signature lowercase hex and
    /// equal (in constant time), then the replay guard. Returns the authenticated client code.
    public static func verify(
        clientCode: String?, timestamp: String?, signature: String?,
        method: String, path: String, body: some ContiguousBytes,
        policy: VerificationPolicy, signKey: (String) -> String?
    ) throws(SignatureError) -> String {
        try verify(
            clientCode: clientCode, timestamp: timestamp, signature: signature, method: method, path: path, body: body,
            policy: policy, signer: { code in signKey(code).map { ProgramSignature(clientCode: code, signKey: $0) } })
    }

    /// The same checks, with signers prepared once per client (a server verifying many requests
    /// keeps one `ProgramSignature` per client, so the key is not absorbed again for each request).
    @inlinable
    public static func verify(
        clientCode: String?, timestamp: String?, signature: String?,
        method: String, path: String, body: some ContiguousBytes,
        policy: VerificationPolicy, signer: (String) -> ProgramSignature?
    ) throws(SignatureError) -> String {
        try body.withBytes { (bytes) throws(SignatureError) in
            try verify(
                clientCode: clientCode, timestamp: timestamp, signature: signature, method: method, path: path, bytes: bytes,
                policy: policy, signer: signer)
        }
    }

    @usableFromInline
    static func verify(
        clientCode: String?, timestamp: String?, signature: String?,
        method: String, path: String, bytes body: UnsafeRawBufferPointer,
        policy: VerificationPolicy, signer: (String) -> ProgramSignature?
    ) throws(SignatureError) -> String {
        guard let clientCode, !clientCode.isEmpty else { throw .missingHeader(clientCodeHeader) }
        guard let timestamp, !timestamp.isEmpty else { throw .missingHeader(timestampHeader) }
        guard let signature, !signature.isEmpty else { throw .missingHeader(signatureHeader) }
        guard let signer = signer(clientCode) else { throw .unknownClient(clientCode) }
        let signedAt = try parseUnixTimestamp(timestamp)
        try policy.window.check(signedAt, now: policy.clock.now())
        // Compared as hex text, in constant time, without decoding or allocating; nil: not hex.
        var text = signature
        let matches: Bool? = text.withUTF8 { received in
            guard received.count == 2 * Insecure.SHA1.byteCount, received.allSatisfy(Hex.isLowercaseDigit) else { return nil }
            let expected = signer.authenticationCode(timestamp: timestamp, method: method, path: path, body: body)
            return Hex.withEncoded(expected) { ConstantTime.equals($0, received) }
        }
        guard let matches else { throw .malformedSignature("expected 40 lowercase hex digits (HMAC-SHA1)") }
        guard matches else { throw .mismatch }
        try policy.admitSignedRequest(signature: signature, signedAt: signedAt)
        return clientCode
    }

    /// What a lenient verification accepted: who signed, and what it tolerated to accept it.
    public struct LenientVerification: Sendable {
        public let clientCode: String
        /// Empty when the request met the scheme's letter.
        public let tolerated: [SignatureTolerance]
    }

    /// The program's own verification, which is more lenient than the scheme's letter: a
    /// signature over the compact serialisation of a JSON body is accepted when the bytes sent
    /// differ from it in whitespace only (the program's official Python example signs the compact
    /// text and sends `json.dumps`), and a timestamp ahead of the clock inside the window is
    /// accepted and noted. Every other check is `verify`'s, in its order.
    public static func verifyLeniently(
        clientCode: String?, timestamp: String?, signature: String?,
        method: String, path: String, body: some ContiguousBytes,
        policy: VerificationPolicy, signer: (String) -> ProgramSignature?
    ) throws(SignatureError) -> LenientVerification {
        var tolerated: [SignatureTolerance] = []
        let verified: String
        // The replay guard last, on its own: a repeat within a second is tolerated, a replay is not.
        var unguarded = policy
        unguarded.replayGuard = nil
        do {
            verified = try verify(
                clientCode: clientCode, timestamp: timestamp, signature: signature, method: method, path: path, body: body,
                policy: unguarded, signer: signer)
        } catch {
            guard error.code == .mismatch, let compact = try? JSONMinifier.minify(body),
                !body.withUnsafeBytes({ compact.elementsEqual($0) })
            else { throw error }
            verified = try verify(
                clientCode: clientCode, timestamp: timestamp, signature: signature, method: method, path: path, body: compact,
                policy: unguarded, signer: signer)
            tolerated.append(.bodySignedCompact)
        }
        // verify checked both: the signature is there and the timestamp parses.
        let signedAt = try parseUnixTimestamp(timestamp ?? "")
        if let replayGuard = policy.replayGuard, let signature {
            let now = policy.clock.now()
            let new = try replayGuard.admit(signature, until: policy.window.acceptedUntil(signedAt), now: now, repeatsWithin: repeatInterval)
            if !new { tolerated.append(.repeatedWithinASecond) }
        }
        let ahead = signedAt.timeIntervalSince(policy.clock.now())
        if ahead > 0 { tolerated.append(.timestampAhead(seconds: Int(ahead.rounded(.up)))) }
        return LenientVerification(clientCode: verified, tolerated: tolerated)
    }

    /// How long after a signed request arrived the lenient verifier takes the same one again as
    /// a repeat (the client asked twice within a second), not a replay: two seconds, a whole
    /// second of the client's clock and the time between its two sends.
    public static let repeatInterval: TimeInterval = 2

    /// Parses the `timestamp` header: Unix seconds, digits only.
    public static func parseUnixTimestamp(_ text: String) throws(SignatureError) -> Date {
        guard (1...12).contains(text.utf8.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let seconds = Int64(text)
        else { throw .malformedTimestamp(header: timestampHeader, reason: "expected Unix time in seconds, digits only (like 1698289216)") }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// The result of signing a request: the signature alone, and every header to send with it.
public struct SignedHeaders: Sendable {
    public let signature: String
    /// Name and value, in the order to send them.
    public let fields: [(name: String, value: String)]
}

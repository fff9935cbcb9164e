/// Something a lenient verifier accepted that the scheme's letter does not: the request goes
/// through, and the signer is told what it did and how to fix it.
///
/// The program's own verifier is lenient in these ways (its official example clients depend on
/// it), so the sandbox accepts the same requests and says so; a partner's verifier of the
/// program's calls stays strict.
public struct SignatureTolerance: Hashable, Sendable, CustomStringConvertible {
    /// A stable name, like `body-signed-compact`.
    public let code: String
    /// What the request did.
    public let detail: String
    /// What to change so nothing needs tolerating.
    public let fix: String

    public init(code: String, detail: String, fix: String) {
        self.code = code
        self.detail = detail
        self.fix = fix
    }

    /// The signature matches the compact serialisation of the JSON body, not the bytes sent
    /// (a client that signs one text and sends another, like `json.dumps` after signing the compact form).
    public static let bodySignedCompact = SignatureTolerance(
        code: "body-signed-compact",
        detail: "the signature matches the compact form of the JSON body, not the bytes sent (they differ in whitespace)",
        fix: "sign the exact bytes you send: serialise the body once, then sign and send that text")

    /// The same signed request again within a second or two of the first: a client that asked the
    /// same thing twice in one second of its clock (its timestamps are whole seconds), not a replay
    /// of a captured request, which comes later and is refused.
    public static let repeatedWithinASecond = SignatureTolerance(
        code: "repeated-within-a-second",
        detail:
            "the same signed request (same timestamp, path and body) arrived again within \(Int(ProgramSignature.repeatInterval)) s of the first; the program may refuse it as a replay",
        fix: "do not send the same request twice in one second: wait for the next second (a new timestamp) before asking again")

    /// The timestamp is ahead of the verifier's clock, though inside the window (a client that
    /// rounds the time to the nearest second, like `Math.round(Date.now() / 1000)`).
    public static func timestampAhead(seconds: Int) -> SignatureTolerance {
        SignatureTolerance(
            code: "timestamp-ahead",
            detail: "the timestamp is \(seconds) s ahead of the program's clock",
            fix: "send Unix seconds rounded down (Math.floor(Date.now() / 1000), int(time.time())), from a clock kept in sync")
    }

    public var description: String { "\(code): \(detail)" }
}

/// Why a request could not be signed or was refused by a verifier.
///
/// Each case says what was wrong and where, so a partner can fix it from the message alone.
/// Verifiers never say which byte of a signature differed.
public enum SignatureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A required header was absent or empty.
    case missingHeader(String)
    /// No key is registered for this client code or partner ID.
    case unknownClient(String)
    /// The timestamp header is not in the scheme's format.
    case malformedTimestamp(header: String, reason: String)
    /// The timestamp is too far from the verifier's clock.
    case timestampOutsideWindow(skewSeconds: Int, toleranceSeconds: Int)
    /// The signature header is not in the scheme's encoding.
    case malformedSignature(String)
    /// The signature is well formed but does not match the request.
    case mismatch
    /// This exact signed request was already accepted inside the window.
    case replayed
    /// This partner already used this X-EXTERNAL-ID today.
    case duplicateExternalID(String)
    /// The replay guard is full of live entries; the request is refused rather than let through unchecked.
    case replayGuardFull(capacity: Int)
    /// The body must be JSON for this scheme (it is minified before hashing) and is not.
    case bodyNotJSON(JSONSyntaxError)
    /// A key could not be used: unreadable, not a key, the wrong kind, or too short.
    case invalidKey(String)

    public var description: String {
        switch self {
        case .missingHeader(let name): "missing header \(name)"
        case .unknownClient(let id): "unknown client \"\(id.prefix(64))\": no key is registered for it"
        case .malformedTimestamp(let header, let reason): "header \(header) is malformed: \(reason)"
        case .timestampOutsideWindow(let skew, let tolerance):
            "timestamp is \(abs(skew)) s \(skew < 0 ? "behind" : "ahead of") the verifier's clock; at most \(tolerance) s is accepted"
        case .malformedSignature(let reason): "signature is malformed: \(reason)"
        case .mismatch: "signature does not match the request (check the key, the exact body bytes, the path and the timestamp)"
        case .replayed: "this signed request was already accepted inside the timestamp window (replay)"
        case .duplicateExternalID(let id): "X-EXTERNAL-ID \"\(id.prefix(64))\" was already used by this partner today"
        case .replayGuardFull(let capacity): "replay guard is full (\(capacity) live entries); request refused"
        case .bodyNotJSON(let error): "body is not JSON: \(error)"
        case .invalidKey(let reason): "invalid key: \(reason)"
        }
    }
}

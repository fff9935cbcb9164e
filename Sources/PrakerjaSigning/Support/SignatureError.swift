/// Why a request could not be signed or was refused by a verifier.
///
/// Each error says what was wrong and where, so a partner can fix it from the message alone.
/// Verifiers never say which byte of a signature differed. A verifier maps `code` to its
/// contract's error code; codes may be added in later versions, so compare rather than switch
/// over every one.
public struct SignatureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is, without its details.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        private init(_ name: String) { description = name }

        public static let missingHeader = Code("missingHeader")
        public static let unknownClient = Code("unknownClient")
        public static let malformedTimestamp = Code("malformedTimestamp")
        public static let timestampOutsideWindow = Code("timestampOutsideWindow")
        public static let malformedSignature = Code("malformedSignature")
        public static let mismatch = Code("mismatch")
        public static let replayed = Code("replayed")
        public static let duplicateExternalID = Code("duplicateExternalID")
        public static let replayGuardFull = Code("replayGuardFull")
        public static let bodyNotJSON = Code("bodyNotJSON")
        public static let invalidKey = Code("invalidKey")
    }

    private enum Reason: Hashable, Sendable {
        case missingHeader(String)
        case unknownClient(String)
        case malformedTimestamp(header: String, reason: String)
        case timestampOutsideWindow(skewSeconds: Int, toleranceSeconds: Int)
        case malformedSignature(String)
        case mismatch
        case replayed
        case duplicateExternalID(String)
        case replayGuardFull(capacity: Int)
        case bodyNotJSON(JSONSyntaxError)
        case invalidKey(String)
    }

    private let reason: Reason
    private init(_ reason: Reason) { self.reason = reason }

    /// A required header was absent or empty.
    public static func missingHeader(_ name: String) -> SignatureError { SignatureError(.missingHeader(name)) }
    /// No key is registered for this client code or partner ID.
    public static func unknownClient(_ id: String) -> SignatureError { SignatureError(.unknownClient(id)) }
    /// The timestamp header is not in the scheme's format.
    public static func malformedTimestamp(header: String, reason: String) -> SignatureError {
        SignatureError(.malformedTimestamp(header: header, reason: reason))
    }
    /// The timestamp is too far from the verifier's clock.
    public static func timestampOutsideWindow(skewSeconds: Int, toleranceSeconds: Int) -> SignatureError {
        SignatureError(.timestampOutsideWindow(skewSeconds: skewSeconds, toleranceSeconds: toleranceSeconds))
    }
    /// The signature header is not in the scheme's encoding.
    public static func malformedSignature(_ reason: String) -> SignatureError { SignatureError(.malformedSignature(reason)) }
    /// The signature is well formed but does not match the request.
    public static let mismatch = SignatureError(.mismatch)
    /// This exact signed request was already received inside the window.
    public static let replayed = SignatureError(.replayed)
    /// This partner already used this X-EXTERNAL-ID today.
    public static func duplicateExternalID(_ id: String) -> SignatureError { SignatureError(.duplicateExternalID(id)) }
    /// The replay guard is full of live entries; the request is refused rather than let through unchecked.
    public static func replayGuardFull(capacity: Int) -> SignatureError { SignatureError(.replayGuardFull(capacity: capacity)) }
    /// The body must be JSON for this scheme (it is minified before hashing) and is not.
    public static func bodyNotJSON(_ error: JSONSyntaxError) -> SignatureError { SignatureError(.bodyNotJSON(error)) }
    /// A key could not be used: unreadable, not a key, the wrong kind, or too short.
    public static func invalidKey(_ reason: String) -> SignatureError { SignatureError(.invalidKey(reason)) }

    public var code: Code {
        switch reason {
        case .missingHeader: .missingHeader
        case .unknownClient: .unknownClient
        case .malformedTimestamp: .malformedTimestamp
        case .timestampOutsideWindow: .timestampOutsideWindow
        case .malformedSignature: .malformedSignature
        case .mismatch: .mismatch
        case .replayed: .replayed
        case .duplicateExternalID: .duplicateExternalID
        case .replayGuardFull: .replayGuardFull
        case .bodyNotJSON: .bodyNotJSON
        case .invalidKey: .invalidKey
        }
    }

    /// Where a body that had to be JSON stopped being JSON.
    public var jsonSyntax: JSONSyntaxError? { if case .bodyNotJSON(let syntax) = reason { syntax } else { nil } }

    public var description: String {
        switch reason {
        case .missingHeader(let name): "missing header \(name)"
        case .unknownClient(let id): "unknown client \"\(id.prefix(64))\": no key is registered for it"
        case .malformedTimestamp(let header, let reason): "header \(header) is malformed: \(reason)"
        case .timestampOutsideWindow(let skew, let tolerance):
            "timestamp is \(abs(skew)) s \(skew < 0 ? "behind" : "ahead of") the verifier's clock; at most \(tolerance) s is accepted"
        case .malformedSignature(let reason): "signature is malformed: \(reason)"
        case .mismatch: "signature does not match the request (check the key, the exact body bytes, the path and the timestamp)"
        case .replayed: "this signed request was already received inside the timestamp window (replay)"
        case .duplicateExternalID(let id): "X-EXTERNAL-ID \"\(id.prefix(64))\" was already used by this partner today"
        case .replayGuardFull(let capacity): "replay guard is full (\(capacity) live entries); request refused"
        case .bodyNotJSON(let error): "body is not JSON: \(error)"
        case .invalidKey(let reason): "invalid key: \(reason)"
        }
    }
}

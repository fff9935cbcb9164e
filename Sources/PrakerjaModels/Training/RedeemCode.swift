/// The code a participant receives at purchase and gives the training institution to start.
///
/// Production codes are 6 to 32 uppercase letters and digits (`GHOPNYXUVMT0`). The sandbox's
/// test codes start with `PRAT-` and may contain dashes (`PRAT-TC1-001-200`).
public struct RedeemCode: Hashable, Sendable, WireValue, CustomStringConvertible {
    public let value: String

    /// The prefix of sandbox test codes.
    public static let testPrefix = "PRAT-"

    public init(_ value: String) throws(FieldError) {
        let isTest = value.hasPrefix(Self.testPrefix)
        let body = value.utf8.dropFirst(isTest ? Self.testPrefix.utf8.count : 0)
        let allowed = { (byte: UInt8) in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (isTest && byte == UInt8(ascii: "-"))
        }
        guard (isTest ? 1...32 : 6...32).contains(body.count), body.allSatisfy(allowed) else {
            throw FieldError(
                field: "",
                reason: isTest
                    ? "a test code must be PRAT- followed by 1 to 32 uppercase letters, digits or dashes"
                    : "must be 6 to 32 uppercase letters and digits")
        }
        self.value = value
    }

    /// A sandbox test code (`PRAT-...`).
    public var isTestCode: Bool { value.hasPrefix(Self.testPrefix) }

    public var description: String { value }

    public init(wire: String) throws(FieldError) { self = try RedeemCode(wire) }

    public var wire: String { value }
}

/// What a redeem-code call refers to: a session's attendance (1-10) or the post-test (999).
public enum AttendanceSequence: Hashable, Sendable, WireValue, Comparable {
    case session(Int)
    case postTest

    /// The wire value of the post-test.
    public static let postTestValue = 999

    public init(_ value: Int) throws(FieldError) {
        if value == Self.postTestValue {
            self = .postTest
        } else if Session.sequences.contains(value) {
            self = .session(value)
        } else {
            throw FieldError(field: "", reason: "must be 1 to 10 (a session) or 999 (the post-test), got \(value)")
        }
    }

    public var rawValue: Int {
        switch self {
        case .session(let number): number
        case .postTest: Self.postTestValue
        }
    }

    public static func < (lhs: AttendanceSequence, rhs: AttendanceSequence) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(wire: Int) throws(FieldError) { try self.init(wire) }

    public var wire: Int { rawValue }
}

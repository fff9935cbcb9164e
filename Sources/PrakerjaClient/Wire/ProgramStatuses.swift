import PrakerjaModels

/// The program's integer course type (`course_type` in `redeem-code/status`). Values the SDK does
/// not know decode and are kept, so a new type never breaks a client.
public struct ProgramCourseType: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let selfPaced = ProgramCourseType(rawValue: 1)
    public static let webinar = ProgramCourseType(rawValue: 2)
    public static let offline = ProgramCourseType(rawValue: 3)
    public static let hybrid = ProgramCourseType(rawValue: 4)

    /// The type of a course taught by `method`.
    public init(_ method: LearningMethod) {
        switch method {
        case .selfPaced: self = .selfPaced
        case .webinar: self = .webinar
        case .offline: self = .offline
        case .hybrid: self = .hybrid
        }
    }

    /// The learning method, for a type the SDK knows.
    public var method: LearningMethod? { LearningMethod.allCases.first { Self($0) == self } }

    public var description: String { method?.rawValue ?? "course type \(rawValue)" }
}

/// A redeem code's status (`status`): active until the LP commits it after session 1.
/// Values the SDK does not know decode and are kept.
public struct RedeemCodeStatus: RawRepresentable, Codable, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Not yet redeemed.
    public static let active = RedeemCodeStatus(rawValue: 1)
    /// Redeemed (committed).
    public static let redeemed = RedeemCodeStatus(rawValue: 2)
}

/// Whether a participant's attendance for a sequence is verified (`attendance_status`).
/// Values the SDK does not know decode and are kept.
public struct AttendanceStatus: RawRepresentable, Codable, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let notVerified = AttendanceStatus(rawValue: 0)
    public static let verified = AttendanceStatus(rawValue: 1)
    public static let failed = AttendanceStatus(rawValue: 2)
}

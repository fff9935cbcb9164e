import PrakerjaModels

/// `redeem-code/status` request: a redeem code and the attendance sequence (1-10 or 999).
public struct RedeemStatusRequest: Codable, Sendable, Hashable {
    public let redeemCode: RedeemCode
    public let sequence: AttendanceSequence

    public init(redeemCode: RedeemCode, sequence: AttendanceSequence) {
        self.redeemCode = redeemCode
        self.sequence = sequence
    }

    enum CodingKeys: String, CodingKey {
        case redeemCode = "redeem_code"
        case sequence
    }
}

/// What the program knows about a redeem code for one sequence.
public struct RedeemStatus: Codable, Sendable, Hashable {
    public let redeemCode: String
    public let courseCode: String
    public let invoiceCode: String
    public let scheduleCode: String
    public let status: RedeemCodeStatus
    public let attendanceStatus: AttendanceStatus
    /// When the code was committed, `YYYY-MM-DD HH:MM:SS` in Jakarta time; nil before.
    public let redeemAt: String?
    /// The digital platform the training was bought on.
    public let dpPlatform: String
    /// `YYYY-MM-DD HH:MM:SS - YYYY-MM-DD HH:MM:SS`, the session's (or self-paced period's) start and end.
    public let scheduleStartEnd: String
    public let courseType: ProgramCourseType
    public let courseTypeLabel: String
    /// `self-paced`, `webinar`, `offline` or `hybrid`.
    public let courseLearningMethod: String
    /// Whether attendance is verified online through `oauth/url-generate`.
    public let isOnlineAttendance: Bool
    public let sequence: Int

    public var isRedeemed: Bool { status == .redeemed }
    public var isAttendanceVerified: Bool { attendanceStatus == .verified }

    public init(
        redeemCode: String, courseCode: String, invoiceCode: String, scheduleCode: String, status: RedeemCodeStatus,
        attendanceStatus: AttendanceStatus, redeemAt: String?, dpPlatform: String, scheduleStartEnd: String, courseType: ProgramCourseType,
        courseTypeLabel: String, courseLearningMethod: String, isOnlineAttendance: Bool, sequence: Int
    ) {
        self.redeemCode = redeemCode
        self.courseCode = courseCode
        self.invoiceCode = invoiceCode
        self.scheduleCode = scheduleCode
        self.status = status
        self.attendanceStatus = attendanceStatus
        self.redeemAt = redeemAt
        self.dpPlatform = dpPlatform
        self.scheduleStartEnd = scheduleStartEnd
        self.courseType = courseType
        self.courseTypeLabel = courseTypeLabel
        self.courseLearningMethod = courseLearningMethod
        self.isOnlineAttendance = isOnlineAttendance
        self.sequence = sequence
    }

    enum CodingKeys: String, CodingKey {
        case redeemCode = "redeem_code", courseCode = "course_code", invoiceCode = "invoice_code"
        case scheduleCode = "schedule_code", status, attendanceStatus = "attendance_status", redeemAt = "redeem_at"
        case dpPlatform = "dp_platform", scheduleStartEnd = "schedule_start_end", courseType = "course_type"
        case courseTypeLabel = "course_type_label", courseLearningMethod = "course_learning_method"
        case isOnlineAttendance = "is_online_attendance", sequence
    }

    /// `redeem_at` is required and nullable: written as `null` before the commit, never left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(redeemCode, forKey: .redeemCode)
        try c.encode(courseCode, forKey: .courseCode)
        try c.encode(invoiceCode, forKey: .invoiceCode)
        try c.encode(scheduleCode, forKey: .scheduleCode)
        try c.encode(status, forKey: .status)
        try c.encode(attendanceStatus, forKey: .attendanceStatus)
        try c.encode(redeemAt, forKey: .redeemAt)
        try c.encode(dpPlatform, forKey: .dpPlatform)
        try c.encode(scheduleStartEnd, forKey: .scheduleStartEnd)
        try c.encode(courseType, forKey: .courseType)
        try c.encode(courseTypeLabel, forKey: .courseTypeLabel)
        try c.encode(courseLearningMethod, forKey: .courseLearningMethod)
        try c.encode(isOnlineAttendance, forKey: .isOnlineAttendance)
        try c.encode(sequence, forKey: .sequence)
    }
}

/// `redeem-code/commit` and `redeem-code/reset` request: just the code.
public struct RedeemCodeRequest: Codable, Sendable, Hashable {
    public let redeemCode: RedeemCode

    public init(redeemCode: RedeemCode) { self.redeemCode = redeemCode }

    enum CodingKeys: String, CodingKey { case redeemCode = "redeem_code" }
}

/// The result of a commit or a test-code reset: the code's new status.
public struct RedeemCodeState: Codable, Sendable, Hashable {
    public let redeemCode: String
    public let status: RedeemCodeStatus
    public let redeemAt: String?

    public init(redeemCode: String, status: RedeemCodeStatus, redeemAt: String?) {
        self.redeemCode = redeemCode
        self.status = status
        self.redeemAt = redeemAt
    }

    enum CodingKeys: String, CodingKey { case redeemCode = "redeem_code", status, redeemAt = "redeem_at" }

    /// `redeem_at` is required and nullable.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(redeemCode, forKey: .redeemCode)
        try c.encode(status, forKey: .status)
        try c.encode(redeemAt, forKey: .redeemAt)
    }
}

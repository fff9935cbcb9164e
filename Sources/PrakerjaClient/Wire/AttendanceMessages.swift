import PrakerjaModels

/// `oauth/url-generate` request: where the participant returns after verifying attendance.
public struct AttendanceURLRequest: Codable, Sendable, Hashable {
    public let redeemCode: RedeemCode
    /// The LP's page the program redirects to, with `state`, after verification.
    public let redirectURI: String
    /// The participant's e-mail; one e-mail cannot serve two participants of the same course.
    public let email: String
    public let sequence: AttendanceSequence

    public init(redeemCode: RedeemCode, redirectURI: String, email: String, sequence: AttendanceSequence) {
        self.redeemCode = redeemCode
        self.redirectURI = redirectURI
        self.email = email
        self.sequence = sequence
    }

    enum CodingKeys: String, CodingKey { case redeemCode = "redeem_code", redirectURI = "redirect_uri", email, sequence }
}

/// The verification page to send the participant to, and the `state` that comes back on the redirect.
public struct AttendanceURL: Codable, Sendable, Hashable {
    public let url: String
    public let state: String
    public let course: CourseKind

    /// The course's type, as in `RedeemStatus`.
    public struct CourseKind: Codable, Sendable, Hashable {
        public let type: ProgramCourseType
        public let learningMethod: String

        public init(type: ProgramCourseType, learningMethod: String) {
            self.type = type
            self.learningMethod = learningMethod
        }

        enum CodingKeys: String, CodingKey { case type, learningMethod = "learning_method" }
    }

    public init(url: String, state: String, course: CourseKind) {
        self.url = url
        self.state = state
        self.course = course
    }
}

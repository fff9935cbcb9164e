import Foundation

/// A dated run of a course that participants buy: its sessions and how many seats it has.
public struct Schedule: Hashable, Sendable, Codable {
    public let code: String
    public let courseCode: String
    /// Seats still available for purchase.
    public let quota: Int
    /// Sessions in sequence order 1, 2, 3...; a self-paced course may have none.
    public let sessions: [Session]

    public init(code: String, courseCode: String, quota: Int, sessions: [Session]) throws(FieldError) {
        self.code = try Identifier.validated(code, field: "code")
        self.courseCode = try Identifier.validated(courseCode, field: "courseCode")
        guard quota >= 0 else { throw FieldError(field: "quota", reason: "must not be negative, got \(quota)") }
        for (index, session) in sessions.enumerated() {
            guard session.sequence == index + 1 else {
                throw FieldError(field: "sessions[\(index)].sequence", reason: "must be \(index + 1): sequences run 1, 2, 3... in order")
            }
            if index > 0, session.startsAt < sessions[index - 1].endsAt {
                throw FieldError(field: "sessions[\(index)].startsAt", reason: "must not be before the previous session ends")
            }
        }
        self.quota = quota
        self.sessions = sessions
    }

    /// The start of the first session, if the schedule has sessions.
    public var startsAt: Date? { sessions.first?.startsAt }

    /// The session with the given attendance sequence.
    public func session(_ sequence: Int) -> Session? {
        sessions.indices.contains(sequence - 1) ? sessions[sequence - 1] : nil
    }

    private enum CodingKeys: String, CodingKey { case code, courseCode, quota, sessions }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let code = try c.decode(String.self, forKey: .code), course = try c.decode(String.self, forKey: .courseCode)
        let quota = try c.decode(Int.self, forKey: .quota), sessions = try c.decode([Session].self, forKey: .sessions)
        self = try c.validate { () throws(FieldError) in try Schedule(code: code, courseCode: course, quota: quota, sessions: sessions) }
    }
}

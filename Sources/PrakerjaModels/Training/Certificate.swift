/// A certificate of completion, issued by the institution after the post-test.
///
/// In 2021, 76% of participants earned one with a post-test score above 60.
public struct Certificate: Hashable, Sendable, Codable {
    public let number: String
    public let courseCode: String
    public let participantName: String
    public let issuedOn: CalendarDate
    /// 0 to 100.
    public let postTestScore: Int
    public let status: Status

    public enum Status: String, Sendable, Codable, CaseIterable {
        case valid
        case revoked
    }

    public init(
        number: String, courseCode: String, participantName: String, issuedOn: CalendarDate,
        postTestScore: Int, status: Status
    ) throws(FieldError) {
        self.number = try Identifier.validated(number, field: "number")
        self.courseCode = try Identifier.validated(courseCode, field: "courseCode")
        self.participantName = try FieldError.within("participantName") { () throws(FieldError) in try PersonName.validated(participantName) }
        guard (0...100).contains(postTestScore) else {
            throw FieldError(field: "postTestScore", reason: "must be between 0 and 100, got \(postTestScore)")
        }
        self.issuedOn = issuedOn
        self.postTestScore = postTestScore
        self.status = status
    }

    private enum CodingKeys: String, CodingKey { case number, courseCode, participantName, issuedOn, postTestScore, status }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let number = try c.decode(String.self, forKey: .number), course = try c.decode(String.self, forKey: .courseCode)
        let name = try c.decode(String.self, forKey: .participantName), issued = try c.decode(CalendarDate.self, forKey: .issuedOn)
        let score = try c.decode(Int.self, forKey: .postTestScore), status = try c.decode(Status.self, forKey: .status)
        self = try c.validate { () throws(FieldError) in
            try Certificate(number: number, courseCode: course, participantName: name, issuedOn: issued, postTestScore: score, status: status)
        }
    }
}

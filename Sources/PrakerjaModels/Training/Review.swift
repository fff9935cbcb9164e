import Foundation

/// A participant's rating with a written review, as shown on a digital platform.
public struct Review: Hashable, Sendable, Codable {
    public let courseCode: String
    public let rating: Rating
    /// At most 2,000 characters.
    public let text: String
    /// The reviewer's name as shown publicly: always masked (`S*** R********`).
    public let reviewer: String
    public let createdAt: Date

    /// A review by a named participant; the name is masked here and never stored in clear.
    public init(courseCode: String, rating: Rating, text: String, reviewerName: String, createdAt: Date) throws(FieldError) {
        let name = try FieldError.within("reviewer") { () throws(FieldError) in try PersonName.validated(reviewerName) }
        try self.init(courseCode: courseCode, rating: rating, text: text, maskedReviewer: Masking.name(name), createdAt: createdAt)
    }

    private init(courseCode: String, rating: Rating, text: String, maskedReviewer: String, createdAt: Date) throws(FieldError) {
        self.courseCode = try Identifier.validated(courseCode, field: "courseCode")
        self.text = try Text.validated(text, field: "text", maximumLength: 2000)
        self.reviewer = try Text.validated(maskedReviewer, field: "reviewer", maximumLength: 100)
        self.rating = rating
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey { case courseCode, rating, text, reviewer, createdAt }

    /// Decodes a review as published, whose reviewer is already masked.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let course = try c.decode(String.self, forKey: .courseCode), rating = try c.decode(Rating.self, forKey: .rating)
        let text = try c.decode(String.self, forKey: .text), reviewer = try c.decode(String.self, forKey: .reviewer)
        let created = try c.decodeTimestamp(forKey: .createdAt)
        self = try c.validate { () throws(FieldError) in
            try Review(courseCode: course, rating: rating, text: text, maskedReviewer: reviewer, createdAt: created)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(courseCode, forKey: .courseCode)
        try c.encode(rating, forKey: .rating)
        try c.encode(text, forKey: .text)
        try c.encode(reviewer, forKey: .reviewer)
        try c.encodeTimestamp(createdAt, forKey: .createdAt)
    }
}

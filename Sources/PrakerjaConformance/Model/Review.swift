import Foundation

/// A person's verdict on a result the machine could not decide alone (an assisted indicator's
/// proposal to confirm, a manual indicator to judge with its rubric).
public struct Review: Codable, Sendable, Hashable {
    public let reviewer: String
    public let verdict: Verdict
    public let note: String
    public let reviewedAt: Date
    /// The reviewer's institution (UI, UGM...), when known: a rule pack may ask that a critical
    /// indicator's two reviewers come from two institutions.
    public let institution: String?
    /// The program's admin settling reviewers who disagree: an adjudication decides, whatever
    /// the reviews before it said.
    public let adjudicates: Bool

    public init(reviewer: String, verdict: Verdict, note: String, reviewedAt: Date, institution: String? = nil, adjudicates: Bool = false) {
        self.reviewer = reviewer
        self.verdict = verdict
        self.note = note
        self.reviewedAt = reviewedAt
        self.institution = institution
        self.adjudicates = adjudicates
    }

    enum CodingKeys: String, CodingKey {
        case reviewer, verdict, note, reviewedAt, institution, adjudicates
    }

    /// Reads a review written before reviews carried an institution or adjudications.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            reviewer: try container.decode(String.self, forKey: .reviewer), verdict: try container.decode(Verdict.self, forKey: .verdict),
            note: try container.decode(String.self, forKey: .note), reviewedAt: try container.decode(Date.self, forKey: .reviewedAt),
            institution: try container.decodeIfPresent(String.self, forKey: .institution),
            adjudicates: try container.decodeIfPresent(Bool.self, forKey: .adjudicates) ?? false)
    }

    /// Writes the institution only when known and `adjudicates` only when true.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reviewer, forKey: .reviewer)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(note, forKey: .note)
        try container.encode(reviewedAt, forKey: .reviewedAt)
        try container.encodeIfPresent(institution, forKey: .institution)
        if adjudicates { try container.encode(true, forKey: .adjudicates) }
    }

    /// The verdicts a reviewer may give.
    public static let verdicts: [Verdict] = [.pass, .fail, .notApplicable]

    /// The verdict `reviews` (oldest first) decide, if they decide one. The latest adjudication
    /// decides. Otherwise each reviewer's latest verdict counts; one review decides, but a
    /// critical result needs two reviewers who agree (the most recently confirmed verdict wins
    /// if reviewers later disagree again), and with `fromAnotherInstitution` two of those who
    /// agree must name two different institutions (case aside: their spelling is the store's).
    public static func decision(_ reviews: [Review], needsSecondReviewer: Bool, fromAnotherInstitution: Bool = false) -> Verdict? {
        if let adjudication = reviews.last(where: \.adjudicates) { return adjudication.verdict }
        guard needsSecondReviewer else { return reviews.last?.verdict }
        let agreed = Dictionary(grouping: latest(reviews), by: \.verdict).filter { _, agreeing in
            agreeing.count >= 2 && (!fromAnotherInstitution || Set(agreeing.compactMap { $0.institution?.lowercased() }).count >= 2)
        }
        return agreed.max { a, b in a.value.map(\.reviewedAt).max()! < b.value.map(\.reviewedAt).max()! }?.key
    }

    /// Whether reviewers disagree on a result their reviews leave undecided: their latest
    /// verdicts differ, and only an adjudication settles it.
    public static func disagree(_ reviews: [Review], needsSecondReviewer: Bool, fromAnotherInstitution: Bool = false) -> Bool {
        decision(reviews, needsSecondReviewer: needsSecondReviewer, fromAnotherInstitution: fromAnotherInstitution) == nil
            && Set(latest(reviews).map(\.verdict)).count > 1
    }

    /// Each reviewer's latest review (adjudications aside), in no order.
    static func latest(_ reviews: [Review]) -> [Review] {
        var latest: [String: Review] = [:]
        for review in reviews where !review.adjudicates { latest[review.reviewer] = review }
        return Array(latest.values)
    }
}

import Foundation

/// A person's verdict on a result the machine could not decide alone (an assisted indicator's
/// proposal to confirm, a manual indicator to judge with its rubric).
public struct Review: Codable, Sendable, Hashable {
    public let reviewer: String
    public let verdict: Verdict
    public let note: String
    public let reviewedAt: Date

    public init(reviewer: String, verdict: Verdict, note: String, reviewedAt: Date) {
        self.reviewer = reviewer
        self.verdict = verdict
        self.note = note
        self.reviewedAt = reviewedAt
    }

    /// The verdicts a reviewer may give.
    public static let verdicts: [Verdict] = [.pass, .fail, .notApplicable]

    /// The verdict `reviews` (oldest first) decide, if they decide one: each reviewer's latest
    /// verdict counts; one review decides, but a critical result needs two reviewers who agree
    /// (the most recently confirmed verdict wins if reviewers later disagree again).
    public static func decision(_ reviews: [Review], needsSecondReviewer: Bool) -> Verdict? {
        var latest: [String: Review] = [:]
        for review in reviews { latest[review.reviewer] = review }
        guard needsSecondReviewer else { return reviews.last?.verdict }
        let agreed = Dictionary(grouping: latest.values, by: \.verdict).filter { $0.value.count >= 2 }
        return agreed.max { a, b in a.value.map(\.reviewedAt).max()! < b.value.map(\.reviewedAt).max()! }?.key
    }
}

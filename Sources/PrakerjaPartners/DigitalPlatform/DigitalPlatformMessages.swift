import Foundation
import PrakerjaModels

/// A course as a digital platform sells it (`GET /v1/listings`): what the participant sees and
/// pays, which the program checks against the provider's own data.
public struct Listing: Codable, Sendable, Hashable {
    public let courseCode: String
    public let title: String
    public let providerCode: String
    public let providerName: String
    public let price: Rupiah
    public let method: LearningMethod
    /// The schedules on sale.
    public let schedules: [Schedule]
    /// Seats left over every schedule.
    public let quota: Int
    public let rating: RatingSummary

    public init(
        courseCode: String, title: String, providerCode: String, providerName: String, price: Rupiah, method: LearningMethod,
        schedules: [Schedule], quota: Int, rating: RatingSummary
    ) {
        self.courseCode = courseCode
        self.title = title
        self.providerCode = providerCode
        self.providerName = providerName
        self.price = price
        self.method = method
        self.schedules = schedules
        self.quota = quota
        self.rating = rating
    }
}

/// A listing's ratings: the average of 1-5 stars over `count` ratings (0 when there are none).
/// Kept as published, unvalidated, so that a partner's out-of-range figure reaches the check.
public struct RatingSummary: Codable, Sendable, Hashable {
    public let average: Double
    public let count: Int

    public init(average: Double, count: Int) {
        self.average = average
        self.count = count
    }

    /// What is wrong with it: an average outside 1-5 (or not 0 without ratings), a negative count.
    public var problems: [String] {
        var problems: [String] = []
        if count < 0 { problems.append("a negative rating count \(count)") }
        if count > 0, !(1...5).contains(average) { problems.append("an average of \(average) is outside 1-5 stars") }
        if count == 0, average != 0 { problems.append("an average of \(average) without any rating") }
        return problems
    }
}

/// One listing with its description, reviews and the page where it is sold (`GET /v1/listings/{courseCode}`).
public struct ListingDetail: Codable, Sendable, Hashable {
    public let listing: Listing
    public let description: String
    public let url: String
    /// The latest reviews, newest first (at most 20).
    public let reviews: [Review]

    public init(listing: Listing, description: String, url: String, reviews: [Review]) {
        self.listing = listing
        self.description = description
        self.url = url
        self.reviews = reviews
    }
}

/// A participant's completion, from the platform's completion feed (`GET /v1/completions`).
public struct Completion: Codable, Sendable, Hashable {
    public let courseCode: String
    /// Masked (`S*** R********`).
    public let participant: String
    public let completedAt: Timestamp
    public let certificateNumber: String
    public let postTestScore: Int

    public init(courseCode: String, participant: String, completedAt: Timestamp, certificateNumber: String, postTestScore: Int) {
        self.courseCode = courseCode
        self.participant = participant
        self.completedAt = completedAt
        self.certificateNumber = certificateNumber
        self.postTestScore = postTestScore
    }
}

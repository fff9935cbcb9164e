import Foundation
import PrakerjaModels

/// A training the recipient completed, as evidence for recommendations.
public struct CompletedTraining: Codable, Sendable, Hashable {
    public let courseCode: String
    /// The competencies the course teaches (the program's course data).
    public let competencies: [String]

    public init(courseCode: String, competencies: [String]) {
        self.courseCode = courseCode
        self.competencies = competencies
    }
}

/// `POST /v1/recommendations`: vacancies for a recipient's skills and completed trainings.
public struct RecommendationRequest: Codable, Sendable, Hashable {
    public let skills: [String]
    public let completedTrainings: [CompletedTraining]
    /// Only vacancies in this region, when given.
    public let location: RegionCode?
    /// 1 to 50; 10 when absent.
    public let limit: Int?

    public init(skills: [String], completedTrainings: [CompletedTraining] = [], location: RegionCode? = nil, limit: Int? = nil) {
        self.skills = skills
        self.completedTrainings = completedTrainings
        self.location = location
        self.limit = limit
    }

    private enum CodingKeys: String, CodingKey { case skills, completedTrainings, location, limit }

    /// Every skill the request brings: the stated ones and the trainings' competencies.
    public var allSkills: [String] { skills + completedTrainings.flatMap(\.competencies) }

    public static let limits = 1...50
}

/// One recommended vacancy, with why.
public struct Recommendation: Codable, Sendable, Hashable {
    public let vacancy: JobVacancy
    /// 0 to 1: the share of the vacancy's skills the recipient brings.
    public let score: Double
    /// The vacancy's skills the recipient brings, as the vacancy names them.
    public let matchedSkills: [String]

    public init(vacancy: JobVacancy, score: Double, matchedSkills: [String]) {
        self.vacancy = vacancy
        self.score = score
        self.matchedSkills = matchedSkills
    }
}

/// The answer to a recommendation request, best first.
public struct RecommendationList: Codable, Sendable, Hashable {
    public let items: [Recommendation]

    public init(items: [Recommendation]) { self.items = items }
}

/// `POST /v1/applications`: the program applies on a recipient's behalf.
///
/// `submissionID` is the idempotency key: the same submission again returns the original
/// application; the same key with another vacancy or applicant is a conflict.
public struct ApplicationSubmission: Codable, Sendable, Hashable {
    public let submissionID: String
    public let vacancyID: String
    public let applicant: KartuPrakerjaNumber
    /// At most 1,000 characters.
    public let coverNote: String?

    public init(submissionID: String, vacancyID: String, applicant: KartuPrakerjaNumber, coverNote: String? = nil) {
        self.submissionID = submissionID
        self.vacancyID = vacancyID
        self.applicant = applicant
        self.coverNote = coverNote
    }

    private enum CodingKeys: String, CodingKey { case submissionID, vacancyID, applicant, coverNote }

    /// Whether `other` asks for the same application (a retry), whatever its note.
    public func isRetry(of other: ApplicationSubmission) -> Bool {
        submissionID == other.submissionID && vacancyID == other.vacancyID && applicant == other.applicant
    }
}

/// The query parameter names of `GET /v1/vacancies`, and the mapping between a `JobSearchFilter` and them.
public enum VacancySearchQuery {
    public static let location = "location", education = "education", industry = "industry", salaryMin = "salaryMin",
        salaryMax = "salaryMax", jobType = "jobType", keyword = "keyword"
    public static let names: Set<String> = [location, education, industry, salaryMin, salaryMax, jobType, keyword]

    /// The highest salary bound a query may give.
    public static let maximumSalary: Int64 = 1_000_000_000

    /// `filter` as query items (lists comma-separated, in a fixed order so the signed target is stable).
    public static func items(_ filter: JobSearchFilter) -> [(String, String?)] {
        func list(_ values: [String]) -> String? { values.isEmpty ? nil : values.joined(separator: ",") }
        return [
            (location, list(filter.locations.map(\.description))),
            (education, list(filter.educations.map(\.rawValue).sorted())),
            (industry, list(filter.industries.map(\.section).sorted())),
            (salaryMin, filter.salary.map { String($0.minimum.amount) }),
            (salaryMax, filter.salary.map { String($0.maximum.amount) }),
            (jobType, list(filter.jobTypes.map(\.rawValue).sorted())),
            (keyword, filter.keyword.flatMap { $0.isEmpty ? nil : $0 }),
        ]
    }
}

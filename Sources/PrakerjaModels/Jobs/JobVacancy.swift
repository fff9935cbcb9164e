import Foundation

/// A job vacancy from a job portal, with the five dimensions recipients search by:
/// location, education, industry, salary and job type.
public struct JobVacancy: Hashable, Sendable, Codable {
    public let id: String
    public let title: String
    public let company: String
    /// What the job is, at most 5,000 characters.
    public let description: String
    public let location: RegionCode
    /// The minimum education the employer asks for.
    public let education: EducationLevel
    public let industry: Industry
    /// Nil when the employer does not disclose it.
    public let salary: SalaryRange?
    public let jobType: JobType
    /// Skills the employer asks for, used for recommendations.
    public let skills: [String]
    public let postedAt: Date
    public let updatedAt: Date
    /// The last moment applications are taken; after it the vacancy is closed and never a search result.
    public let closesAt: Date

    public init(
        id: String, title: String, company: String, description: String = "", location: RegionCode, education: EducationLevel,
        industry: Industry, salary: SalaryRange?, jobType: JobType, skills: [String],
        postedAt: Date, updatedAt: Date, closesAt: Date
    ) throws(FieldError) {
        self.id = try Identifier.validated(id, field: "id")
        self.title = try Text.validated(title, field: "title", maximumLength: 200)
        self.company = try Text.validated(company, field: "company", maximumLength: 200)
        guard description.count <= 5_000 else { throw FieldError(field: "description", reason: "must be at most 5000 characters") }
        guard skills.count <= 50 else { throw FieldError(field: "skills", reason: "must list at most 50 skills, got \(skills.count)") }
        self.skills = try skills.enumerated().map { (index, skill) throws(FieldError) in
            try Text.validated(skill, field: "skills[\(index)]", maximumLength: 100)
        }
        guard updatedAt >= postedAt else { throw FieldError(field: "updatedAt", reason: "must not be before postedAt") }
        guard closesAt > postedAt else { throw FieldError(field: "closesAt", reason: "must be after postedAt") }
        self.description = description
        self.location = location
        self.education = education
        self.industry = industry
        self.salary = salary
        self.jobType = jobType
        self.postedAt = postedAt
        self.updatedAt = updatedAt
        self.closesAt = closesAt
    }

    /// Whether applications are still taken at `date`.
    public func isOpen(at date: Date) -> Bool { date < closesAt }

    private enum CodingKeys: String, CodingKey {
        case id, title, company, description, location, education, industry, salary, jobType, skills, postedAt, updatedAt, closesAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id), title = try c.decode(String.self, forKey: .title)
        let company = try c.decode(String.self, forKey: .company), description = try c.decode(String.self, forKey: .description)
        let location = try c.decode(RegionCode.self, forKey: .location)
        let education = try c.decode(EducationLevel.self, forKey: .education)
        let industry = try c.decode(Industry.self, forKey: .industry)
        let salary = try c.decodeIfPresent(SalaryRange.self, forKey: .salary)
        let jobType = try c.decode(JobType.self, forKey: .jobType), skills = try c.decode([String].self, forKey: .skills)
        let posted = try c.decodeTimestamp(forKey: .postedAt), updated = try c.decodeTimestamp(forKey: .updatedAt)
        let closes = try c.decodeTimestamp(forKey: .closesAt)
        self = try c.validate { () throws(FieldError) in
            try JobVacancy(
                id: id, title: title, company: company, description: description, location: location, education: education,
                industry: industry, salary: salary, jobType: jobType, skills: skills,
                postedAt: posted, updatedAt: updated, closesAt: closes)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(company, forKey: .company)
        try c.encode(description, forKey: .description)
        try c.encode(location, forKey: .location)
        try c.encode(education, forKey: .education)
        try c.encode(industry, forKey: .industry)
        try c.encodeIfPresent(salary, forKey: .salary)
        try c.encode(jobType, forKey: .jobType)
        try c.encode(skills, forKey: .skills)
        try c.encodeTimestamp(postedAt, forKey: .postedAt)
        try c.encodeTimestamp(updatedAt, forKey: .updatedAt)
        try c.encodeTimestamp(closesAt, forKey: .closesAt)
    }
}

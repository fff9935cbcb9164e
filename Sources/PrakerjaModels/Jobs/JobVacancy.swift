import Foundation

/// A job vacancy from a job portal, with the five dimensions recipients search by:
/// location, education, industry, salary and job type.
public struct JobVacancy: Hashable, Sendable, Codable {
    public let id: String
    public let title: String
    public let company: String
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

    public init(id: String, title: String, company: String, location: RegionCode, education: EducationLevel,
                industry: Industry, salary: SalaryRange?, jobType: JobType, skills: [String],
                postedAt: Date, updatedAt: Date) throws(FieldError) {
        self.id = try Identifier.validated(id, field: "id")
        self.title = try Text.validated(title, field: "title", maximumLength: 200)
        self.company = try Text.validated(company, field: "company", maximumLength: 200)
        guard skills.count <= 50 else { throw FieldError(field: "skills", reason: "must list at most 50 skills, got \(skills.count)") }
        self.skills = try skills.enumerated().map { (index, skill) throws(FieldError) in
            try Text.validated(skill, field: "skills[\(index)]", maximumLength: 100)
        }
        guard updatedAt >= postedAt else { throw FieldError(field: "updatedAt", reason: "must not be before postedAt") }
        self.location = location
        self.education = education
        self.industry = industry
        self.salary = salary
        self.jobType = jobType
        self.postedAt = postedAt
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, company, location, education, industry, salary, jobType, skills, postedAt, updatedAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id), title = try c.decode(String.self, forKey: .title)
        let company = try c.decode(String.self, forKey: .company), location = try c.decode(RegionCode.self, forKey: .location)
        let education = try c.decode(EducationLevel.self, forKey: .education)
        let industry = try c.decode(Industry.self, forKey: .industry)
        let salary = try c.decodeIfPresent(SalaryRange.self, forKey: .salary)
        let jobType = try c.decode(JobType.self, forKey: .jobType), skills = try c.decode([String].self, forKey: .skills)
        let posted = try c.decode(Date.self, forKey: .postedAt), updated = try c.decode(Date.self, forKey: .updatedAt)
        self = try c.validate { () throws(FieldError) in
            try JobVacancy(id: id, title: title, company: company, location: location, education: education,
                           industry: industry, salary: salary, jobType: jobType, skills: skills,
                           postedAt: posted, updatedAt: updated)
        }
    }
}

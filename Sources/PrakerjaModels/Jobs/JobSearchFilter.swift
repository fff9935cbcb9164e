import Foundation

/// A vacancy search: the five dimensions plus a keyword. Empty dimensions do not filter.
///
/// This is the single definition of what "a result satisfies the filter" means; job portals
/// implement it and the conformance kit checks every returned vacancy with `violations(of:)`.
/// - locations: the vacancy lies in any of them (a province contains its regencies);
/// - educations: the vacancy's minimum education is one of them;
/// - industries: the vacancy's industry is one of them;
/// - salary: the vacancy discloses a salary range that overlaps it;
/// - jobTypes: the vacancy's type is one of them;
/// - keyword: appears, ignoring case, in the title, the company or a skill.
public struct JobSearchFilter: Hashable, Sendable, Codable {
    public var locations: [RegionCode]
    public var educations: Set<EducationLevel>
    public var industries: Set<Industry>
    public var salary: SalaryRange?
    public var jobTypes: Set<JobType>
    public var keyword: String?

    public init(
        locations: [RegionCode] = [], educations: Set<EducationLevel> = [], industries: Set<Industry> = [],
        salary: SalaryRange? = nil, jobTypes: Set<JobType> = [], keyword: String? = nil
    ) {
        self.locations = locations
        self.educations = educations
        self.industries = industries
        self.salary = salary
        self.jobTypes = jobTypes
        self.keyword = keyword
    }

    public func matches(_ vacancy: JobVacancy) -> Bool { violations(of: vacancy).isEmpty }

    /// How keywords and skills are compared: ignoring case and diacritics.
    public static func fold(_ text: String) -> String { text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }

    /// The dimensions `vacancy` fails, each with the reason, for evidence.
    public func violations(of vacancy: JobVacancy) -> [FieldError] {
        var failures: [FieldError] = []
        if !locations.isEmpty, !locations.contains(where: { $0.contains(vacancy.location) }) {
            failures.append(
                FieldError(field: "location", reason: "\(vacancy.location) is outside \(locations.map(\.description).joined(separator: ", "))"))
        }
        if !educations.isEmpty, !educations.contains(vacancy.education) {
            failures.append(
                FieldError(
                    field: "education",
                    reason: "\(vacancy.education.rawValue) is not one of \(educations.map(\.rawValue).sorted().joined(separator: ", "))"))
        }
        if !industries.isEmpty, !industries.contains(vacancy.industry) {
            failures.append(
                FieldError(
                    field: "industry",
                    reason: "\(vacancy.industry.section) is not one of \(industries.map(\.section).sorted().joined(separator: ", "))"))
        }
        if let salary {
            if let offered = vacancy.salary {
                if !offered.overlaps(salary) {
                    failures.append(FieldError(field: "salary", reason: "\(offered) does not overlap \(salary)"))
                }
            } else {
                failures.append(FieldError(field: "salary", reason: "is not disclosed, so it cannot match \(salary)"))
            }
        }
        if !jobTypes.isEmpty, !jobTypes.contains(vacancy.jobType) {
            failures.append(
                FieldError(
                    field: "jobType", reason: "\(vacancy.jobType.rawValue) is not one of \(jobTypes.map(\.rawValue).sorted().joined(separator: ", "))"
                ))
        }
        if let keyword, !keyword.isEmpty {
            let haystacks = [vacancy.title, vacancy.company] + vacancy.skills
            if !haystacks.contains(where: { $0.range(of: keyword, options: [.caseInsensitive, .diacriticInsensitive]) != nil }) {
                failures.append(FieldError(field: "keyword", reason: "\"\(keyword)\" is not in the title, company or skills"))
            }
        }
        return failures
    }
}

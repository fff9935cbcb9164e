import Foundation
import PrakerjaModels
import PrakerjaPartners
import Synchronization

/// The least a job portal writes to serve the job-portal contract: its vacancies and the
/// applications made through the program, here held in memory. Mount it with `JobPortalAdapter`,
/// which parses the search, bounds the pages and makes a submission's retry return the original.
public final class MinimalJobPortal: JobPortalService {
    struct Data {
        var vacancies: [String: JobVacancy] = [:]
        var applications: [String: (submission: ApplicationSubmission, application: JobApplication)] = [:]
    }

    private let data = Mutex(Data())

    public init() {}

    /// Posts a vacancy, or replaces it with a newer version.
    public func post(_ vacancy: JobVacancy) { data.withLock { $0.vacancies[vacancy.id] = vacancy } }

    public func search(_ filter: JobSearchFilter, page: PageRequest, now: Date) async throws -> Page<JobVacancy> {
        let matches = data.withLock { $0.vacancies.values.filter { $0.isOpen(at: now) && filter.matches($0) } }
        return try KeyedPages.page(Array(matches), key: \.id, after: page)
    }

    public func vacancy(id: String) async throws -> JobVacancy? { data.withLock { $0.vacancies[id] } }

    /// Oldest update first: the key is the update time, then the ID.
    public func updates(since: Date, page: PageRequest) async throws -> Page<JobVacancy> {
        let updated = data.withLock { $0.vacancies.values.filter { $0.updatedAt >= since } }
        return try KeyedPages.page(Array(updated), key: { String(format: "%015.3f|", $0.updatedAt.timeIntervalSince1970) + $0.id }, after: page)
    }

    /// Open vacancies that ask for the most of the participant's skills.
    public func recommendations(for request: RecommendationRequest, limit: Int, now: Date) async throws -> [Recommendation] {
        let skills = Set(request.skills.map { $0.lowercased() })
        let open = data.withLock { $0.vacancies.values.filter { $0.isOpen(at: now) && (request.location?.contains($0.location) ?? true) } }
        return open.compactMap { vacancy -> Recommendation? in
            let matched = vacancy.skills.filter { skills.contains($0.lowercased()) }
            guard !matched.isEmpty else { return nil }
            return Recommendation(vacancy: vacancy, score: Double(matched.count) / Double(max(vacancy.skills.count, 1)), matchedSkills: matched)
        }.sorted { ($0.score, $1.vacancy.id) > ($1.score, $0.vacancy.id) }.prefix(limit).map { $0 }
    }

    public func application(submissionID: String) async throws -> (submission: ApplicationSubmission, application: JobApplication)? {
        data.withLock { $0.applications[submissionID] }
    }

    public func submit(_ submission: ApplicationSubmission, at date: Date) async throws -> JobApplication {
        try data.withLock { data in
            guard let vacancy = data.vacancies[submission.vacancyID], vacancy.isOpen(at: date) else {
                throw RoleServiceError.conflict("vacancy \(submission.vacancyID) is not open")
            }
            guard
                !data.applications.values.contains(where: {
                    $0.submission.vacancyID == submission.vacancyID && $0.submission.applicant == submission.applicant
                })
            else { throw RoleServiceError.conflict("this applicant already applied to vacancy \(submission.vacancyID)") }
            let application = try JobApplication(
                id: "APP-\(data.applications.count + 1)", vacancyID: vacancy.id, applicant: submission.applicant,
                submittedAt: date)
            data.applications[submission.submissionID] = (submission, application)
            return application
        }
    }

    public func application(id: String) async throws -> JobApplication? {
        data.withLock { $0.applications.values.first { $0.application.id == id }?.application }
    }
}

import Foundation
import PrakerjaModels

/// What a job portal implements to serve the job-portal contract (`Specs/job-portal.openapi.yaml`)
/// through `JobPortalAdapter`. The adapter owns authentication, query parsing, paging limits,
/// error mapping and submission idempotency; the portal owns its vacancies and applications.
///
/// Throw `RoleServiceError` to refuse with the contract's 400/404/409; anything else is a 500.
public protocol JobPortalService: Sendable {
    /// Open vacancies (`isOpen(at: now)`) that satisfy every dimension of `filter`
    /// (`JobSearchFilter.matches`), one page at a time. Walking every page from the first returns
    /// each match exactly once.
    func search(_ filter: JobSearchFilter, page: PageRequest, now: Date) async throws -> Page<JobVacancy>

    /// One vacancy, open or closed, or nil.
    func vacancy(id: String) async throws -> JobVacancy?

    /// Every vacancy updated at or after `since`, closed ones included, oldest update first: the
    /// program's daily sync.
    func updates(since: Date, page: PageRequest) async throws -> Page<JobVacancy>

    /// Up to `limit` open vacancies for `request`, best first.
    func recommendations(for request: RecommendationRequest, limit: Int, now: Date) async throws -> [Recommendation]

    /// The application made by `submissionID`, if there is one (for idempotency).
    func application(submissionID: String) async throws -> (submission: ApplicationSubmission, application: JobApplication)?

    /// Makes a new application. Refuse (`RoleServiceError`) an unknown or closed vacancy and a
    /// second application by the same applicant to the same vacancy.
    func submit(_ submission: ApplicationSubmission, at date: Date) async throws -> JobApplication

    /// An application by its ID, or nil.
    func application(id: String) async throws -> JobApplication?
}

import Foundation
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners

/// Serves a `JobPortalService` as the job-portal contract of `Specs/job-portal.openapi.yaml`.
///
/// The adapter verifies the program's signature on every call, parses the five search dimensions
/// and the keyword strictly (an unknown parameter, a bad region code or an inverted salary range
/// is a 400 naming it), bounds pages to 1-100 items, and makes application submission idempotent:
/// submissions with one `submissionID` are handled one at a time, a retry gets the original
/// (200), another vacancy or applicant under the same ID gets 409.
public struct JobPortalAdapter: RoleAdapter {
    let service: any JobPortalService
    let configuration: RoleAdapterConfiguration
    private let authenticator: ProgramSignatureAuthenticator
    private let exclusion = KeyedExclusion()

    public init(service: any JobPortalService, configuration: RoleAdapterConfiguration) {
        self.service = service
        self.configuration = configuration
        self.authenticator = configuration.authenticator()
    }

    /// Adds the contract's routes, and the middleware that verifies them, to `group`: how a
    /// partner serves the contract inside their own application, beside their own routes.
    public func addRoutes<Context: SignedRequestContext>(to group: RouterGroup<Context>) {
        let routes = RoleRoutes(group, configuration: configuration, authenticator: authenticator)
        let clock = configuration.clock
        routes.get(JobPortalPaths.vacancies, accepts: VacancySearchQuery.names.union(QueryParameters.paging)) { call in
            try await service.search(try Self.filter(call.query), page: try call.query.page(), now: clock.now())
        }
        routes.get("/v1/vacancies/{id}") { call in
            let id = try call.path("id")
            guard let vacancy = try await service.vacancy(id: id) else { throw RoleServiceError.notFound("vacancy \(id)") }
            return vacancy
        }
        routes.get(JobPortalPaths.updates, accepts: QueryParameters.paging.union(["since"])) { call in
            guard let since = try call.query.timestamp("since") else {
                throw RoleError(.invalidParameter, "since: required, a date and time like 2021-11-02T00:00:00+07:00", field: "since")
            }
            return try await service.updates(since: since, page: try call.query.page())
        }
        routes.post(JobPortalPaths.recommendations, RecommendationRequest.self) { request, _ in
            let limit = request.limit ?? 10
            guard RecommendationRequest.limits.contains(limit) else { throw RoleError(.invalidField, "limit: must be 1 to 50", field: "limit") }
            guard request.skills.count <= 100, request.completedTrainings.count <= 50 else {
                throw RoleError(.invalidField, "skills: at most 100, completedTrainings: at most 50", field: "skills")
            }
            return (200, RecommendationList(items: try await service.recommendations(for: request, limit: limit, now: clock.now())))
        }
        routes.post(JobPortalPaths.applications, ApplicationSubmission.self) { submission, _ in
            try Self.check(submission)
            return try await submitOnce(submission, at: clock.now())
        }
        routes.get("/v1/applications/{id}") { call in
            let id = try call.path("id")
            guard let application = try await service.application(id: id) else { throw RoleServiceError.notFound("application \(id)") }
            return application
        }
    }

    /// Submits once per `submissionID`: 201 for a new application, 200 with the original for a retry.
    private func submitOnce(_ submission: ApplicationSubmission, at date: Date) async throws -> (status: Int, result: JobApplication) {
        try await exclusion.run(submission.submissionID) { [service] in
            if let existing = try await service.application(submissionID: submission.submissionID) {
                guard existing.submission.isRetry(of: submission) else {
                    throw RoleError(.conflict, "submissionID \(submission.submissionID) was used for another vacancy or applicant")
                }
                return (200, existing.application)
            }
            return (201, try await service.submit(submission, at: date))
        }
    }

    /// The search's filter from its query parameters.
    static func filter(_ query: QueryParameters) throws(RoleError) -> JobSearchFilter {
        typealias Q = VacancySearchQuery
        let minimum = try query.integer(Q.salaryMin, in: 0...Q.maximumSalary)
        let maximum = try query.integer(Q.salaryMax, in: 0...Q.maximumSalary)
        var salary: SalaryRange?
        if minimum != nil || maximum != nil {
            do {
                salary = try SalaryRange(minimum: try Rupiah(minimum ?? 0), maximum: try Rupiah(maximum ?? Q.maximumSalary))
            } catch {
                throw RoleError(.invalidParameter, "salaryMax: must not be below salaryMin", field: Q.salaryMax)
            }
        }
        return JobSearchFilter(
            locations: try query.list(Q.location) { (text) throws(FieldError) in try RegionCode(text) },
            educations: Set(
                try query.list(Q.education) { (text) throws(FieldError) in
                    guard let level = EducationLevel(rawValue: text) else {
                        throw FieldError(field: "", reason: "is not SD, SMP, SMA, D1-D4 or S1-S3")
                    }
                    return level
                }),
            industries: Set(try query.list(Q.industry) { (text) throws(FieldError) in try Industry(section: text) }),
            salary: salary,
            jobTypes: Set(
                try query.list(Q.jobType) { (text) throws(FieldError) in
                    guard let type = JobType(rawValue: text) else {
                        throw FieldError(field: "", reason: "is not one of \(JobType.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return type
                }),
            keyword: try query.string(Q.keyword, maximumLength: 100))
    }

    private static func check(_ submission: ApplicationSubmission) throws(RoleError) {
        for (field, value) in [("submissionID", submission.submissionID), ("vacancyID", submission.vacancyID)] {
            guard !value.isEmpty, value.utf8.count <= 64 else { throw RoleError(.invalidField, "\(field): 1 to 64 characters", field: field) }
        }
        if let note = submission.coverNote, note.count > 1_000 {
            throw RoleError(.invalidField, "coverNote: at most 1000 characters", field: "coverNote")
        }
    }
}

import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// The program's client for a job portal's API (`Specs/job-portal.openapi.yaml`).
public struct JobPortalClient: ProgramSignedRoleClient {
    public let http: ProgramSignedClient

    public init(http: ProgramSignedClient) { self.http = http }

    /// One page of open vacancies matching `filter`.
    public func search(_ filter: JobSearchFilter, page: PageRequest = PageRequest()) async throws(PrakerjaAPIError) -> Page<JobVacancy> {
        try await http.get(JobPortalPaths.vacancies, query: VacancySearchQuery.items(filter) + page.query)
    }

    /// Every page of a search, in order.
    public func searchPages(
        _ filter: JobSearchFilter, limit: Int = PageRequest.limits.upperBound,
        maximumPages: Int = 1_000
    ) -> PageSequence<JobVacancy> {
        PageSequence(limit: limit, maximumPages: maximumPages) { [self] (page) async throws(PrakerjaAPIError) in try await search(filter, page: page)
        }
    }

    /// Every match of a search, every page in order (at most `maximumPages`).
    public func searchAll(_ filter: JobSearchFilter, limit: Int = 100, maximumPages: Int = 1_000) async throws(PrakerjaAPIError) -> [JobVacancy] {
        try await searchPages(filter, limit: limit, maximumPages: maximumPages).items()
    }

    public func vacancy(id: String) async throws(PrakerjaAPIError) -> JobVacancy {
        try await http.get(JobPortalPaths.vacancy(id))
    }

    /// One page of the updated-since feed.
    public func updates(since: Date, page: PageRequest = PageRequest()) async throws(PrakerjaAPIError) -> Page<JobVacancy> {
        try await http.get(JobPortalPaths.updates, query: [("since", Timestamp(since).description)] + page.query)
    }

    /// Every page of the updated-since feed, in order.
    public func updatePages(since: Date, limit: Int = PageRequest.limits.upperBound) -> PageSequence<JobVacancy> {
        PageSequence(limit: limit) { [self] (page) async throws(PrakerjaAPIError) in try await updates(since: since, page: page) }
    }

    public func recommendations(_ request: RecommendationRequest) async throws(PrakerjaAPIError) -> RecommendationList {
        try await http.post(JobPortalPaths.recommendations, body: request)
    }

    /// Submits an application; `created` is false when the portal answered an earlier submission with this ID.
    public func submit(_ submission: ApplicationSubmission) async throws(PrakerjaAPIError) -> (application: JobApplication, created: Bool) {
        let operation = "POST \(JobPortalPaths.applications)"
        let body = try ProgramSignedClient.encode(submission, operation: operation)
        let response = try await http.send(method: "POST", target: JobPortalPaths.applications, body: body)
        return (try ProgramSignedClient.decode(response, operation: operation), response.status == 201)
    }

    public func application(id: String) async throws(PrakerjaAPIError) -> JobApplication {
        try await http.get(JobPortalPaths.application(id))
    }
}

/// The job-portal contract's paths.
public enum JobPortalPaths {
    public static let vacancies = "/v1/vacancies"
    public static let updates = "/v1/vacancy-updates"
    public static let recommendations = "/v1/recommendations"
    public static let applications = "/v1/applications"
    public static func vacancy(_ id: String) -> String { "/v1/vacancies/" + ProgramSignedClient.percentEncoded(id) }
    public static func application(_ id: String) -> String { "/v1/applications/" + ProgramSignedClient.percentEncoded(id) }
}

import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// The program's client for a job portal's API (`Specs/job-portal.openapi.yaml`).
public struct JobPortalClient: Sendable {
    public let http: ProgramSignedClient

    public init(baseURL: String, credentials: ProgramClientCredentials, transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared,
                clock: SigningClock = .system, timeout: Duration = .seconds(15)) {
        self.http = ProgramSignedClient(baseURL: baseURL, credentials: credentials, transport: transport, clock: clock, timeout: timeout)
    }

    /// A client over an existing HTTP layer (its signer and transport).
    public init(http: ProgramSignedClient) { self.http = http }

    /// One page of open vacancies matching `filter`.
    public func search(_ filter: JobSearchFilter, page: PageRequest = PageRequest()) async throws(RoleAPIError) -> Page<JobVacancy> {
        try await http.get(JobPortalPaths.vacancies, query: VacancySearchQuery.items(filter) + Self.paging(page))
    }

    /// Every page of a search, in order (at most `maximumPages`).
    public func searchAll(_ filter: JobSearchFilter, limit: Int = 100, maximumPages: Int = 1_000) async throws(RoleAPIError) -> [JobVacancy] {
        var all: [JobVacancy] = []
        var cursor: String?
        for _ in 0..<maximumPages {
            let page = try await search(filter, page: PageRequest(cursor: cursor, limit: limit))
            all += page.items
            guard let next = page.nextCursor else { return all }
            cursor = next
        }
        throw RoleAPIError(kind: .invalidResponse, message: "the search did not end within \(maximumPages) pages")
    }

    public func vacancy(id: String) async throws(RoleAPIError) -> JobVacancy {
        try await http.get(JobPortalPaths.vacancy(id))
    }

    /// One page of the updated-since feed.
    public func updates(since: Date, page: PageRequest = PageRequest()) async throws(RoleAPIError) -> Page<JobVacancy> {
        try await http.get(JobPortalPaths.updates, query: [("since", Timestamp(since).description)] + Self.paging(page))
    }

    public func recommendations(_ request: RecommendationRequest) async throws(RoleAPIError) -> RecommendationList {
        try await http.post(JobPortalPaths.recommendations, body: request)
    }

    /// Submits an application; `created` is false when the portal answered an earlier submission with this ID.
    public func submit(_ submission: ApplicationSubmission) async throws(RoleAPIError) -> (application: JobApplication, created: Bool) {
        let body: [UInt8]
        do { body = try StreamingJSONEncoder().encode(submission) } catch { throw RoleAPIError(kind: .invalidRequest, message: "\(error)") }
        let response = try await http.send(method: "POST", target: JobPortalPaths.applications, body: body)
        return (try ProgramSignedClient.decode(response), response.status == 201)
    }

    public func application(id: String) async throws(RoleAPIError) -> JobApplication {
        try await http.get(JobPortalPaths.application(id))
    }

    static func paging(_ page: PageRequest) -> [(String, String?)] {
        [("cursor", page.cursor), ("limit", String(page.limit))]
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

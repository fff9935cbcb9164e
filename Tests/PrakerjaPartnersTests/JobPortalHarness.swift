import Foundation
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import PrakerjaSigning
import PrakerjaTestSupport

/// A running reference job portal and the program's client for it.
struct JobPortalHarness: Sendable {
    let portal: ReferenceJobPortal
    let client: JobPortalClient
    let baseURL: String
    let now: Date
    /// The portal's clock for verifying: real time until a test moves it.
    let clock: ShiftedClock

    static func run<Value: Sendable>(
        defects: Set<JobPortalDefect> = [], vacancies: Int = VacancyGenerator.standardCount,
        _ body: @Sendable (JobPortalHarness) async throws -> Value
    ) async throws -> Value {
        let now = Date(), clock = ShiftedClock()
        let portal = ReferenceJobPortal(defects: defects, now: now, vacancyCount: vacancies, clock: clock.signingClock)
        return try await HTTPServerRunner.withRunning(portal.router()) { url in
            try await body(
                JobPortalHarness(portal: portal, client: ReferenceJobPortal.programClient(baseURL: url), baseURL: url, now: now, clock: clock))
        }
    }

    /// What a correct search returns, computed by brute force over every vacancy.
    func expected(_ filter: JobSearchFilter) -> [JobVacancy] {
        portal.store.vacancies.filter { $0.isOpen(at: Date()) && filter.matches($0) }
    }

    /// A signed GET of `target` (path and query as sent).
    func get(_ target: String, adjust: (inout [(name: String, value: String)]) -> Void = { _ in }) async throws -> TransportResponse {
        try await client.http.send(method: "GET", target: target, body: [], adjust: adjust)
    }

    /// A signed POST of raw `body` bytes.
    func post(_ target: String, _ body: [UInt8], adjust: (inout [(name: String, value: String)]) -> Void = { _ in }) async throws -> TransportResponse
    {
        try await client.http.send(method: "POST", target: target, body: body, adjust: adjust)
    }
}

/// The error form of a role API response, if it has one.
func roleError(_ response: TransportResponse) -> RoleErrorBody.Detail? {
    (try? JSONDecoder().decode(RoleErrorBody.self, from: Data(response.body)))?.error
}

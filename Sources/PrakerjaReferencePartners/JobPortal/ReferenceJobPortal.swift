import Foundation
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaSigning

/// A job portal that serves the job-portal contract through the SDK's adapter, over 6,000
/// generated vacancies across the 34 provinces, with switchable defects.
public struct ReferenceJobPortal: Sendable {
    public let store: ReferenceJobPortalStore
    public let configuration: RoleAdapterConfiguration

    /// - Parameters:
    ///   - now: the reference time the vacancies are generated around (their postings, updates and closings).
    ///   - vacancyCount: how many vacancies to generate.
    public init(
        defects: Set<JobPortalDefect> = [], now: Date = Date(), vacancyCount: Int = VacancyGenerator.standardCount,
        clock: SigningClock = .system
    ) {
        self.store = ReferenceJobPortalStore(vacancies: VacancyGenerator.generate(count: vacancyCount, now: now), defects: defects)
        self.configuration = RoleAdapterConfiguration(clients: [ReferenceCredentials.program], clock: clock)
    }

    public func router() -> Router<SignedJSONContext> {
        let defects = store.defects
        return SignedRoleRouter.make(
            JobPortalAdapter(service: store, configuration: configuration),
            defects: .init(defects.map(\.rawValue)), clock: configuration.clock,
            roleDefects: store.defects.contains(.schemaViolation) ? [OmitsNullCursor()] : [])
    }

    /// The program's client for this portal at `baseURL`, with the test credentials.
    public static func programClient(baseURL: String, clock: SigningClock = .system) -> JobPortalClient {
        JobPortalClient(baseURL: baseURL, credentials: ReferenceCredentials.program, clock: clock)
    }
}

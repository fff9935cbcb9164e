import Foundation
import Hummingbird
import Logging
import PrakerjaModels
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaSigning
import ReferencePartnerSupport

/// A job portal that serves the job-portal contract through the SDK's adapter, over 6,000
/// generated vacancies across the 34 provinces, with switchable defects.
public struct ReferenceJobPortal: Sendable {
    public let store: ReferenceJobPortalStore
    public let configuration: RoleAdapterConfiguration

    /// - Parameters:
    ///   - now: the reference time the vacancies are generated around (their postings, updates and closings).
    ///   - vacancyCount: how many vacancies to generate.
    public init(defects: Set<JobPortalDefect> = [], now: Date = Date(), vacancyCount: Int = VacancyGenerator.standardCount,
                clock: SigningClock = .system) {
        self.store = ReferenceJobPortalStore(vacancies: VacancyGenerator.generate(count: vacancyCount, now: now), defects: defects)
        self.configuration = RoleAdapterConfiguration(clients: [ReferenceCredentials.program], clock: clock)
    }

    public func router(logger: Logger = Logger(label: "reference-job-portal", factory: { _ in SwiftLogNoOpLogHandler() })) -> Router<BasicRequestContext> {
        let router = Router()
        if store.defects.contains(.slowAnswers) { router.add(middleware: SlowAnswers()) }
        if store.defects.contains(.schemaViolation) { router.add(middleware: OmitsNullCursor()) }
        if store.defects.contains(.serverErrorOnBadInput) { router.add(middleware: ServerErrorOnBadInput.roleErrorForm) }
        let resigning = ProgramReSigning<BasicRequestContext>.rules(unauthenticated: store.defects.contains(.unauthenticatedAccess),
                                                                    replays: store.defects.contains(.acceptsReplayedRequest))
        if !resigning.isEmpty { router.add(middleware: ProgramReSigning(resigning)) }
        JobPortalAdapter(service: store, configuration: configuration, logger: logger).mount(on: router)
        return router
    }

    /// The program's client for this portal at `baseURL`, with the test credentials.
    public static func programClient(baseURL: String, clock: SigningClock = .system) -> JobPortalClient {
        JobPortalClient(baseURL: baseURL, credentials: ReferenceCredentials.program, clock: clock)
    }
}

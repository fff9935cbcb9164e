import Foundation
import Hummingbird
import Logging
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaSigning
import ReferencePartnerSupport

/// A training institution that serves the training-provider contract through the SDK's adapter,
/// over 53 generated courses in every learning method, with switchable defects.
public struct ReferenceTrainingProvider: Sendable {
    public let store: ReferenceTrainingProviderStore
    public let configuration: RoleAdapterConfiguration

    /// - Parameter now: the reference time the schedules and progress are generated around.
    public init(defects: Set<TrainingProviderDefect> = [], now: Date = Date(), clock: SigningClock = .system) {
        self.init(defects: defects, catalogue: ReferenceCatalogue.generate(now: now), clock: clock)
    }

    /// A provider serving `catalogue` (a larger one for benchmarks).
    public init(defects: Set<TrainingProviderDefect> = [], catalogue: ReferenceCatalogue, clock: SigningClock = .system) {
        self.store = ReferenceTrainingProviderStore(catalogue: catalogue, defects: defects)
        self.configuration = RoleAdapterConfiguration(clients: [ReferenceCredentials.program], clock: clock)
    }

    public func router(logger: Logger = Logger(label: "reference-training-provider", factory: { _ in SwiftLogNoOpLogHandler() })) -> Router<BasicRequestContext> {
        let router = Router()
        if store.defects.contains(.slowAnswers) { router.add(middleware: SlowAnswers()) }
        if store.defects.contains(.serverErrorOnBadInput) { router.add(middleware: ServerErrorOnBadInput.roleErrorForm) }
        if store.defects.contains(.schemaViolation) { router.add(middleware: TrainingProviderDefectMiddleware()) }
        let resigning = ProgramReSigning<BasicRequestContext>.rules(unauthenticated: store.defects.contains(.unauthenticatedAccess),
                                                                    replays: store.defects.contains(.acceptsReplayedRequest))
        if !resigning.isEmpty { router.add(middleware: ProgramReSigning(resigning)) }
        TrainingProviderAdapter(service: store, configuration: configuration, logger: logger).mount(on: router)
        return router
    }

    /// The program's client for this provider at `baseURL`, with the test credentials.
    public static func programClient(baseURL: String, clock: SigningClock = .system) -> TrainingProviderClient {
        TrainingProviderClient(baseURL: baseURL, credentials: ReferenceCredentials.program, clock: clock)
    }
}

import Foundation
import Hummingbird
import Logging
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaSigning
import ReferencePartnerSupport
import ReferenceTrainingProvider

/// A digital platform that serves the digital-platform contract through the SDK's adapter,
/// selling the reference training provider's courses, with switchable defects.
public struct ReferenceDigitalPlatform: Sendable {
    public let store: ReferenceDigitalPlatformStore
    public let configuration: RoleAdapterConfiguration

    /// - Parameter catalogue: the provider data it sells (the reference provider's, generated around now, by default).
    public init(defects: Set<DigitalPlatformDefect> = [], catalogue: ReferenceCatalogue = .generate(now: Date()), clock: SigningClock = .system) {
        self.store = ReferenceDigitalPlatformStore(catalogue: catalogue, defects: defects)
        self.configuration = RoleAdapterConfiguration(clients: [ReferenceCredentials.program], clock: clock)
    }

    public func router(logger: Logger = Logger(label: "reference-digital-platform", factory: { _ in SwiftLogNoOpLogHandler() })) -> Router<BasicRequestContext> {
        let router = Router()
        if store.defects.contains(.slowAnswers) { router.add(middleware: SlowAnswers()) }
        if store.defects.contains(.serverErrorOnBadInput) { router.add(middleware: ServerErrorOnBadInput.roleErrorForm) }
        let resigning = ProgramReSigning<BasicRequestContext>.rules(unauthenticated: store.defects.contains(.unauthenticatedAccess),
                                                                    replays: store.defects.contains(.acceptsReplayedRequest))
        if !resigning.isEmpty { router.add(middleware: ProgramReSigning(resigning)) }
        DigitalPlatformAdapter(service: store, configuration: configuration, logger: logger).mount(on: router)
        return router
    }

    public static func programClient(baseURL: String, clock: SigningClock = .system) -> DigitalPlatformClient {
        DigitalPlatformClient(baseURL: baseURL, credentials: ReferenceCredentials.program, clock: clock)
    }
}

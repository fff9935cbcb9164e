import Hummingbird
import PrakerjaHTTPServer
import PrakerjaPartnersServer
import PrakerjaSigning

/// The router of a reference partner of a role the program signs its calls to (training
/// provider, digital platform, job portal): the switches every such partner has around the SDK's
/// adapter (which stays correct), the role's own defect middleware, then the adapter.
enum SignedRoleRouter {
    /// The defect switches every program-signed reference partner has, by the names each role's
    /// own switch enum gives them too.
    struct CommonDefects {
        enum Switch: String, CaseIterable {
            case slowAnswers = "slow-answers", serverErrorOnBadInput = "server-error-on-bad-input"
            case unauthenticatedAccess = "unauthenticated-access", acceptsReplayedRequest = "accepts-replayed-request"
            case forgetsReplaysByTimestamp = "forgets-replays-by-timestamp", shortReplayMemory = "short-replay-memory"
            case frameworkNotFound = "framework-not-found", personalDataInErrors = "personal-data-in-errors"
        }

        let switches: Set<Switch>

        /// The common switches among a partner's switches, named.
        init(_ names: some Sequence<String>) { switches = Set(names.compactMap(Switch.init(rawValue:))) }
    }

    static func make(
        _ adapter: some RoleAdapter, defects: CommonDefects, clock: SigningClock,
        roleDefects: [any MiddlewareProtocol<Request, Response, SignedJSONContext>] = []
    ) -> Router<SignedJSONContext> {
        let router = Router(context: SignedJSONContext.self)
        let switches = defects.switches
        if switches.contains(.slowAnswers) { router.add(middleware: SlowAnswers()) }
        if switches.contains(.serverErrorOnBadInput) { router.add(middleware: ServerErrorOnBadInput.roleErrorForm) }
        if switches.contains(.frameworkNotFound) { router.add(middleware: FrameworkNotFound()) }
        if switches.contains(.personalDataInErrors) { router.add(middleware: PersonalDataInErrors()) }
        for middleware in roleDefects { router.add(middleware: middleware) }
        let resigning = Set(
            [
                switches.contains(.unauthenticatedAccess) ? .unlessValidlySigned : nil,
                switches.contains(.acceptsReplayedRequest) ? .replays : nil,
                switches.contains(.forgetsReplaysByTimestamp) ? .replaysByTimestamp : nil,
                switches.contains(.shortReplayMemory) ? .replaysAfterArrival : nil,
            ]
            .compactMap { $0 } as [ProgramReSigning<SignedJSONContext>.Rule])
        if !resigning.isEmpty { router.add(middleware: ProgramReSigning(resigning, clock: clock)) }
        adapter.mount(on: router)
        return router
    }
}

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
            /// Refuses an unauthenticated call with `"field": null` in its error (the error form's
            /// `field` is a string when present).
            case nullFieldInRefusals = "null-field-in-refusals"
            /// Forgets a validly signed request once a newer timestamp it has seen is past its
            /// window: a call signed ahead (inside the window) lets an older one be replayed.
            case prunesReplaysByNewestTimestamp = "prunes-replays-by-newest-timestamp"
            /// Answers each copy of one signed request that arrives while the first is still being
            /// answered (a replay memory checked, then written).
            case answersCopiesSentTogether = "answers-copies-sent-together"
            /// Accepts the right signature written in upper-case hex (the scheme's one spelling is lower case).
            case acceptsUpperCaseSignature = "accepts-upper-case-signature"
            /// Reads a 13-digit timestamp as milliseconds, so a call stamped in milliseconds is inside the window.
            case readsMillisecondTimestamps = "reads-millisecond-timestamps"
            /// Serves a contract path with a slash more, or written in upper case, as the path itself.
            case servesLoosePaths = "serves-loose-paths"
            /// Reads a parameter name beginning in upper case as its own (`Limit`), drops a
            /// parameter without a value, and reads an integer with a fraction or in other digits
            /// as the nearest one.
            case readsQueriesLoosely = "reads-queries-loosely"
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
        if switches.contains(.nullFieldInRefusals) { router.add(middleware: NullFieldInRefusals()) }
        for middleware in roleDefects { router.add(middleware: middleware) }
        let resigning = Set(
            [
                switches.contains(.unauthenticatedAccess) ? .unlessValidlySigned : nil,
                switches.contains(.acceptsReplayedRequest) ? .replays : nil,
                switches.contains(.forgetsReplaysByTimestamp) ? .replaysByTimestamp : nil,
                switches.contains(.shortReplayMemory) ? .replaysAfterArrival : nil,
                switches.contains(.prunesReplaysByNewestTimestamp) ? .replaysBeforeNewest : nil,
                switches.contains(.answersCopiesSentTogether) ? .copiesTogether : nil,
                switches.contains(.acceptsUpperCaseSignature) ? .upperCaseSignature : nil,
                switches.contains(.readsMillisecondTimestamps) ? .millisecondTimestamps : nil,
                switches.contains(.servesLoosePaths) ? .loosePaths : nil,
                switches.contains(.readsQueriesLoosely) ? .looseQueries : nil,
            ]
            .compactMap { $0 } as [ProgramReSigning<SignedJSONContext>.Rule])
        if !resigning.isEmpty { router.add(middleware: ProgramReSigning(resigning, clock: clock)) }
        adapter.mount(on: router)
        return router
    }
}

import HTTPTypes
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
            /// parameter without a value or whose name begins with `_` (a cache buster), and reads
            /// an integer with a fraction or in other digits as the nearest one.
            case readsQueriesLoosely = "reads-queries-loosely"
            /// Fails (500) on a query integer too large for 64 bits, where it refused it before.
            case failsOnOverflowingNumbers = "fails-on-overflowing-numbers"
            /// Verifies a GET's signature as if it had no body, so a body the signature leaves out passes.
            case signsReadsWithoutBody = "signs-reads-without-body"
            /// Reads the timestamp into 32 bits, so a call stamped 2^32 s ahead is inside the window.
            case wrapsTimestampsAt32Bits = "wraps-timestamps-at-32-bits"
            /// Serves DELETE, PUT and PATCH of one thing's path (`/v1/courses/{code}`) as its GET.
            case servesOtherMethodsOnDetails = "serves-other-methods-on-details"
            /// Remembers a signed call only when it was answered with success: a refused one sent again is answered again.
            case remembersOnlyAnsweredCalls = "remembers-only-answered-calls"
            /// Looks up one thing's GET before verifying the signature: an unsigned call for a thing
            /// that does not exist is answered 404 (one for a thing that does is still refused).
            case looksUpBeforeAuthenticating = "looks-up-before-authenticating"
            /// Quotes the value of a query parameter it refuses in the refusal's message.
            case quotesRefusedValues = "quotes-refused-values"
            /// Answers a read of one thing (`/v1/courses/{code}`) only after 300 ms; lists stay quick.
            case slowDetails = "slow-details"
        }

        let switches: Set<Switch>

        /// The requirements the switch `name` breaks, in the table whose ids begin `prefix`
        /// (`TP`, `JOB`, `DP`); none for a name that is no common switch.
        static func requirements(of name: String, prefix: String) -> [String] {
            let ids: [String] =
                switch Switch(rawValue: name) {
                case .slowAnswers, .slowDetails: ["PERF-01"]
                case .serverErrorOnBadInput, .readsQueriesLoosely: ["SPEC-02", "SPEC-03"]
                case .unauthenticatedAccess: ["AUTH-01", "AUTH-02", "AUTH-03"]
                case .looksUpBeforeAuthenticating: ["AUTH-01"]
                case .acceptsReplayedRequest, .forgetsReplaysByTimestamp, .shortReplayMemory: ["AUTH-04"]
                case .prunesReplaysByNewestTimestamp, .answersCopiesSentTogether, .remembersOnlyAnsweredCalls: ["AUTH-04"]
                case .frameworkNotFound, .servesLoosePaths, .servesOtherMethodsOnDetails: ["SPEC-04"]
                case .personalDataInErrors, .quotesRefusedValues: ["PRIV-02"]
                case .nullFieldInRefusals: ["SPEC-01"]
                case .acceptsUpperCaseSignature, .signsReadsWithoutBody: ["AUTH-02"]
                case .readsMillisecondTimestamps, .wrapsTimestampsAt32Bits: ["AUTH-03"]
                case .failsOnOverflowingNumbers: ["SPEC-03"]
                case nil: []
                }
            return ids.map { "\(prefix)-\($0)" }
        }

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
        if switches.contains(.slowDetails) {
            router.add(middleware: SlowAnswers { isDetail($0.uri.path) })
        }
        if switches.contains(.serverErrorOnBadInput) { router.add(middleware: ServerErrorOnBadInput.roleErrorForm) }
        if switches.contains(.frameworkNotFound) { router.add(middleware: FrameworkNotFound()) }
        if switches.contains(.personalDataInErrors) { router.add(middleware: PersonalDataInErrors()) }
        if switches.contains(.nullFieldInRefusals) { router.add(middleware: NullFieldInRefusals()) }
        if switches.contains(.quotesRefusedValues) { router.add(middleware: QuotesRefusedValues()) }
        if switches.contains(.failsOnOverflowingNumbers) {
            router.add(
                middleware: ServerErrorOnBadInput.roleErrorForm { request, status, _ in status == .badRequest && overflows(request.uri.query) })
        }
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
                switches.contains(.signsReadsWithoutBody) ? .bodilessReads : nil,
                switches.contains(.wrapsTimestampsAt32Bits) ? .wrappingTimestamps : nil,
                switches.contains(.servesOtherMethodsOnDetails) ? .otherMethodsOnDetails : nil,
                switches.contains(.remembersOnlyAnsweredCalls) ? .replaysOfRefused : nil,
                switches.contains(.looksUpBeforeAuthenticating) ? .lookupBeforeAuthentication : nil,
            ]
            .compactMap { $0 } as [ProgramReSigning<SignedJSONContext>.Rule])
        if !resigning.isEmpty { router.add(middleware: ProgramReSigning(resigning, clock: clock)) }
        adapter.mount(on: router)
        if switches.contains(.servesOtherMethodsOnDetails) { servingOtherMethodsOnDetails(adapter, on: router) }
        return router
    }

    /// Routes DELETE, PUT and PATCH of one thing's path (each GET route of three segments or
    /// more, `/v1/courses/{code}`) to the adapter's GET: the router chooses a route before its
    /// middleware runs, so `ProgramReSigning` (which re-signs such a call as a GET) needs a route
    /// to reach.
    private static func servingOtherMethodsOnDetails(_ adapter: some RoleAdapter, on router: Router<SignedJSONContext>) {
        let reads = Router(context: SignedJSONContext.self)
        adapter.mount(on: reads)
        let responder = reads.buildResponder()
        for route in reads.routes where route.method == .get && isDetail(route.path.description) {
            for method in detailMethods {
                router.on(route.path, method: method) { request, context in try await responder.respond(to: request, context: context) }
            }
        }
    }

    /// The methods `serves-other-methods-on-details` serves as GET.
    static let detailMethods: [HTTPRequest.Method] = [.delete, .put, .patch]

    /// Whether `target`'s path is one thing's: three segments or more (`/v1/courses/{code}`).
    static func isDetail(_ target: String) -> Bool {
        target.prefix { $0 != "?" }.split(separator: "/").count >= 3
    }

    /// Whether `query` has a value of ASCII digits too large for a 64-bit integer.
    static func overflows(_ query: String?) -> Bool {
        (query ?? "").split(separator: "&").contains { pair in
            let value = pair.split(separator: "=", maxSplits: 1).dropFirst().first ?? ""
            return !value.isEmpty && value.allSatisfy { $0.isASCII && $0.isNumber } && Int64(value) == nil
        }
    }
}

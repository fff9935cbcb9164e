/// A rule of the digital-platform contract that the reference platform can be told to break
/// (`--defect NAME`); `Conformance/defects.md` names the check that must catch each.
public enum DigitalPlatformDefect: String, CaseIterable, Sendable {
    /// Every third listing costs Rp50,000 more than the provider's price.
    case priceDiffers = "price-differs"
    /// Listings carry a marketing title, not the provider's.
    case titleDiffers = "title-differs"
    /// Ratings are published on a 10-point scale.
    case ratingOutOfRange = "rating-out-of-range"
    /// The completion feed comes in certificate-number order, not in the order completions happened.
    case completionFeedUnordered = "completion-feed-unordered"
    /// Answers a request it refuses as bad input (an unknown parameter, a wrong body) with 500 instead of 400.
    case serverErrorOnBadInput = "server-error-on-bad-input"
    /// Answers a route the contract does not have with a web framework's HTML page (and 405 for another method).
    case frameworkNotFound = "framework-not-found"
    /// Shows reviewers and participants with their names spelled out, not masked.
    case unmaskedNames = "unmasked-names"
    /// Drops the last completion of every page but the last, its cursor pointing past it.
    case completionFeedSkips = "completion-feed-skips"
    /// Answers a validly signed request sent again (a replay) instead of refusing it.
    case acceptsReplayedRequest = "accepts-replayed-request"
    /// Forgets a validly signed request once its timestamp is a minute old: a replay of one signed
    /// earlier, still inside the window, is answered.
    case forgetsReplaysByTimestamp = "forgets-replays-by-timestamp"
    /// Forgets a validly signed request a second after it arrived: a replay sent later, still
    /// inside the window, is answered.
    case shortReplayMemory = "short-replay-memory"
    /// Answers calls that carry no signature, or a wrong one.
    case unauthenticatedAccess = "unauthenticated-access"
    /// Names a person in every refusal's message: the applicant the request carried, or an account's e-mail and phone.
    case personalDataInErrors = "personal-data-in-errors"
    /// Verifies a signature over the target percent-decoded, so one over `limit=1` passes for `limit=%31`.
    case signatureOverDecodedTarget = "signature-over-decoded-target"
    /// Fails (500) on a cursor it never issued, where it refused one before.
    case unissuedCursorFails = "unissued-cursor-fails"
    /// Answers every call only after 300 ms.
    case slowAnswers = "slow-answers"
    /// Shows the most expensive course's detail at a tenth off its price (its listing in the pages is right).
    case promotesOnDetail = "promotes-on-detail"
    /// Keeps selling the course the program suspended (`ReferenceDigitalPlatformStore.suspendedCourseCode`).
    case sellsSuspended = "sells-suspended"
    /// The switches every program-signed reference partner has, each documented in
    /// `SignedRoleRouter.CommonDefects.Switch` and `Conformance/defects.md`.
    case nullFieldInRefusals = "null-field-in-refusals", prunesReplaysByNewestTimestamp = "prunes-replays-by-newest-timestamp"
    case answersCopiesSentTogether = "answers-copies-sent-together", acceptsUpperCaseSignature = "accepts-upper-case-signature"
    case readsMillisecondTimestamps = "reads-millisecond-timestamps", servesLoosePaths = "serves-loose-paths", readsQueriesLoosely =
        "reads-queries-loosely"
    case failsOnOverflowingNumbers = "fails-on-overflowing-numbers", signsReadsWithoutBody = "signs-reads-without-body"
    case wrapsTimestampsAt32Bits = "wraps-timestamps-at-32-bits", servesOtherMethodsOnDetails = "serves-other-methods-on-details"
    case remembersOnlyAnsweredCalls = "remembers-only-answered-calls", looksUpBeforeAuthenticating = "looks-up-before-authenticating"
    case quotesRefusedValues = "quotes-refused-values", slowDetails = "slow-details"

    /// The requirements of `Specs/requirements/digital-platform.yaml` the switch breaks.
    public var requirements: [String] {
        switch self {
        case .priceDiffers: ["DP-LIST-01"]
        case .titleDiffers: ["DP-LIST-02"]
        case .promotesOnDetail: ["DP-LIST-01"]
        case .ratingOutOfRange: ["DP-LIST-03", "DP-SPEC-01"]
        case .completionFeedUnordered: ["DP-FEED-01"]
        case .unmaskedNames: ["DP-PRIV-01"]
        case .completionFeedSkips: ["DP-FEED-02"]
        case .signatureOverDecodedTarget: ["DP-AUTH-02"]
        case .unissuedCursorFails: ["DP-SPEC-03"]
        case .sellsSuspended: ["DP-LIST-04"]
        default: SignedRoleRouter.CommonDefects.requirements(of: rawValue, prefix: "DP")
        }
    }
}

/// A rule of the training-provider contract that the reference provider can be told to break
/// (`--defect NAME`); `Conformance/defects.md` names the check that must catch each.
public enum TrainingProviderDefect: String, CaseIterable, Sendable {
    /// Certificate verification answers `valid` for any well-formed number, issued or not.
    case forgedCertificateValid = "forged-certificate-valid"
    /// Course detail has no syllabus: no modules.
    case missingSyllabus = "missing-syllabus"
    /// The catalogue writes prices as text (`"Rp750.000"`) where the contract says whole rupiah.
    case schemaViolation = "schema-violation"
    /// Answers calls that carry no signature, or a wrong one.
    case unauthenticatedAccess = "unauthenticated-access"
    /// Answers a request it refuses as bad input (an unknown parameter, a wrong body) with 500 instead of 400.
    case serverErrorOnBadInput = "server-error-on-bad-input"
    /// Answers a route the contract does not have with a web framework's HTML page (and 405 for another method).
    case frameworkNotFound = "framework-not-found"
    /// Shows a verified certificate's holder with the name spelled out, not masked.
    case unmaskedHolder = "unmasked-holder"
    /// Answers a validly signed request sent again (a replay) instead of refusing it.
    case acceptsReplayedRequest = "accepts-replayed-request"
    /// Forgets a validly signed request once its timestamp is a minute old: a replay of one signed
    /// earlier, still inside the window, is answered.
    case forgetsReplaysByTimestamp = "forgets-replays-by-timestamp"
    /// Forgets a validly signed request a second after it arrived: a replay sent later, still
    /// inside the window, is answered.
    case shortReplayMemory = "short-replay-memory"
    /// Certificate verification no longer finds the certificates it issued (answers `unknown`).
    case losesIssuedCertificates = "loses-issued-certificates"
    /// Progress shows every session attended at its start, the sessions still to come included.
    case progressAheadOfSchedule = "progress-ahead-of-schedule"
    /// Names a person in every refusal's message: the applicant the request carried, or an account's e-mail and phone.
    case personalDataInErrors = "personal-data-in-errors"
    /// Drops unknown parameters on a later page of the catalogue instead of refusing them.
    case unknownParameterAfterFirstPage = "unknown-parameter-after-first-page"
    /// Fails (500) on a path segment over 64 characters, where it refused one before.
    case longPathFails = "long-path-fails"
    /// Verifies certificate numbers ignoring case.
    case certificatesMatchedLoosely = "certificates-matched-loosely"
    /// Verifies an issued certificate as valid for another course than the one completed.
    case certificateNamesAnotherCourse = "certificate-names-another-course"
    /// Serves each page of the catalogue in reverse code order (the pages themselves in order).
    case coursesOutOfOrder = "courses-out-of-order"
    /// Verifies a revoked certificate as valid.
    case revokedAsValid = "revoked-as-valid"
    /// Answers every call only after 300 ms.
    case slowAnswers = "slow-answers"
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

    /// The requirements of `Specs/requirements/training-provider.yaml` the switch breaks.
    public var requirements: [String] {
        switch self {
        case .forgedCertificateValid: ["TP-CERT-01"]
        case .missingSyllabus: ["TP-CAT-01"]
        case .schemaViolation: ["TP-SPEC-01"]
        case .unmaskedHolder: ["TP-PRIV-01"]
        case .losesIssuedCertificates: ["TP-CERT-02"]
        case .progressAheadOfSchedule: ["TP-PROG-01"]
        case .unknownParameterAfterFirstPage: ["TP-SPEC-02"]
        case .longPathFails: ["TP-SPEC-03"]
        case .certificatesMatchedLoosely: ["TP-CERT-01"]
        case .certificateNamesAnotherCourse: ["TP-CERT-02"]
        case .coursesOutOfOrder: ["TP-PAGE-01"]
        case .revokedAsValid: ["TP-CERT-03"]
        default: SignedRoleRouter.CommonDefects.requirements(of: rawValue, prefix: "TP")
        }
    }
}

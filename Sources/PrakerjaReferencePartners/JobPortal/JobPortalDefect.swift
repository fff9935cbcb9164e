/// A rule of the job-portal contract that the reference portal can be told to break (`--defect
/// NAME`); `Conformance/defects.md` names the check that must catch each.
public enum JobPortalDefect: String, CaseIterable, Sendable {
    /// Returns vacancies whatever the salary filter says.
    case filterIgnoresSalary = "filter-ignores-salary"
    /// Returns vacancies whatever the location filter says.
    case filterIgnoresLocation = "filter-ignores-location"
    /// Matches a keyword in the description too, where the contract says title, company or a skill.
    case keywordMatchesDescription = "keyword-matches-description"
    /// Takes a regency filter for its whole province.
    case regencyMatchesProvince = "regency-matches-province"
    /// Applies the filters other than location to the first page only.
    case filtersFirstPageOnly = "filters-first-page-only"
    /// Serves each page of a search oldest posting first (the pages themselves in order).
    case pagesOutOfOrder = "pages-out-of-order"
    /// Sorts the vacancies posted at one time by title inside each page, not in one order across pages.
    case sortsTiesPerPage = "sorts-ties-per-page"
    /// Starts the update feed after `since`, leaving out vacancies updated exactly then.
    case sinceExclusive = "since-exclusive"
    /// Scores a recommendation by the share of the recipient's skills the vacancy uses, not the share of the vacancy's skills the recipient brings.
    case scoresByRecipientSkills = "scores-by-recipient-skills"
    /// Matches a recipient's skills to a vacancy's as written: in another case or without its diacritics, a skill is another.
    case matchesSkillsAsWritten = "matches-skills-as-written"
    /// Answers a retried submission with the original application stamped with the retry's time.
    case retryRefreshesApplication = "retry-refreshes-application"
    /// Each next page starts with the previous page's last vacancy again.
    case paginationDuplicates = "pagination-duplicates"
    /// Each next page skips the vacancy that should have come first.
    case paginationDrops = "pagination-drops"
    /// Search and recommendations include vacancies past their closing date.
    case staleVacancies = "stale-vacancies"
    /// A retried submission creates another application instead of returning the first.
    case duplicateApplication = "duplicate-application"
    /// Answers a request it refuses as bad input (an unknown parameter, a wrong body) with 500 instead of 400.
    case serverErrorOnBadInput = "server-error-on-bad-input"
    /// Answers a route the contract does not have with a web framework's HTML page (and 405 for another method).
    case frameworkNotFound = "framework-not-found"
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
    /// Answers every call only after 300 ms.
    case slowAnswers = "slow-answers"
    /// The last page of a search leaves `nextCursor` out, where the contract says it is always there (null at the end).
    case schemaViolation = "schema-violation"
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

    /// The requirements of `Specs/requirements/job-portal.yaml` the switch breaks.
    public var requirements: [String] {
        switch self {
        case .filterIgnoresSalary, .filterIgnoresLocation, .keywordMatchesDescription, .regencyMatchesProvince, .filtersFirstPageOnly:
            ["JOB-SRCH-01"]
        case .pagesOutOfOrder, .sortsTiesPerPage: ["JOB-PAGE-03"]
        case .sinceExclusive: ["JOB-FEED-01"]
        case .scoresByRecipientSkills, .matchesSkillsAsWritten: ["JOB-RECO-01"]
        case .retryRefreshesApplication: ["JOB-APPL-01"]
        case .paginationDuplicates: ["JOB-PAGE-01"]
        case .paginationDrops: ["JOB-PAGE-02"]
        case .staleVacancies: ["JOB-FRSH-01"]
        case .duplicateApplication: ["JOB-APPL-01"]
        case .personalDataInErrors, .quotesRefusedValues: ["JOB-PRIV-01"]
        case .schemaViolation: ["JOB-SPEC-01"]
        default: SignedRoleRouter.CommonDefects.requirements(of: rawValue, prefix: "JOB")
        }
    }
}

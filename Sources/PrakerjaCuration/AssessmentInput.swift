import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaPartners

/// What the assessment of one proposal reads: the proposal, the rule pack, the public reference
/// data, the results history (approved courses' prices, the provider's record) when one is read,
/// and (when job portals are configured) the live demand for what the course teaches.
public struct AssessmentInput: Sendable {
    public let proposal: CourseProposal
    public let rules: RulePack
    public let reference: ReferenceData
    public let demand: LabourDemand?
    /// The results history the price band and the track record read; nil without one (`--no-store`).
    public let history: AssessmentHistory?
    /// The words the course is compared with that its proposer does not write (read by several
    /// rules, made once).
    let vocabulary: Vocabulary
    /// Every free text of the proposal by JSON Pointer (`ChargeableText`), gathered once for the
    /// rules that read the prose.
    let texts: [(String, String)]

    public init(
        proposal: CourseProposal, rules: RulePack, reference: ReferenceData, history: AssessmentHistory? = nil, demand: LabourDemand? = nil
    ) {
        self.proposal = proposal
        self.rules = rules
        self.reference = reference
        self.history = history
        self.demand = demand
        vocabulary = CourseVocabulary.of(proposal.course, reference)
        texts = ChargeableText.of(proposal)
    }

    /// What the provider-level indicators read.
    public var providerInput: ProviderInput { ProviderInput(provider: proposal.provider, rules: rules, history: history, reference: reference) }

    var course: CourseDetail { proposal.course }
    var method: LearningMethod { proposal.course.course.method }
    var isLive: Bool { method != .selfPaced }
    var isOnline: Bool { method != .offline }
    /// Whether participants meet in person: offline, or hybrid where the rule pack's hybrid does.
    var meetsInPerson: Bool { method == .offline || (method == .hybrid && rules.flag("hybridMeetsInPerson") == true) }
    var usesLMS: Bool { method == .selfPaced || method == .hybrid }
}

/// Live vacancies on the job portals that match a course's occupations and skills.
public struct LabourDemand: Sendable {
    public struct Search: Sendable {
        public let portal: String
        public let keyword: String
        public let matches: Int
        /// A few matching vacancy titles, as evidence.
        public let sample: [String]
        /// Why the portal could not be searched (then `matches` says nothing).
        public let error: String?
    }

    public let searches: [Search]
    public var total: Int { searches.reduce(0) { $0 + $1.matches } }
}

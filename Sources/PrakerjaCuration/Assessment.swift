import Foundation
import PrakerjaConformance
import PrakerjaModels

/// One indicator's result for one course: the verdict (for an assisted indicator before review,
/// `needsReview` with the verdict the machine proposes), why, and the evidence.
public struct IndicatorResult: Sendable, Codable {
    public let indicator: IndicatorCatalogue.Indicator
    public var verdict: Verdict
    /// What the machine proposes for an assisted indicator (nil when it could not propose).
    public var proposed: Verdict?
    public var message: String
    public var findings: [Finding]
    /// The HTTP exchanges the result rests on (monitoring reads partners; an assessment reads a
    /// proposal and has none).
    public var exchanges: [HTTPExchange]

    public init(
        indicator: IndicatorCatalogue.Indicator, verdict: Verdict, proposed: Verdict?, message: String, findings: [Finding],
        exchanges: [HTTPExchange] = []
    ) {
        self.indicator = indicator
        self.verdict = verdict
        self.proposed = proposed
        self.message = message
        self.findings = findings
        self.exchanges = exchanges
    }

    /// A stored or reported check result read back as the indicator's result (nil when the
    /// catalogue has no indicator by its id).
    public init?(_ result: CheckResult, in catalogue: IndicatorCatalogue) {
        guard let indicator = catalogue.indicator(result.check.id) else { return nil }
        self.init(
            indicator: indicator, verdict: result.verdict, proposed: result.proposed, message: result.message, findings: result.evidence.findings,
            exchanges: result.evidence.exchanges)
    }

    /// The verdict that counts for scores and decisions: the decided one, else the proposed one.
    public var effective: Verdict? { verdict == .needsReview ? proposed : verdict }

    /// A critical or major indicator still waiting for a person: no decision or course status is
    /// final while one does.
    public var holdsTheDecision: Bool { verdict == .needsReview && indicator.severity != .minor }

    /// The result as a report shows a check: critical and major indicators `required`, minor ones
    /// `recommended`; a failure is the partner's (or the proposal's), an error a transient fault.
    func checkResult(startedAt: Date) -> CheckResult {
        CheckResult(
            check: CheckDefinition(
                id: indicator.id, title: "\(indicator.title.en) (\(indicator.title.id))", requirement: indicator.criteria,
                severity: indicator.severity == .minor ? .recommended : .required,
                tags: [indicator.aspect, indicator.method.rawValue, indicator.severity.rawValue],
                inputs: indicator.evidence.proposal ?? [indicator.evidence.description]),
            verdict: verdict, fault: verdict == .fail ? .partner : verdict == .error ? .transient : nil, message: message,
            evidence: Evidence(exchanges: exchanges, findings: findings), startedAt: startedAt, milliseconds: 0, proposed: proposed)
    }
}

extension [IndicatorResult] {
    /// The critical and major indicators that wait for a person, by id.
    public var awaiting: [String] { filter(\.holdsTheDecision).map(\.indicator.id) }

    /// The indicators whose effective verdict is a failure, by id.
    public var failures: [String] { filter { $0.effective == .fail }.map(\.indicator.id) }
}

/// The result of assessing one proposal on the catalogue's indicators under a rule pack.
public struct AssessmentResult: Sendable {
    /// The decision: approve, approve with conditions, reject, or awaiting review.
    public typealias Decision = AssessmentDecision

    public let proposal: CourseProposal
    public let rulePack: String
    public let results: [IndicatorResult]
    public let aspects: [AspectScore]
    /// The weighted score over every judged indicator, 0 to 100.
    public let score: Double?
    /// Final only when every critical and major indicator is decided (or a decided critical
    /// failure already rejects); otherwise `awaitingReview`.
    public let decision: Decision
    /// The decision once reviewers confirm the machine's proposals (and pass what it could not judge).
    public let projected: Decision
    /// Whether people still have indicators to decide (or proposals to confirm): the decision can change.
    public let provisional: Bool
    /// The critical and major indicators that wait for a person, by id.
    public var awaiting: [String] { results.awaiting }

    /// The indicators whose effective verdict is a failure, by id.
    public var failures: [String] { results.failures }
}

/// Runs the assessment catalogue over a proposal: automated indicators decided, assisted ones
/// proposed for review, manual ones waiting for a person; then aspect scores and a decision.
/// Any critical failure rejects; a major failure, or an aspect below 60, approves with conditions.
/// The decision is final only when no critical or major indicator waits for a person (or a decided
/// critical failure already rejects); until then it is `awaiting-review`, with the decision the
/// machine's proposals project.
public enum Assessment {
    /// An aspect scoring below this sets conditions even without a major failure.
    public static let conditionScore = 60.0

    /// Why an assessment cannot run: the rule pack lacks a threshold the catalogue needs, or an
    /// automated or assisted indicator has no implementation.
    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Checks that `catalogue` can run under `rules`.
    public static func check(_ catalogue: IndicatorCatalogue, _ rules: RulePack) throws(SetupError) {
        try check(catalogue, rules, implemented: courseRules.union(providerRules))
        // A rule is looked up where its indicator's level says: the provider's rules or the course's.
        for indicator in catalogue.indicators where indicator.method != .manual {
            guard (indicator.level == .provider ? providerRules : courseRules).contains(indicator.id) else {
                throw SetupError(description: "\(indicator.id) is a \(indicator.level.rawValue)-level indicator but its rule judges the other level")
            }
        }
    }

    private static let courseRules = Set(AssessmentRules.all.keys), providerRules = Set(ProviderRules.all.keys)

    /// Checks that every automated or assisted indicator of `catalogue` is among `implemented`
    /// and every threshold it reads is in `rules` (assessment and monitoring alike).
    static func check(_ catalogue: IndicatorCatalogue, _ rules: RulePack, implemented: Set<String>) throws(SetupError) {
        for indicator in catalogue.indicators {
            if indicator.method != .manual, !implemented.contains(indicator.id) {
                throw SetupError(description: "\(indicator.id) is \(indicator.method.rawValue) but the kit has no implementation for it")
            }
            for parameter in indicator.parameters where !rules.defines(parameter) {
                throw SetupError(description: "\(indicator.id) reads \(parameter), which the rule pack \(rules.id) does not define")
            }
        }
    }

    /// Assesses one proposal. The provider-level indicators come from `provider` when the
    /// provider was already judged (once for all its proposals), else they are judged here.
    public static func run(
        _ catalogue: IndicatorCatalogue, _ input: AssessmentInput, provider: ProviderAssessment? = nil
    ) throws(SetupError) -> AssessmentResult {
        try check(catalogue, input.rules)
        if let provider, provider.provider.code != input.proposal.provider.code || provider.rulePack != input.rules.id {
            throw SetupError(
                description: "the provider assessment given is of \(provider.provider.code) under \(provider.rulePack), not of "
                    + "\(input.proposal.provider.code) under \(input.rules.id)")
        }
        let judged = provider ?? ProviderAssessment.judge(catalogue, input.providerInput)
        let byProvider = Dictionary(uniqueKeysWithValues: judged.results.map { ($0.indicator.id, $0) })
        let results = catalogue.indicators.map { indicator in
            if let unpublished = unpublished(indicator, input) { return unpublished }
            return byProvider[indicator.id] ?? result(indicator, input)
        }
        return summarize(catalogue, proposal: input.proposal, rulePack: input.rules.id, results: results)
    }

    static func result(_ indicator: IndicatorCatalogue.Indicator, _ input: AssessmentInput) -> IndicatorResult {
        judged(indicator, indicator.method == .manual ? nil : AssessmentRules.all[indicator.id]?(input))
    }

    /// For a course read from a provider's endpoint, an indicator whose evidence the endpoint
    /// does not publish waits for the proposal.
    private static func unpublished(_ indicator: IndicatorCatalogue.Indicator, _ input: AssessmentInput) -> IndicatorResult? {
        guard input.proposal.isFromEndpoint, let field = indicator.evidence.proposal?.first(where: CourseProposal.notPublishedByEndpoints)
        else { return nil }
        return IndicatorResult(
            indicator: indicator, verdict: .needsReview, proposed: nil,
            message: "the provider's endpoint does not publish \(field): it needs the proposal",
            findings: [])
    }

    /// An indicator's result from what its rule concluded: with no rule (a manual indicator) it
    /// waits for a person with the rubric; an assisted indicator's verdict, or one the rule could
    /// not reach, is proposed for a person to confirm; an automated one's is decided.
    static func judged(_ indicator: IndicatorCatalogue.Indicator, _ outcome: IndicatorOutcome?) -> IndicatorResult {
        guard let outcome else {
            return IndicatorResult(
                indicator: indicator, verdict: .needsReview, proposed: nil, message: "a person decides, with the rubric", findings: [])
        }
        if indicator.method == .assisted || outcome.verdict == nil {
            let message = outcome.verdict.map { "the machine proposes \($0.rawValue): \(outcome.message)" } ?? outcome.message
            return IndicatorResult(
                indicator: indicator, verdict: .needsReview, proposed: outcome.verdict, message: message, findings: outcome.findings)
        }
        return IndicatorResult(indicator: indicator, verdict: outcome.verdict!, proposed: nil, message: outcome.message, findings: outcome.findings)
    }

    /// Aspect scores, the overall score and the decision, from indicator results (reviewed or not).
    public static func summarize(
        _ catalogue: IndicatorCatalogue, proposal: CourseProposal, rulePack: String, results: [IndicatorResult]
    ) -> AssessmentResult {
        let scoring = Scoring(catalogue, results)
        return AssessmentResult(
            proposal: proposal, rulePack: rulePack, results: results, aspects: scoring.aspects, score: scoring.score,
            decision: scoring.decision, projected: scoring.projected, provisional: scoring.provisional)
    }

    /// What results add up to: each aspect's score, the overall score, the decision (and the one
    /// projected from the machine's proposals), and whether people still have indicators to decide.
    public struct Scoring: Sendable {
        public let aspects: [AspectScore]
        public let score: Double?
        public let decision: AssessmentResult.Decision
        public let projected: AssessmentResult.Decision
        public let provisional: Bool

        public init(_ catalogue: IndicatorCatalogue, _ results: [IndicatorResult]) {
            func score(_ results: [IndicatorResult]) -> Double? {
                let judged = results.filter { $0.effective == .pass || $0.effective == .fail }
                let total = judged.reduce(0) { $0 + $1.indicator.weight }
                guard total > 0 else { return nil }
                return Double(judged.filter { $0.effective == .pass }.reduce(0) { $0 + $1.indicator.weight }) * 100 / Double(total)
            }
            aspects = catalogue.aspects.map { aspect in
                let mine = results.filter { $0.indicator.aspect == aspect.id }
                return AspectScore(
                    aspect: aspect.id, title: aspect.title.en, score: score(mine),
                    judged: mine.filter { $0.effective == .pass || $0.effective == .fail }.count,
                    pending: mine.filter { $0.verdict == .needsReview }.count)
            }
            let failed = results.filter { $0.effective == .fail }
            projected =
                if failed.contains(where: { $0.indicator.severity == .critical }) {
                    .reject
                } else if failed.contains(where: { $0.indicator.severity == .major })
                    || aspects.contains(where: { ($0.score ?? 100) < conditionScore })
                {
                    .approveWithConditions
                } else { .approve }
            let rejected = results.contains { $0.verdict == .fail && $0.indicator.severity == .critical }
            decision = rejected ? .reject : results.contains(where: \.holdsTheDecision) ? .awaitingReview : projected
            self.score = score(results)
            provisional = results.contains { $0.verdict == .needsReview }
        }

        /// The aspects `results` have an indicator in (a provider's own assessment covers one).
        public func aspects(present results: [IndicatorResult]) -> [AspectScore] {
            let present = Set(results.map(\.indicator.aspect))
            return aspects.filter { present.contains($0.aspect) }
        }
    }
}

extension CourseProposal {
    /// Whether this proposal was read from a provider's endpoint rather than submitted.
    public var isFromEndpoint: Bool { proposalID.hasPrefix(Self.endpointPrefix) }

    /// How the proposal id of a course read from a provider's endpoint begins.
    static let endpointPrefix = "ENDPOINT-"

    /// Proposal fields a provider's course endpoint does not carry.
    static func notPublishedByEndpoints(_ pointer: String) -> Bool {
        pointer.hasPrefix("/design") || pointer.hasPrefix("/provider") || pointer.hasPrefix("/platforms")
    }
}

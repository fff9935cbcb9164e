import Foundation
import PrakerjaConformance
import PrakerjaModels

/// What the provider-level indicators read: the provider as it describes itself, the rule pack,
/// and the results history (its earlier proposals and live courses).
public struct ProviderInput: Sendable {
    /// The provider part of a proposal (or a provider file).
    public let provider: CourseProposal.Provider
    /// The thresholds.
    public let rules: RulePack
    /// The results history (the provider's record, reviewers' earlier verdicts), nil without one.
    public let history: AssessmentHistory?
    /// The public reference data (`Conformance/reference/`); without it the rules that read the
    /// provider's words leave them to a person.
    public let reference: ReferenceData?

    public init(provider: CourseProposal.Provider, rules: RulePack, history: AssessmentHistory? = nil, reference: ReferenceData? = nil) {
        self.provider = provider
        self.rules = rules
        self.history = history
        self.reference = reference
    }
}

/// A provider judged on its own, on the catalogue's provider-level indicators (`level: provider`):
/// legal entity, governance and contacts, data protection, track record. It is judged once and
/// the results are shown on each of its proposals. A person's verdict on a provider-level
/// indicator, given on the provider's own assessment (`prakerja assess --provider`), carries to
/// every later assessment of that provider while its details are the same.
public struct ProviderAssessment: Sendable {
    /// The provider as it describes itself.
    public let provider: CourseProposal.Provider
    /// The rule pack it was judged under.
    public let rulePack: String
    /// One result per provider-level indicator.
    public let results: [IndicatorResult]
    /// Their scores and the decision they make on their own.
    public let scoring: Assessment.Scoring

    /// Judges `input.provider` on the provider-level indicators of `catalogue`.
    public static func run(_ catalogue: IndicatorCatalogue, _ input: ProviderInput) throws(Assessment.SetupError) -> ProviderAssessment {
        try Assessment.check(catalogue, input.rules)
        return judge(catalogue, input)
    }

    /// Judges the provider on a catalogue and rule pack already checked (`Assessment.check`).
    static func judge(_ catalogue: IndicatorCatalogue, _ input: ProviderInput) -> ProviderAssessment {
        // A reviewer's verdicts carry only while the provider's details are what they reviewed: from
        // the newest of the provider's own assessments with these details where people decided it.
        let digest = input.history?.providers[input.provider.code] == nil ? "" : Self.digest(input.provider)
        let earlier = (input.history?.providers[input.provider.code] ?? []).filter { $0.assessment?.provider?.sha256 == digest }
        let results = catalogue.indicators.filter { $0.level == .provider }.map { indicator in
            for run in earlier.reversed() {
                guard let reviewed = run.checks.first(where: { $0.check.id == indicator.id && !($0.reviews ?? []).isEmpty }),
                    reviewed.verdict != .needsReview
                else { continue }
                let reviews = reviewed.reviews ?? []
                let who = Set(reviews.map(\.reviewer)).sorted().joined(separator: " and ")
                let notes = reviews.map(\.note).filter { !$0.isEmpty }.joined(separator: "; ")
                return IndicatorResult(
                    indicator: indicator, verdict: reviewed.verdict, proposed: reviewed.proposed,
                    message: "decided by \(who) on the provider's assessment \(run.runID)" + (notes.isEmpty ? "" : ": \(notes)"),
                    findings: reviewed.evidence.findings)
            }
            return Assessment.judged(indicator, indicator.method == .manual ? nil : ProviderRules.all[indicator.id]?(input))
        }
        return ProviderAssessment(provider: input.provider, rulePack: input.rules.id, results: results, scoring: .init(catalogue, results))
    }

    /// The SHA-256 of the provider's details that the provider-level indicators read (code, legal
    /// entity, licence, address, contacts, data protection contact; not the facilities, which each
    /// course is judged by): a reviewer's verdict carries only while they are the same.
    public static func digest(_ provider: CourseProposal.Provider) -> String {
        let fields = [
            provider.code, provider.legalEntity, provider.businessLicence, provider.address, provider.contactEmail, provider.contactPhone,
            provider.dataProtectionContact ?? "",
        ]
        return Contract.sha256(of: Data(fields.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\u{1F}").utf8))
    }

    /// The provider's assessment as a run (one suite, a group per aspect with provider-level
    /// indicators), so every report format and the results history cover it.
    public func runResult(source: String, startedAt: Date, finishedAt: Date = Date(), catalogue: IndicatorCatalogue) -> RunResult {
        var run = RunResult(
            runID: ConformanceRun.runID(startedAt), kitVersion: ConformanceRun.kitVersion, startedAt: startedAt, finishedAt: finishedAt,
            target: .init(name: "\(provider.code) \(provider.name)", role: "provider", baseURL: source), contracts: [],
            selection: ["rule pack \(rulePack)", "provider-level indicators"],
            suites: [Assessment.suite(catalogue, results, startedAt: startedAt, title: "Provider assessment (\(results.count) indicators)")])
        run.assessment = AssessmentSummary(
            proposalID: "PROVIDER-\(provider.code)", courseCode: provider.code, courseTitle: provider.name, rulePack: rulePack,
            decision: scoring.decision, projected: scoring.projected, provisional: scoring.provisional, score: scoring.score,
            aspects: scoring.aspects(present: results), course: nil,
            provider: .init(code: provider.code, sha256: Self.digest(provider)))
        return run
    }
}

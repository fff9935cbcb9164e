import Foundation
import PrakerjaConformance
import PrakerjaKitFiles

/// Assesses a proposal and its provider as `prakerja assess` does, into the run to record: the
/// assessment catalogue, the rule pack and the reference data loaded and checked once.
public struct ProposalAssessor: Sendable {
    public let catalogue: IndicatorCatalogue
    public let rules: RulePack
    public let reference: ReferenceData

    /// The kit's files under `root`, the rule pack `rulePack`; fails when they do not go together.
    public init(root: String = KitFiles.defaultRoot, rulePack: String = RulePack.defaultID) throws {
        catalogue = try IndicatorCatalogue.standard(.assessment, root: root)
        rules = try RulePack.named(rulePack, root: root)
        try Assessment.check(catalogue, rules)
        reference = try ReferenceData.standard(root: root)
    }

    /// `proposal` assessed against `history` (what earlier decisions and live courses say), as
    /// the run of `source`.
    public func assess(
        _ proposal: CourseProposal, source: String, history: AssessmentHistory?, demand: LabourDemand? = nil, startedAt: Date = Date()
    ) throws(Assessment.SetupError) -> RunResult {
        let input = AssessmentInput(proposal: proposal, rules: rules, reference: reference, history: history, demand: demand)
        let provider = try ProviderAssessment.run(catalogue, input.providerInput)
        return try Assessment.run(catalogue, input, provider: provider).runResult(source: source, startedAt: startedAt, catalogue: catalogue)
    }
}

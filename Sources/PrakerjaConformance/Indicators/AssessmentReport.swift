import Foundation

/// An assessment's outcome as every report shows it: the decision, the scores, the rule pack.
public struct AssessmentSummary: Sendable, Codable {
    public let proposalID: String
    public let courseCode: String
    public let courseTitle: String
    public let rulePack: String
    public let decision: AssessmentResult.Decision
    /// The decision once reviewers confirm the machine's proposals (absent in runs stored before it existed).
    public let projected: AssessmentResult.Decision?
    public let provisional: Bool
    public let score: Double?
    public let aspects: [AspectScore]
}

extension AssessmentResult {
    /// The assessment as a run: one suite, a group per aspect, a check per indicator, so the
    /// console, JSON, JUnit and HTML reports cover it.
    public func runResult(source: String, startedAt: Date, finishedAt: Date = Date(), catalogue: IndicatorCatalogue) -> RunResult {
        let groups = catalogue.aspects.map { aspect in
            let checks = results.filter { $0.indicator.aspect == aspect.id }.map { $0.checkResult(startedAt: startedAt) }
            return GroupResult(id: "assessment.\(aspect.id)", title: aspect.title.en, verdict: Verdict.rollUp(checks.map(\.verdict)), checks: checks)
        }
        let course = proposal.course.course
        var run = RunResult(
            runID: ConformanceRun.runID(startedAt), kitVersion: ConformanceRun.kitVersion, startedAt: startedAt, finishedAt: finishedAt,
            target: .init(name: "\(proposal.proposalID) \(course.title)", role: "course-proposal", baseURL: source),
            contracts: [], selection: ["rule pack \(rulePack)"],
            suites: [
                SuiteResult(id: "assessment", title: "Assessment (52 indicators)", verdict: Verdict.rollUp(groups.map(\.verdict)), groups: groups)
            ])
        run.assessment = AssessmentSummary(
            proposalID: proposal.proposalID, courseCode: course.code, courseTitle: course.title, rulePack: rulePack,
            decision: decision, projected: projected, provisional: provisional, score: score, aspects: aspects)
        return run
    }
}

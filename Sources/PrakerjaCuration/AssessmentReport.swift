import Foundation
import PrakerjaConformance

extension AssessmentSummary {
    /// The same assessment with the scores and decision `results` give (after reviews), over the
    /// aspects they cover, as the run first had them.
    func rescored(_ catalogue: IndicatorCatalogue, _ results: [IndicatorResult]) -> AssessmentSummary {
        let scoring = Assessment.Scoring(catalogue, results)
        return AssessmentSummary(
            proposalID: proposalID, courseCode: courseCode, courseTitle: courseTitle, rulePack: rulePack, decision: scoring.decision,
            projected: scoring.projected, provisional: scoring.provisional, score: scoring.score, aspects: scoring.aspects(present: results),
            course: course, provider: provider)
    }
}

extension AssessmentResult {
    /// The assessment as a run: one suite, a group per aspect, a check per indicator, so the
    /// console, JSON, JUnit and HTML reports cover it.
    public func runResult(source: String, startedAt: Date, finishedAt: Date = Date(), catalogue: IndicatorCatalogue) -> RunResult {
        let course = proposal.course.course
        var run = RunResult(
            runID: ConformanceRun.runID(startedAt), kitVersion: ConformanceRun.kitVersion, startedAt: startedAt, finishedAt: finishedAt,
            target: .init(name: "\(proposal.proposalID) \(course.title)", role: "course-proposal", baseURL: source),
            contracts: [], selection: ["rule pack \(rulePack)"],
            suites: [Assessment.suite(catalogue, results, startedAt: startedAt, title: "Assessment (\(results.count) indicators)")])
        run.assessment = AssessmentSummary(
            proposalID: proposal.proposalID, courseCode: course.code, courseTitle: course.title, rulePack: rulePack,
            decision: decision, projected: projected, provisional: provisional, score: score, aspects: aspects,
            course: AssessedCourse(proposal), provider: nil)
        return run
    }
}

extension Assessment {
    /// Indicator results as a report's suite: a group per aspect that has any, a check per indicator.
    static func suite(_ catalogue: IndicatorCatalogue, _ results: [IndicatorResult], startedAt: Date, title: String) -> SuiteResult {
        let groups = catalogue.aspects.compactMap { aspect -> GroupResult? in
            let checks = results.filter { $0.indicator.aspect == aspect.id }.map { $0.checkResult(startedAt: startedAt) }
            guard !checks.isEmpty else { return nil }
            return GroupResult(id: "assessment.\(aspect.id)", title: aspect.title.en, verdict: Verdict.rollUp(checks.map(\.verdict)), checks: checks)
        }
        return SuiteResult(id: "assessment", title: title, verdict: Verdict.rollUp(groups.map(\.verdict)), groups: groups)
    }
}

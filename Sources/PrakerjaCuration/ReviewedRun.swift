import Foundation
import PrakerjaConformance

extension RunResult {
    /// Where a result sits in `suites`.
    public struct ResultPosition: Sendable, Hashable {
        public let suite: Int
        public let group: Int
        public let check: Int
    }

    /// Every result's position by its key (`PlacedResult.key`), built in one pass: look many up
    /// with it rather than searching the run for each.
    public var positions: [String: ResultPosition] {
        var positions: [String: ResultPosition] = [:]
        for (s, suite) in suites.enumerated() {
            for (g, group) in suite.groups.enumerated() {
                for (c, check) in group.checks.enumerated() {
                    positions[PlacedResult.key(group: group.id, check: check.check.id)] = ResultPosition(suite: s, group: g, check: c)
                }
            }
        }
        return positions
    }

    /// The result at `position`.
    public subscript(position: ResultPosition) -> CheckResult {
        suites[position.suite].groups[position.group].checks[position.check]
    }

    /// Sets a result's reviews and the verdict they decide; it stays `needsReview` while they
    /// decide none (a critical indicator with one reviewer, or two who disagree).
    public mutating func settle(at position: ResultPosition, reviews: [Review], needsSecondReviewer: Bool, fromAnotherInstitution: Bool = false) {
        var result = self[position]
        result.reviews = reviews
        result.verdict =
            Review.decision(reviews, needsSecondReviewer: needsSecondReviewer, fromAnotherInstitution: fromAnotherInstitution) ?? .needsReview
        result.fault = result.verdict == .fail ? .partner : nil
        suites[position.suite].groups[position.group].checks[position.check] = result
    }

    /// After people decided results: verdicts rolled up again, and the assessment's scores and
    /// decision, or the sweep's course statuses and partner summaries, computed from the results
    /// as they now stand.
    public mutating func resummarize(with catalogue: IndicatorCatalogue) {
        for s in suites.indices {
            for g in suites[s].groups.indices {
                suites[s].groups[g].verdict = Verdict.rollUp(suites[s].groups[g].checks.map(\.verdict))
            }
            suites[s].verdict = Verdict.rollUp(suites[s].groups.map(\.verdict))
        }
        if let assessment { self.assessment = assessment.rescored(catalogue, checks.compactMap { IndicatorResult($0, in: catalogue) }) }
        if let monitoring, let suite = suites.first {
            var courses: [MonitoringSummary.Course] = [], results: [[IndicatorResult]] = []
            for (g, group) in suite.groups.enumerated() {
                let mine = group.checks.compactMap { IndicatorResult($0, in: catalogue) }
                guard let course = monitoring.courses.first(where: { MonitoringResult.groupID($0.code) == group.id }) else { continue }
                let status = CourseMonitoring.status(mine)
                courses.append(.init(code: course.code, title: course.title, status: status, provider: course.provider))
                results.append(mine)
                suites[0].groups[g] = GroupResult(
                    id: group.id, title: MonitoringResult.groupTitle(code: course.code, title: course.title, status: status),
                    verdict: group.verdict, checks: group.checks)
            }
            self.monitoring = MonitoringSummary(
                rulePack: monitoring.rulePack, courses: courses, partners: MonitoringResult.partners(results, named: monitoring.partners.map(\.name)))
        }
    }

    /// After people decided results of some of a sweep's courses, read alone (`suites` holds
    /// only those courses' groups; `before`, the same groups as they were; `monitoring.courses`,
    /// those courses or all of them): those courses' statuses, and the partners' counts,
    /// recomputed from their results; every other course as it stands. A verdict on one course
    /// of 20,000 reads that course, not the other 19,999; the summary is the one `resummarize`
    /// makes of the whole sweep.
    public mutating func resummarizeCourses(before: [GroupResult], with catalogue: IndicatorCatalogue) {
        guard let monitoring else { return }
        var courses = monitoring.courses
        let index = Dictionary(courses.indices.map { (MonitoringResult.groupID(courses[$0].code), $0) }, uniquingKeysWith: { first, _ in first })
        let earlier = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var counts = MonitoringResult.PartnerCounts(monitoring.partners)
        for s in suites.indices {
            for g in suites[s].groups.indices {
                let group = suites[s].groups[g]
                var title = group.title
                if let i = index[group.id] {
                    let mine = group.checks.compactMap { IndicatorResult($0, in: catalogue) }
                    if let old = earlier[group.id] { counts.remove(old.checks.compactMap { IndicatorResult($0, in: catalogue) }) }
                    counts.add(mine)
                    let course = courses[i], status = CourseMonitoring.status(mine)
                    courses[i] = .init(code: course.code, title: course.title, status: status, provider: course.provider)
                    title = MonitoringResult.groupTitle(code: course.code, title: course.title, status: status)
                }
                suites[s].groups[g] = GroupResult(
                    id: group.id, title: title, verdict: Verdict.rollUp(group.checks.map(\.verdict)), checks: group.checks)
            }
        }
        self.monitoring = MonitoringSummary(rulePack: monitoring.rulePack, courses: courses, partners: counts.summaries)
    }
}

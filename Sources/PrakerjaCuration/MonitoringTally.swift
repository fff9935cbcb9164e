import Foundation
import PrakerjaConformance

/// A monitoring sweep's summary made a course at a time from the results its workers recorded:
/// each course's status and each partner's counts, without holding the courses' results (a sweep
/// of 20,000 courses has 800,000). What a sweep's finish reads from the history.
public struct MonitoringTally: Sendable {
    private let catalogue: IndicatorCatalogue
    private let rulePack: String
    /// The approved courses by their group in the sweep's run.
    private let courses: [String: ApprovedCourse]
    private var statuses: [MonitoringSummary.Course] = []
    private var partners: MonitoringResult.PartnerCounts
    private var counted: Set<String> = []
    /// Each course counted as the sanction ladder reads it: its status and what the machine failed it on.
    public private(set) var judged: [SanctionLadder.Judged] = []

    /// A tally of the sweep of `approved` under `rulePack`, whose partners are `partnerNames`.
    public init(_ catalogue: IndicatorCatalogue, approved: [ApprovedCourse], rulePack: String, partnerNames: [String]) {
        self.catalogue = catalogue
        self.rulePack = rulePack
        courses = Dictionary(approved.map { (MonitoringResult.groupID($0.code), $0) }) { first, _ in first }
        partners = MonitoringResult.PartnerCounts(named: partnerNames)
    }

    /// Whether `group` is a judged course of the sweep: an approved course's group holding every
    /// indicator's result. One whose item failed part-way is not.
    private func isJudgedCourse(_ group: GroupResult) -> Bool {
        guard courses[group.id] != nil, group.checks.count == catalogue.indicators.count else { return false }
        return zip(group.checks, catalogue.indicators).allSatisfy { $0.check.id == $1.id }
    }

    /// Counts the course of `group` when it is a judged course of the sweep (an approved course's
    /// group holding every indicator's result); false for another group, as for a course whose
    /// item failed part-way.
    @discardableResult
    public mutating func add(_ group: GroupResult) -> Bool {
        guard isJudgedCourse(group), !counted.contains(group.id), let course = courses[group.id] else { return false }
        let results = group.checks.compactMap { IndicatorResult($0, in: catalogue) }
        guard results.count == group.checks.count else { return false }
        let status = CourseMonitoring.status(results)
        statuses.append(.init(code: course.code, title: course.title, status: status, provider: course.provider))
        judged.append(
            .init(
                code: course.code, title: course.title, provider: course.provider, status: status,
                failing: results.filter { $0.effective == .fail }.map(\.indicator.id)))
        partners.add(results)
        counted.insert(group.id)
        return true
    }

    /// Whether the group `id` was counted as a course.
    public func contains(_ id: String) -> Bool { counted.contains(id) }

    /// How many courses were counted.
    public var count: Int { statuses.count }

    /// The sweep's summary: the courses counted, in the order they came, and every partner.
    public var summary: MonitoringSummary { MonitoringSummary(rulePack: rulePack, courses: statuses, partners: partners.summaries) }
}

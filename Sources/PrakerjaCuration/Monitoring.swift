import Foundation
import PrakerjaConformance
import PrakerjaModels

/// One course's monitoring: every indicator's result and the course's status.
public struct CourseMonitoring: Sendable {
    public let approved: CourseProposal
    public let results: [IndicatorResult]
    public let status: CourseStatus

    /// The status once people confirm the machine's proposals (and pass what it could not judge):
    /// what the machine found.
    public var projected: CourseStatus { Self.status(results, untilReviewed: false) }

    /// The status `results` give: a critical failure is a violation, another failure a warning, an
    /// indicator that could not be judged an error; otherwise a course is compliant only when no
    /// critical or major indicator waits for a person (until then it awaits review).
    static func status(_ results: [IndicatorResult], untilReviewed: Bool = true) -> CourseStatus {
        let failed = results.filter { $0.effective == .fail }
        if failed.contains(where: { $0.indicator.severity == .critical }) { return .violation }
        if !failed.isEmpty { return .warning }
        if results.contains(where: { $0.verdict == .error }) { return .error }
        return untilReviewed && results.contains(where: \.holdsTheDecision) ? .awaitingReview : .compliant
    }
}

/// A monitoring sweep: every approved course, and a summary per partner.
public struct MonitoringResult: Sendable {
    public let rulePack: String
    public let courses: [CourseMonitoring]
    /// Every partner the sweep read (its config name), whether or not anything was found.
    public let partnerNames: [String]

    public init(rulePack: String, courses: [CourseMonitoring], partnerNames: [String]) {
        self.rulePack = rulePack
        self.courses = courses
        self.partnerNames = partnerNames
    }

    /// Per partner, every one the sweep read and any other its findings name, how many courses
    /// it is compliant, warned or in violation for: a course counts against a partner when a
    /// failed indicator's finding names it. A partner nothing was found about is compliant for all.
    public var partners: [MonitoringSummary.Partner] { Self.partners(courses.map(\.results), named: partnerNames) }

    /// The partner summaries of courses given by their indicator results, for `names` and every
    /// partner the findings name.
    static func partners(_ courses: [[IndicatorResult]], named names: [String]) -> [MonitoringSummary.Partner] {
        var counts = PartnerCounts(named: names)
        for results in courses { counts.add(results) }
        return counts.summaries
    }

    /// Per partner, how many courses it is warned, in violation or could not be judged for,
    /// counted a course at a time (a course counts against a partner a failed indicator's
    /// finding names).
    struct PartnerCounts: Sendable {
        private var byPartner: [String: [CourseStatus: Int]]
        private var courses = 0

        init(named names: [String]) { byPartner = Dictionary(uniqueKeysWithValues: Set(names).map { ($0, [:]) }) }

        /// The counts `summaries` were made of. Every partner is counted over every course of the
        /// sweep, so any one partner's counts add up to the number of courses.
        init(_ summaries: [MonitoringSummary.Partner]) {
            byPartner = Dictionary(
                summaries.map { ($0.name, [.warning: $0.warning, .violation: $0.violation, .error: $0.error].filter { $0.value > 0 }) },
                uniquingKeysWith: { first, _ in first })
            courses = summaries.first.map { $0.compliant + $0.warning + $0.violation + $0.error } ?? 0
        }

        mutating func add(_ results: [IndicatorResult]) { count(results, by: 1) }

        /// Takes back what `add` counted for a course's `results` (as they were then).
        mutating func remove(_ results: [IndicatorResult]) { count(results, by: -1) }

        private mutating func count(_ results: [IndicatorResult], by step: Int) {
            courses += step
            var worst: [String: CourseStatus] = [:]
            for result in results {
                let status: CourseStatus =
                    result.effective == .fail
                    ? (result.indicator.severity == .critical ? .violation : .warning)
                    : result.verdict == .error ? .error : .compliant
                for partner in Set(result.findings.compactMap(\.location).filter { !$0.hasPrefix("/") }) {
                    worst[partner] = MonitoringResult.worse(worst[partner] ?? .compliant, status)
                }
            }
            for (partner, status) in worst { byPartner[partner, default: [:]][status, default: 0] += step }
        }

        var summaries: [MonitoringSummary.Partner] {
            byPartner.keys.sorted().map { name in
                let counts = byPartner[name] ?? [:]
                return .init(
                    name: name, compliant: courses - counts.filter { $0.key != .compliant }.values.reduce(0, +),
                    warning: counts[.warning] ?? 0, violation: counts[.violation] ?? 0, error: counts[.error] ?? 0)
            }
        }
    }

    /// Each course as the sanction ladder reads it: its status and what the machine failed it on.
    public var judged: [SanctionLadder.Judged] {
        courses.map { course in
            let detail = course.approved.course.course
            return .init(
                code: detail.code, title: detail.title, provider: course.approved.provider.code, status: course.status,
                failing: course.results.filter { $0.effective == .fail }.map(\.indicator.id))
        }
    }

    static func worse(_ a: CourseStatus, _ b: CourseStatus) -> CourseStatus {
        let order: [CourseStatus] = [.compliant, .awaitingReview, .error, .warning, .violation]
        return order.firstIndex(of: a)! >= order.firstIndex(of: b)! ? a : b
    }
}

/// Runs the monitoring catalogue over approved courses against what the partners publish now.
public enum Monitoring {
    /// Checks that every automated or assisted indicator has an implementation and every
    /// threshold is in the rule pack.
    public static func check(_ catalogue: IndicatorCatalogue, _ rules: RulePack) throws(Assessment.SetupError) {
        try Assessment.check(catalogue, rules, implemented: Set(MonitoringRules.all.keys))
    }

    /// Judges one course's snapshot. A result that is not a pass carries, as evidence, the
    /// exchanges with the partners its findings name (every exchange of the course when they name
    /// none, as for a partner that could not be read).
    public static func judge(_ catalogue: IndicatorCatalogue, _ input: MonitoringInput) -> CourseMonitoring {
        let results = catalogue.indicators.map { indicator -> IndicatorResult in
            guard indicator.method != .manual, let rule = MonitoringRules.all[indicator.id] else {
                return IndicatorResult(
                    indicator: indicator, verdict: .needsReview, proposed: nil, message: "a person decides, with the rubric", findings: [])
            }
            let outcome = rule(input)
            let exchanges = outcome.verdict == .pass || outcome.verdict == .notApplicable ? [] : evidence(outcome.findings, input.snapshot.exchanges)
            if outcome.verdict == .error || outcome.verdict == .notApplicable || (indicator.method == .automated && outcome.verdict != nil) {
                return IndicatorResult(
                    indicator: indicator, verdict: outcome.verdict!, proposed: nil, message: outcome.message, findings: outcome.findings,
                    exchanges: exchanges)
            }
            let message = outcome.verdict.map { "the machine proposes \($0.rawValue): \(outcome.message)" } ?? outcome.message
            return IndicatorResult(
                indicator: indicator, verdict: .needsReview, proposed: outcome.verdict, message: message, findings: outcome.findings,
                exchanges: exchanges)
        }
        return CourseMonitoring(approved: input.snapshot.approved, results: results, status: CourseMonitoring.status(results))
    }

    /// The exchanges with the partners `findings` name (a finding's location is a partner's
    /// config name, or a pointer into the approved proposal), or all of them when none is named.
    static func evidence(_ findings: [Finding], _ exchanges: [String: [HTTPExchange]]) -> [HTTPExchange] {
        let named = Set(findings.compactMap(\.location)).intersection(exchanges.keys)
        let partners = named.isEmpty ? Set(exchanges.keys) : named
        return partners.sorted().flatMap { exchanges[$0] ?? [] }
    }

    /// Reads and judges every approved course, `concurrency` at a time, with what `participants`
    /// say of each when the sweep was given the program's feeds. With a `journal`, a
    /// course whose results it already holds is not read again (a resumed sweep, an item redone),
    /// and each course's results are recorded as soon as it is judged. The result holds the
    /// courses judged or held. A sweep worker's share (`share`: `approved` are the sweep's courses
    /// from that index on, placed so in its run) is recorded in the journal and not kept in the
    /// result as well (a share can be thousands of courses, each with its evidence).
    public static func run(
        _ catalogue: IndicatorCatalogue, approved: [CourseProposal], sources: MonitoringSources, rules: RulePack,
        reference: ReferenceData, participants: ParticipantFeeds? = nil, concurrency: Int = 8, now: Date = Date(), journal: RunJournal? = nil,
        share: Int? = nil
    ) async throws(Assessment.SetupError) -> MonitoringResult {
        try check(catalogue, rules)
        let courses = await withTaskGroup(of: (Int, CourseMonitoring).self) { group in
            var results: [CourseMonitoring?] = approved.map { course in journal.flatMap { recorded(course, catalogue, $0.completed) } }
            var pending = approved.indices.filter { results[$0] == nil }[...]
            func start() {
                guard let index = pending.popFirst() else { return }
                let course = approved[index]
                group.addTask {
                    let snapshot = await sources.snapshot(of: course)
                    return (
                        index,
                        judge(
                            catalogue, MonitoringInput(snapshot: snapshot, rules: rules, reference: reference, participants: participants, now: now))
                    )
                }
            }
            for _ in 0..<max(1, concurrency) { start() }
            while let (index, result) = await group.next() {
                if let journal {
                    await journal.record(result.placed(at: (share ?? 0) + index, startedAt: journal.startedAt))
                    if share == nil { results[index] = result }
                } else {
                    results[index] = result
                }
                start()
            }
            return results.compactMap { $0 }
        }
        return MonitoringResult(rulePack: rules.id, courses: courses, partnerNames: sources.partnerNames)
    }

    /// A course as a journal holds it: every indicator's result, or nil if any is missing.
    static func recorded(_ course: CourseProposal, _ catalogue: IndicatorCatalogue, _ completed: [String: CheckResult]) -> CourseMonitoring? {
        let group = MonitoringResult.groupID(course.course.course.code)
        var results: [IndicatorResult] = []
        for indicator in catalogue.indicators {
            guard let stored = completed[PlacedResult.key(group: group, check: indicator.id)], let result = IndicatorResult(stored, in: catalogue)
            else {
                return nil
            }
            results.append(result)
        }
        return CourseMonitoring(approved: course, results: results, status: CourseMonitoring.status(results))
    }
}

extension CourseMonitoring {
    /// The course's results placed in the sweep's run: its group, at the `index`-th course.
    func placed(at index: Int, startedAt: Date) -> [PlacedResult] {
        let group = group(startedAt: startedAt)
        return group.checks.enumerated().map { offset, result in
            PlacedResult(
                position: index * results.count + offset, suiteID: MonitoringResult.suiteID, suiteTitle: MonitoringResult.suiteTitle,
                groupID: group.id, groupTitle: group.title, result: result)
        }
    }

    /// The course as a group of the sweep's run (its status in the title).
    func group(startedAt: Date) -> GroupResult {
        let checks = results.map { $0.checkResult(startedAt: startedAt) }
        let course = approved.course.course
        return GroupResult(
            id: MonitoringResult.groupID(course.code), title: MonitoringResult.groupTitle(code: course.code, title: course.title, status: status),
            verdict: Verdict.rollUp(checks.map(\.verdict)), checks: checks)
    }
}

extension MonitoringResult {
    static let suiteID = "monitoring", suiteTitle = "Monitoring (40 indicators)"

    /// The group of a course's results in a sweep's run.
    public static func groupID(_ code: String) -> String { "monitoring.\(code.lowercased())" }

    static func groupTitle(code: String, title: String, status: CourseStatus) -> String { "\(code) \(title): \(status.rawValue)" }

    /// A sweep's run before any course is judged: what the results history stores first.
    public static func header(source: String, courses: Int, rulePack: String, runID: String? = nil, startedAt: Date) -> RunResult {
        var run = RunResult(
            runID: runID ?? ConformanceRun.runID(startedAt), kitVersion: ConformanceRun.kitVersion, startedAt: startedAt, finishedAt: startedAt,
            target: .init(name: "Monitoring of \(courses) approved courses", role: "monitoring", baseURL: source),
            contracts: [], selection: ["rule pack \(rulePack)"],
            suites: [SuiteResult(id: suiteID, title: suiteTitle, verdict: .skipped, groups: [])])
        run.monitoring = MonitoringSummary(rulePack: rulePack, courses: [], partners: [])
        return run
    }

    /// The sweep as a run: one suite, a group per course (its status in the title), a check per
    /// indicator, so every report format covers it.
    public func runResult(source: String, runID: String? = nil, startedAt: Date, finishedAt: Date = Date()) -> RunResult {
        let groups = courses.map { $0.group(startedAt: startedAt) }
        var run = Self.header(source: source, courses: courses.count, rulePack: rulePack, runID: runID, startedAt: startedAt)
        run.finishedAt = finishedAt
        run.suites = [SuiteResult(id: Self.suiteID, title: Self.suiteTitle, verdict: Verdict.rollUp(groups.map(\.verdict)), groups: groups)]
        run.monitoring = MonitoringSummary(
            rulePack: rulePack,
            courses: courses.map {
                .init(
                    code: $0.approved.course.course.code, title: $0.approved.course.course.title, status: $0.status,
                    provider: $0.approved.provider.code)
            },
            partners: partners)
        return run
    }
}

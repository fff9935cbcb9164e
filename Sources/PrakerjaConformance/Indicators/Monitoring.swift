import Foundation
import PrakerjaModels

/// Where a live course stands against what was approved.
public enum CourseStatus: String, Sendable, Codable, CaseIterable {
    /// Every judged indicator passed.
    case compliant
    /// A major or minor indicator failed: the provider or platform must correct it.
    case warning
    /// A critical indicator failed.
    case violation
    /// A partner could not be read, so some indicators could not be judged (and nothing failed).
    case error
}

/// One course's monitoring: every indicator's result and the course's status.
public struct CourseMonitoring: Sendable {
    public let approved: CourseProposal
    public let results: [IndicatorResult]
    public let status: CourseStatus

    /// The status `results` give: a critical failure is a violation, another failure a warning,
    /// an indicator that could not be judged an error.
    static func status(_ results: [IndicatorResult]) -> CourseStatus {
        let failed = results.filter { $0.effective == .fail }
        if failed.contains(where: { $0.indicator.severity == .critical }) { return .violation }
        if !failed.isEmpty { return .warning }
        return results.contains { $0.verdict == .error } ? .error : .compliant
    }
}

/// A monitoring sweep: every approved course, and a summary per partner.
public struct MonitoringResult: Sendable {
    public let rulePack: String
    public let courses: [CourseMonitoring]

    /// Per partner (by the name its findings carry), how many courses it is compliant, warned or
    /// in violation for: a course counts against a partner when a failed indicator's finding names it.
    public var partners: [MonitoringSummary.Partner] {
        var byPartner: [String: [CourseStatus: Int]] = [:]
        for course in courses {
            var worst: [String: CourseStatus] = [:]
            for result in course.results {
                let status: CourseStatus = result.effective == .fail ? (result.indicator.severity == .critical ? .violation : .warning)
                    : result.verdict == .error ? .error : .compliant
                for partner in Set(result.findings.compactMap(\.location).filter { !$0.hasPrefix("/") }) {
                    worst[partner] = Self.worse(worst[partner] ?? .compliant, status)
                }
            }
            for (partner, status) in worst { byPartner[partner, default: [:]][status, default: 0] += 1 }
        }
        return byPartner.keys.sorted().map { name in
            let counts = byPartner[name] ?? [:]
            return .init(name: name, compliant: courses.count - counts.filter { $0.key != .compliant }.values.reduce(0, +),
                         warning: counts[.warning] ?? 0, violation: counts[.violation] ?? 0, error: counts[.error] ?? 0)
        }
    }

    static func worse(_ a: CourseStatus, _ b: CourseStatus) -> CourseStatus {
        let order: [CourseStatus] = [.compliant, .error, .warning, .violation]
        return order.firstIndex(of: a)! >= order.firstIndex(of: b)! ? a : b
    }
}

/// What every report shows of a sweep: each course's status and each partner's counts.
public struct MonitoringSummary: Sendable, Codable {
    public struct Course: Sendable, Codable {
        public let code: String
        public let title: String
        public let status: CourseStatus
    }

    public struct Partner: Sendable, Codable {
        public let name: String
        public let compliant: Int
        public let warning: Int
        public let violation: Int
        public let error: Int
    }

    public let rulePack: String
    public let courses: [Course]
    public let partners: [Partner]
}

/// Runs the monitoring catalogue over approved courses against what the partners publish now.
public enum Monitoring {
    /// Checks that every automated or assisted indicator has an implementation and every
    /// threshold is in the rule pack.
    public static func check(_ catalogue: IndicatorCatalogue, _ rules: RulePack) throws(Assessment.SetupError) {
        try Assessment.check(catalogue, rules, implemented: Set(MonitoringRules.all.keys))
    }

    /// Judges one course's snapshot.
    public static func judge(_ catalogue: IndicatorCatalogue, _ input: MonitoringInput) -> CourseMonitoring {
        let results = catalogue.indicators.map { indicator -> IndicatorResult in
            guard indicator.method != .manual, let rule = MonitoringRules.all[indicator.id] else {
                return IndicatorResult(indicator: indicator, verdict: .needsReview, proposed: nil, message: "a person decides, with the rubric", findings: [])
            }
            let outcome = rule(input)
            if outcome.verdict == .error || outcome.verdict == .notApplicable || (indicator.method == .automated && outcome.verdict != nil) {
                return IndicatorResult(indicator: indicator, verdict: outcome.verdict!, proposed: nil, message: outcome.message, findings: outcome.findings)
            }
            let message = outcome.verdict.map { "the machine proposes \($0.rawValue): \(outcome.message)" } ?? outcome.message
            return IndicatorResult(indicator: indicator, verdict: .needsReview, proposed: outcome.verdict, message: message, findings: outcome.findings)
        }
        return CourseMonitoring(approved: input.snapshot.approved, results: results, status: CourseMonitoring.status(results))
    }

    /// Reads and judges every approved course, `concurrency` at a time.
    public static func run(_ catalogue: IndicatorCatalogue, approved: [CourseProposal], sources: MonitoringSources, rules: RulePack,
                           concurrency: Int = 8, now: Date = Date()) async throws(Assessment.SetupError) -> MonitoringResult {
        try check(catalogue, rules)
        let courses = await withTaskGroup(of: (Int, CourseMonitoring).self) { group in
            var results: [CourseMonitoring?] = Array(repeating: nil, count: approved.count)
            var next = 0
            func start() {
                guard next < approved.count else { return }
                let index = next, course = approved[index]
                group.addTask {
                    let snapshot = await sources.snapshot(of: course)
                    return (index, judge(catalogue, MonitoringInput(snapshot: snapshot, rules: rules, now: now)))
                }
                next += 1
            }
            for _ in 0..<max(1, concurrency) { start() }
            while let (index, result) = await group.next() {
                results[index] = result
                start()
            }
            return results.compactMap { $0 }
        }
        return MonitoringResult(rulePack: rules.id, courses: courses)
    }
}

extension MonitoringResult {
    /// The sweep as a run: one suite, a group per course (its status in the title), a check per
    /// indicator, so every report format covers it.
    public func runResult(source: String, startedAt: Date, finishedAt: Date = Date()) -> RunResult {
        let groups = courses.map { course in
            let checks = course.results.map { $0.checkResult(startedAt: startedAt) }
            let code = course.approved.course.course.code
            return GroupResult(id: "monitoring.\(code.lowercased())", title: "\(code) \(course.approved.course.course.title): \(course.status.rawValue)",
                               verdict: Verdict.rollUp(checks.map(\.verdict)), checks: checks)
        }
        var run = RunResult(runID: ConformanceRun.runID(startedAt), kitVersion: ConformanceRun.kitVersion, startedAt: startedAt, finishedAt: finishedAt,
                            target: .init(name: "Monitoring of \(courses.count) approved courses", role: "monitoring", baseURL: source),
                            contracts: [], selection: ["rule pack \(rulePack)"],
                            suites: [SuiteResult(id: "monitoring", title: "Monitoring (40 indicators)", verdict: Verdict.rollUp(groups.map(\.verdict)), groups: groups)])
        run.monitoring = MonitoringSummary(rulePack: rulePack,
                                           courses: courses.map { .init(code: $0.approved.course.course.code, title: $0.approved.course.course.title, status: $0.status) },
                                           partners: partners)
        return run
    }
}

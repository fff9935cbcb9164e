import Foundation

/// A run without its results: the header (each suite's id, title and verdict, no groups), a line
/// per group, the counts, and what the exit code needs. Every report's head and tail is written
/// from it, so a run too large to hold (a sweep of 20,000 courses) is reported a group at a time:
/// the outline from a first pass over the groups, then each group as it comes
/// (`StreamedReportWriter`).
public struct RunOutline: Sendable {
    /// A group as the reports' tables and charts show it, without its results.
    public struct Group: Sendable {
        public let id: String
        public let title: String
        public let verdict: Verdict
        public let counts: VerdictCounts
        /// Checks judged pass or fail (those waiting for a reviewer by the machine's proposal),
        /// and of them those that passed (a warning passes): the pass-rate chart's bar.
        public let judged: Int
        public let passed: Int
        /// Results that failed, could not be judged, or that the machine proposes to fail.
        public let problems: Int

        init(_ group: GroupResult) {
            // A result waiting for a reviewer counts by the machine's proposal, or not at all without one.
            let judged = group.checks.compactMap { $0.verdict == .needsReview ? $0.proposed : $0.verdict }.filter {
                [.pass, .fail, .warn, .error].contains($0)
            }
            (id, title, verdict, counts) = (group.id, group.title, Verdict.rollUp(group.checks.map(\.verdict)), VerdictCounts(group.checks))
            self.judged = judged.count
            passed = judged.filter { $0 == .pass || $0 == .warn }.count
            problems = group.checks.filter(\.isProblem).count
        }
    }

    /// The run's header: its suites carry their verdicts but no groups.
    public private(set) var header: RunResult
    /// Each suite's groups, in the order they came.
    public private(set) var groups: [[Group]] = []
    /// Every result's verdict, counted.
    public private(set) var counts = VerdictCounts([])
    /// Required checks that failed, and that could not be judged.
    public private(set) var requiredFailed = 0, requiredErrors = 0

    /// An outline to add groups to, of the run `header` describes (its suites are ignored: they
    /// come with the groups).
    public init(header: RunResult) {
        self.header = header
        self.header.suites = []
    }

    /// The outline of a whole run.
    public init(_ run: RunResult) {
        self.init(header: run)
        for suite in run.suites {
            for group in suite.groups { add(group, suiteID: suite.id, suiteTitle: suite.title) }
            // A suite without groups is still the run's (its verdict skipped).
            if suite.groups.isEmpty { open(suiteID: suite.id, suiteTitle: suite.title) }
        }
    }

    /// Adds a group of the suite `suiteID`; groups come in the run's order, a suite's together.
    public mutating func add(_ group: GroupResult, suiteID: String, suiteTitle: String) {
        open(suiteID: suiteID, suiteTitle: suiteTitle)
        let line = Group(group)
        groups[groups.count - 1].append(line)
        header.suites[header.suites.count - 1].verdict = Verdict.rollUp(groups[groups.count - 1].map(\.verdict))
        counts.add(line.counts)
        let required = group.checks.filter { $0.check.severity == .required }
        requiredFailed += required.filter { $0.verdict == .fail }.count
        requiredErrors += required.filter { $0.verdict == .error }.count
    }

    private mutating func open(suiteID: String, suiteTitle: String) {
        guard header.suites.last?.id != suiteID else { return }
        header.suites.append(SuiteResult(id: suiteID, title: suiteTitle, verdict: .skipped, groups: []))
        groups.append([])
    }

    /// Sets what only the whole run tells: a sweep's summary, the waivers' outcome, the end.
    public mutating func update(_ change: (inout RunResult) -> Void) {
        let suites = header.suites
        change(&header)
        header.suites = suites
    }

    /// The run's verdict: its suites' rolled up.
    public var verdict: Verdict { header.verdict }

    /// The run's exit code, as `RunResult.exitCode` gives it for the whole run.
    public var exitCode: Int32 {
        RunResult.exitCode(
            assessment: header.assessment, monitoring: header.monitoring, requiredFailed: requiredFailed > 0, requiredErrors: requiredErrors > 0)
    }
}

extension VerdictCounts {
    /// Adds `other`'s counts to these.
    public mutating func add(_ other: VerdictCounts) {
        for (verdict, count) in other.counts { counts[verdict, default: 0] += count }
    }
}

import Foundation

/// The outcome of one check in one run.
public struct CheckResult: Codable, Sendable {
    public let check: CheckDefinition
    public var verdict: Verdict
    /// Whose fault a `fail` or `error` is.
    public var fault: Fault?
    /// One line: why this verdict.
    public var message: String
    public var evidence: Evidence
    public var startedAt: Date
    public var milliseconds: Double
    /// For an indicator a person must confirm (`needsReview`): the verdict the machine proposes.
    public var proposed: Verdict? = nil
    /// The people who judged it (oldest first), when it needed a person.
    public var reviews: [Review]? = nil

    public init(
        check: CheckDefinition, verdict: Verdict, fault: Fault?, message: String, evidence: Evidence, startedAt: Date, milliseconds: Double,
        proposed: Verdict? = nil, reviews: [Review]? = nil
    ) {
        self.check = check
        self.verdict = verdict
        self.fault = fault
        self.message = message
        self.evidence = evidence
        self.startedAt = startedAt
        self.milliseconds = milliseconds
        self.proposed = proposed
        self.reviews = reviews
    }
}

/// A group's checks and their rolled-up verdict.
public struct GroupResult: Codable, Sendable {
    public let id: String
    public let title: String
    public var verdict: Verdict
    public var checks: [CheckResult]

    public init(id: String, title: String, verdict: Verdict, checks: [CheckResult]) {
        self.id = id
        self.title = title
        self.verdict = verdict
        self.checks = checks
    }
}

/// A suite's groups and their rolled-up verdict.
public struct SuiteResult: Codable, Sendable {
    public let id: String
    public let title: String
    public var verdict: Verdict
    public var groups: [GroupResult]

    public init(id: String, title: String, verdict: Verdict, groups: [GroupResult]) {
        self.id = id
        self.title = title
        self.verdict = verdict
        self.groups = groups
    }

    /// Every check result, in suite order.
    public var checks: [CheckResult] { groups.flatMap(\.checks) }
}

/// Counts of results by verdict.
public struct VerdictCounts: Codable, Sendable, Equatable {
    public var counts: [String: Int]

    public init(_ results: some Sequence<CheckResult>) {
        var counts = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, 0) })
        for result in results { counts[result.verdict.rawValue, default: 0] += 1 }
        self.counts = counts
    }

    public subscript(verdict: Verdict) -> Int { counts[verdict.rawValue] ?? 0 }
    public var total: Int { counts.values.reduce(0, +) }
}

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
}

/// A group's checks and their rolled-up verdict.
public struct GroupResult: Codable, Sendable {
    public let id: String
    public let title: String
    public var verdict: Verdict
    public var checks: [CheckResult]
}

/// A suite's groups and their rolled-up verdict.
public struct SuiteResult: Codable, Sendable {
    public let id: String
    public let title: String
    public var verdict: Verdict
    public var groups: [GroupResult]

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

import Foundation
import PrakerjaConformance

/// Whether a stored run finished or was left running (its process killed before it finished):
/// a running run can be resumed.
public enum RunStatus: String, Sendable, Codable {
    case running, finished
}

/// A run as the history holds it: the whole result (in order, with evidence and reviews) and
/// whether it finished.
public struct StoredRun: Sendable {
    public let run: RunResult
    public let status: RunStatus

    /// Results already recorded, by `PlacedResult.key`: what a resumed run does not run again.
    /// An error is nobody's verdict (the kit could not reach or judge the partner, often because
    /// the run was stopped mid-request): it is left out, so a resumed run tries that check again.
    public var completed: [String: CheckResult] {
        var completed: [String: CheckResult] = [:]
        for suite in run.suites {
            for group in suite.groups {
                for result in group.checks where result.verdict != .error {
                    completed[PlacedResult.key(group: group.id, check: result.check.id)] = result
                }
            }
        }
        return completed
    }
}

/// One line of `runs list`: what a run judged, when, and how it came out.
public struct RunEntry: Sendable, Codable {
    public let id: String
    public let kind: RunResult.Kind
    public let subject: String
    public let status: RunStatus
    public let startedAt: Date
    public let finishedAt: Date?
    public let exitCode: Int32?
    /// Results by verdict.
    public let counts: [String: Int]
    /// The assessment's decision, or the sweep's course statuses, when the run has them.
    public let outcome: String?

    /// How many results the run has.
    public var results: Int { counts.values.reduce(0, +) }

    /// Whether this run comes after `other` in the runs listed newest first (it started earlier,
    /// or at the same moment with a smaller id): the order `ResultsStore.runs(after:)` pages in.
    public func isListed(after other: RunEntry) -> Bool { (startedAt, id) < (other.startedAt, other.id) }
}

/// A group of a stored run's results, as `ResultsStore.forEachGroup` reads them: its suite, the
/// group (verdict rolled up), and each result's position in the run.
public struct StoredGroup: Sendable {
    public let suiteID: String
    public let suiteTitle: String
    public var group: GroupResult
    public var positions: [Int]
}

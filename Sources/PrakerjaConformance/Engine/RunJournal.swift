import Foundation

/// A result with its place in its run: the suite and group around it and its position, which is
/// what the results history needs to rebuild the run from results recorded one by one.
public struct PlacedResult: Sendable {
    public let position: Int
    public let suiteID: String
    public let suiteTitle: String
    public let groupID: String
    public let groupTitle: String
    public let result: CheckResult

    public init(position: Int, suiteID: String, suiteTitle: String, groupID: String, groupTitle: String, result: CheckResult) {
        self.position = position
        self.suiteID = suiteID
        self.suiteTitle = suiteTitle
        self.groupID = groupID
        self.groupTitle = groupTitle
        self.result = result
    }

    /// The key a result has in its run: its group and its check (a monitoring sweep has the same
    /// indicator once per course, so the check id alone is not unique).
    public var key: String { Self.key(group: groupID, check: result.check.id) }

    public static func key(group: String, check: String) -> String { "\(group)/\(check)" }
}

/// What a run keeps as it goes, so a killed run can be finished later: the results already
/// recorded (a resumed run does not run them again), and where each new result goes as soon as
/// it is known. The results history (`PrakerjaStore`) makes one per stored run.
public struct RunJournal: Sendable {
    /// The run's id and start, kept when it resumes.
    public let runID: String
    public let startedAt: Date
    /// Results recorded before, by `PlacedResult.key`.
    public let completed: [String: CheckResult]
    /// Records results as they finish. It must not throw: a journal that cannot write remembers
    /// why, and the run's owner learns it when it finishes the run.
    public let record: @Sendable ([PlacedResult]) async -> Void

    public init(runID: String, startedAt: Date, completed: [String: CheckResult] = [:], record: @escaping @Sendable ([PlacedResult]) async -> Void) {
        self.runID = runID
        self.startedAt = startedAt
        self.completed = completed
        self.record = record
    }
}

extension RunResult {
    /// Every result with its place, in run order.
    public var placedResults: [PlacedResult] {
        var placed: [PlacedResult] = []
        forEachPlacedResult { placed.append($0) }
        return placed
    }

    /// Calls `body` with every result and its place, in run order, without building them all at
    /// once (a sweep of thousands of courses has tens of thousands).
    public func forEachPlacedResult(_ body: (PlacedResult) throws -> Void) rethrows {
        var position = 0
        for suite in suites {
            for group in suite.groups {
                for result in group.checks {
                    try body(
                        PlacedResult(
                            position: position, suiteID: suite.id, suiteTitle: suite.title, groupID: group.id, groupTitle: group.title,
                            result: result))
                    position += 1
                }
            }
        }
    }
}

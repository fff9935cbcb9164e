import Foundation

/// A report format as parts: what comes before the groups (from the run's outline), each group,
/// and what comes after. A whole run is rendered by the same parts (`render`) as a run written a
/// group at a time (`StreamedReportWriter`), so the two cannot differ.
protocol ReportLayout: Sendable {
    /// What writing a group can fail with (`Never` for the text formats).
    associatedtype Failure: Error = Never

    /// Before the first suite.
    func head(_ outline: RunOutline) -> String
    /// Before the groups of the suite at `suite`.
    func suiteHead(_ outline: RunOutline, suite: Int) -> String
    /// A group: the `index`-th of its suite.
    func group(_ group: GroupResult, index: Int) throws(Failure) -> String
    /// After the groups of the suite at `suite`.
    func suiteTail(_ outline: RunOutline, suite: Int) -> String
    /// After the last suite.
    func tail(_ outline: RunOutline) -> String
}

extension ReportLayout {
    func suiteHead(_ outline: RunOutline, suite: Int) -> String { "" }
    func suiteTail(_ outline: RunOutline, suite: Int) -> String { "" }

    /// The whole run, rendered by the parts.
    func render(_ run: RunResult) throws(Failure) -> String {
        let outline = RunOutline(run)
        var text = head(outline)
        for (index, suite) in run.suites.enumerated() {
            text += suiteHead(outline, suite: index)
            for (position, group) in suite.groups.enumerated() { text += try self.group(group, index: position) }
            text += suiteTail(outline, suite: index)
        }
        return text + tail(outline)
    }
}

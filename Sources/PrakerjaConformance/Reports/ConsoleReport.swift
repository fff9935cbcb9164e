import Foundation

/// The run on a terminal: a progress line while it runs (redrawn on a TTY, one line per check
/// otherwise), then a summary table and every failure with its evidence.
public struct ConsoleReport: Sendable {
    public let write: @Sendable (String) -> Void
    public let isTerminal: Bool

    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    /// What to do with each runner event.
    public func progress(_ event: ConformanceRunner.Event) {
        switch event {
        case .started(let total):
            if !isTerminal { write("running \(total) checks\n") }
        case .finished(let result, let done, let total):
            if isTerminal {
                let width = 30, filled = total == 0 ? width : width * done / total
                write(
                    "\r[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total) \(result.check.id.prefix(50))\u{1B}[K"
                )
                if done == total { write("\r\u{1B}[K") }
            } else {
                write("\(result.verdict.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(result.check.id)\n")
            }
        }
    }

    /// The summary table and the failures.
    public func summary(_ run: RunResult) -> String {
        var text = "\n\(run.target.name) (\(run.target.role), \(run.target.baseURL)) — run \(run.runID)\n\n"
        let width = max(28, (run.suites.flatMap(\.groups).map(\.id.count).max() ?? 0) + 2)
        text += "group".padding(toLength: width, withPad: " ", startingAt: 0) + "pass  fail  error  warn  n/a  skip\n"
        for suite in run.suites {
            for group in suite.groups {
                let counts = VerdictCounts(group.checks)
                text += group.id.padding(toLength: width, withPad: " ", startingAt: 0)
                text +=
                    [counts[.pass], counts[.fail], counts[.error], counts[.warn] + counts[.needsReview], counts[.notApplicable], counts[.skipped]]
                    .enumerated().map { String($1).padding(toLength: [6, 6, 7, 6, 5, 4][$0], withPad: " ", startingAt: 0) }.joined() + "\n"
            }
        }
        if let assessment = run.assessment {
            text +=
                "\n"
                + assessment.aspects.map {
                    "\($0.title): \($0.score.map { String(format: "%.0f", $0) } ?? "–")" + ($0.pending > 0 ? " (\($0.pending) for review)" : "")
                }
                .joined(separator: "\n") + "\n"
        }
        let problems = run.checks.filter { $0.verdict == .fail || $0.verdict == .error || $0.proposed == .fail }
        if !problems.isEmpty {
            text += "\n"
            for result in problems { text += EvidenceText.render(result) + "\n\n" }
        }
        if let waivers = run.waivers, !waivers.summary.isEmpty { text += "\nwaivers: \(waivers.summary)\n" }
        let counts = run.counts
        text += "\n\(counts[.pass]) passed, \(counts[.fail]) failed, \(counts[.error]) could not be judged, \(counts[.warn]) warnings, "
        text += "\(counts[.notApplicable]) not applicable, \(counts[.skipped]) skipped"
        text += (counts[.needsReview] > 0 ? ", \(counts[.needsReview]) waiting for review" : "") + " — \(HTMLReport.overall(run))\n"
        return text
    }
}

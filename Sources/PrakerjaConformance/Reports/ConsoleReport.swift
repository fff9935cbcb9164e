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
    public func summary(_ run: RunResult) -> String { Summary().render(run) }

    /// The summary's parts: the table of groups (from the outline), each group's failures with
    /// their evidence, then the counts.
    struct Summary: ReportLayout {
        func head(_ outline: RunOutline) -> String {
            let run = outline.header
            var text = "\n\(run.target.name) (\(run.target.role), \(run.target.baseURL)) — run \(run.runID)\n\n"
            let groups = Array(outline.groups.joined())
            let width = max(28, (groups.map(\.id.count).max() ?? 0) + 2)
            text += "group".padding(toLength: width, withPad: " ", startingAt: 0) + "pass  fail  error  warn  n/a  skip\n"
            for group in groups {
                let counts = group.counts
                text += group.id.padding(toLength: width, withPad: " ", startingAt: 0)
                text +=
                    [counts[.pass], counts[.fail], counts[.error], counts[.warn] + counts[.needsReview], counts[.notApplicable], counts[.skipped]]
                    .enumerated().map { String($1).padding(toLength: [6, 6, 7, 6, 5, 4][$0], withPad: " ", startingAt: 0) }.joined() + "\n"
            }
            if let assessment = run.assessment {
                text +=
                    "\n"
                    + assessment.aspects.map {
                        "\($0.title): \($0.score.map { String(format: "%.0f", $0) } ?? "–")" + ($0.pending > 0 ? " (\($0.pending) for review)" : "")
                    }
                    .joined(separator: "\n") + "\n"
            }
            return text + (groups.contains { $0.problems > 0 } ? "\n" : "")
        }

        func group(_ group: GroupResult, index: Int) -> String {
            group.checks.filter(\.isProblem).map { EvidenceText.render($0) + "\n\n" }.joined()
        }

        func tail(_ outline: RunOutline) -> String {
            var text = ""
            if let waivers = outline.header.waivers, !waivers.summary.isEmpty { text += "\nwaivers: \(waivers.summary)\n" }
            let counts = outline.counts
            text += "\n\(counts[.pass]) passed, \(counts[.fail]) failed, \(counts[.error]) could not be judged, \(counts[.warn]) warnings, "
            text += "\(counts[.notApplicable]) not applicable, \(counts[.skipped]) skipped"
            return text + (counts[.needsReview] > 0 ? ", \(counts[.needsReview]) waiting for review" : "") + " — \(HTMLReport.overall(outline))\n"
        }
    }
}

extension CheckResult {
    /// A failure, a result the kit could not judge, or one the machine proposes to fail: what the
    /// console and the summaries show with its evidence.
    var isProblem: Bool { verdict == .fail || verdict == .error || proposed == .fail }
}

import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Synchronization
import Testing

/// A run reported a group at a time (a sweep too large to hold) gives the very bytes the whole
/// run's reports give, in every format.
@Suite struct StreamedReportTests {
    /// Runs shaped as the reports meet them: one suite; two suites with waivers applied; a
    /// monitoring sweep's (its summary before the suites in the JSON).
    static func runs() async throws -> [RunResult] {
        let run = try await ReportTests.running.value
        var twoSuites = run
        twoSuites.suites.append(
            SuiteResult(id: "second", title: "A second suite", verdict: run.suites[0].verdict, groups: Array(run.suites[0].groups.reversed())))
        let failed = try #require(run.checks.first { $0.verdict == .fail })
        Waivers([
            .init(id: "W-1", check: failed.check.id, partner: nil, reason: "known", owner: "kurasi@example.id", expires: "2999-12-31"),
            .init(id: "W-2", check: "payment.no-such-check", partner: nil, reason: "old", owner: "kurasi@example.id", expires: "2000-01-01"),
        ]).apply(to: &twoSuites, on: CalendarDate(Date()))
        var sweep = run
        sweep.monitoring = MonitoringSummary(
            rulePack: "prakerja-2021", courses: [.init(code: "C-1", title: "A \"quoted\" course / with a slash", status: .warning, provider: "P")],
            partners: [.init(name: "platform", compliant: 0, warning: 1, violation: 0, error: 0)])
        return [run, twoSuites, sweep]
    }

    @Test func everyFormatGivesTheWholeRunsBytes() async throws {
        for (index, run) in try await Self.runs().enumerated() {
            let directory = FileManager.default.temporaryDirectory.appending(path: "streamed-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let whole = directory.appending(path: "whole"), streamed = directory.appending(path: "streamed")
            let formats = Set(ReportFormat.allCases)
            try ReportWriter.write(run, formats: formats, to: whole)
            let console = Mutex("")
            // Twice: the second time over the first's files.
            for _ in 1...2 {
                console.withLock { $0 = "" }
                let writer = try StreamedReportWriter(RunOutline(run), formats: formats, to: streamed) { text in console.withLock { $0 += text } }
                for suite in run.suites { for group in suite.groups { try writer.add(group, suiteID: suite.id) } }
                let written = try writer.finish()
                #expect(written.map(\.lastPathComponent).sorted() == ["junit.xml", "report.html", "report.json"], "run \(index)")
            }
            let folder = ReportWriter.folder(partner: run.target.name, in: whole).lastPathComponent
            for name in ["report.json", "last-run.json", "junit.xml", "report.html"] {
                let expected = try Data(contentsOf: whole.appending(path: folder).appending(path: name))
                let actual = try Data(contentsOf: streamed.appending(path: folder).appending(path: name))
                #expect(actual == expected, "run \(index): \(name) differs")
            }
            #expect(console.withLock { $0 } == ConsoleReport(isTerminal: false) { _ in }.summary(run), "run \(index): the console summary differs")
            let left = try FileManager.default.contentsOfDirectory(atPath: streamed.appending(path: folder).path)
            #expect(!left.contains { $0.hasSuffix(".partial") }, "run \(index): a partial file was left: \(left)")
        }
    }

    @Test func aGroupOutOfTheOutlinesOrderIsRefused() async throws {
        let run = try await Self.runs()[1]
        let directory = FileManager.default.temporaryDirectory.appending(path: "streamed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try StreamedReportWriter(RunOutline(run), formats: [.json], to: directory)
        try writer.add(run.suites[1].groups[0], suiteID: "second")
        #expect(throws: StreamedReportWriter.ReportOrderError.self) { try writer.add(run.suites[0].groups[0], suiteID: run.suites[0].id) }
    }

    @Test func theOutlineCountsAndExitCodeAreTheWholeRuns() async throws {
        for run in try await Self.runs() {
            let outline = RunOutline(run)
            #expect(outline.counts == run.counts)
            #expect(outline.exitCode == run.exitCode)
            #expect(outline.verdict == run.verdict)
        }
    }
}

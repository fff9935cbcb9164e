import Foundation
import HummingbirdTesting
import PrakerjaConformance
import PrakerjaCuration
import Testing

@testable import PrakerjaConsole
@testable import PrakerjaStore

/// A monitoring sweep's courses page, on the harness's sweep of 250 courses (36 violations on
/// M-TI-01, 19 more warnings on M-PR-05, 195 compliant): the status counts, every filter, the
/// pages, the heat map, and who may read it.
@Suite struct ConsoleCoursesTests {
    static let page = "/runs/\(ConsoleHarness.sweepRun)/courses"

    /// The course codes a page lists.
    static func codes(_ html: String) -> [String] {
        html.components(separatedBy: "<code>CRS-").dropFirst().map { "CRS-" + $0.prefix { $0 != "<" } }
    }

    @Test func everyFilterListsExactlyTheCoursesItNames() async throws {
        try await ConsoleHarness.signedIn(as: "budi") { client, monitor in
            func listed(_ query: String) async throws -> (codes: [String], html: String) {
                let response = try await monitor.get(client, "\(Self.page)?\(query)")
                #expect(response.status == .ok, "\(query)")
                let html = String(buffer: response.body)
                return (Self.codes(html), html)
            }
            let all = try await listed("")
            #expect(all.codes.count == 100, "a page holds 100 courses")
            #expect(all.html.contains("250 dari 250 pelatihan") && all.html.contains("Halaman 1 dari 3"))
            for (status, count) in [("violation", 36), ("warning", 19), ("compliant", 195)] {
                #expect(all.html.contains(#"<span class="count">\#(count)</span>"#), "\(status)")
                let chosen = try await listed("status=\(status)")
                #expect(chosen.html.contains("\(count) dari 250 pelatihan"), "\(status)")
                #expect(chosen.html.components(separatedBy: #"class="badge \#(status)""#).count - 1 == min(count, 100))
            }
            let multiplesOf7 = (0..<250).filter { $0 % 7 == 0 }.map { "CRS-\(1000 + $0)" }
            #expect(try await listed("indicator=M-TI-01").codes == multiplesOf7)
            #expect(try await listed("aspect=title").codes == multiplesOf7)
            #expect(try await listed("method=assisted").codes == (0..<250).filter { $0 % 11 == 0 }.map { "CRS-\(1000 + $0)" })
            #expect(try await listed("indicator=M-DL-01").codes.isEmpty, "an indicator nobody fails lists nobody")
            let ofOne = try await listed("provider=LPK-1&indicator=M-TI-01")
            #expect(ofOne.codes == (0..<250).filter { $0 % 35 == 0 }.map { "CRS-\(1000 + $0)" })
            #expect(try await listed("provider=LPK-3&status=violation&indicator=M-PR-05").codes == ["CRS-1077"])
            #expect(!(try await listed("page=2")).html.contains("Hapus filter"), "a page is not a filter")
            #expect(try await listed("status=violation").html.contains("Hapus filter"))
            let last = try await listed("page=3")
            #expect(last.codes.count == 50 && last.html.contains("Halaman 3 dari 3"))
            #expect(try await listed("page=99").codes == last.codes, "a page past the end is the last")
            #expect(try await listed("page=-4&status=nonsense&method=%00").codes == all.codes, "what cannot be read is left out")
        }
    }

    /// A sweep's summary is decoded once, again when reviews change the run, and never kept
    /// while the sweep is going.
    @Test func aSweepsSummaryIsReadOnceUntilItsRunChanges() async throws {
        let summaries = RunCache<MonitoringSummary>(capacity: 2), loads = Counter()
        let summary = try #require(try ConsoleHarness.sweep().monitoring)
        func entry(_ id: String, _ status: RunStatus = .finished, needsReview: Int = 4) -> RunEntry {
            RunEntry(
                id: id, kind: .monitoring, subject: "s", status: status, startedAt: Date(), finishedAt: nil, exitCode: 1,
                counts: ["needsReview": needsReview], outcome: nil)
        }
        func read(_ entry: RunEntry) async throws {
            _ = try await summaries.value(entry) {
                await loads.add()
                return summary
            }
        }
        for _ in 0..<3 { try await read(entry("A")) }
        #expect(await loads.value == 1)
        try await read(entry("A", needsReview: 3))
        #expect(await loads.value == 2, "a review changed the run")
        try await read(entry("B"))
        try await read(entry("C"))
        try await read(entry("A", needsReview: 3))
        #expect(await loads.value == 5, "A was the oldest of three with room for two")
        try await read(entry("D", .running))
        try await read(entry("D", .running))
        #expect(await loads.value == 7, "a sweep going on is read each time")
    }

    actor Counter {
        var value = 0
        func add() { value += 1 }
    }

    @Test func everyStatusAndMethodIsNamedInBothLanguages() throws {
        let texts = try ConsoleTexts.load()
        let keys = CourseStatus.allCases.map { "status.\($0.rawValue)" } + IndicatorCatalogue.Method.allCases.map { "method.\($0.rawValue)" }
        for language in [ConsoleLanguage.id, .en] {
            for key in keys { #expect(texts.catalogue(language)[key] != nil, "\(key) in \(language)") }
        }
    }

    @Test func theHeatMapCountsEachProvidersCoursesPerIndicator() async throws {
        try await ConsoleHarness.signedIn(as: "tamu") { client, viewer in
            let html = String(buffer: try await viewer.get(client, Self.page).body)
            let start = try #require(html.range(of: #"<div class="table heat">"#)), end = try #require(html.range(of: "</details>"))
            let heat = String(html[start.lowerBound..<end.lowerBound])
            // LPK-1 holds courses 0, 5, 10...: 8 of its 50 fail M-TI-01 (the multiples of 35), a share of 16%.
            #expect(heat.contains(#"<td class="h3"><a href="/runs/\#(ConsoleHarness.sweepRun)/courses?provider=LPK-1&amp;indicator=M-TI-01""#))
            #expect(heat.contains(">8</a>"))
            #expect(!heat.contains("M-DL-01"), "an indicator without problems has no row")
            #expect(HeatMap.shade(0, of: 50) == 0 && HeatMap.shade(1, of: 50) == 1 && HeatMap.shade(3, of: 50) == 2)
            #expect(HeatMap.shade(8, of: 50) == 3 && HeatMap.shade(17, of: 50) == 4)
        }
    }

    @Test func onlyAMonitoringSweepHasACoursesPageAndOnlyForWhoMaySeeIt() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let teh = Browser()
            _ = try await teh.signIn(client, as: "teh")
            #expect(try await teh.get(client, Self.page).status == .notFound, "another partner's sweep")
            let admin = Browser()
            _ = try await admin.signIn(client, as: "admin")
            #expect(try await admin.get(client, "/runs/\(ConsoleHarness.kopiRun)/courses").status == .notFound, "a conformance run has no courses")
            let run = String(buffer: try await admin.get(client, "/runs/\(ConsoleHarness.sweepRun)").body)
            #expect(run.contains(#"href="/runs/\#(ConsoleHarness.sweepRun)/courses""#))
            // A course's link opens its results.
            let course = String(buffer: try await admin.get(client, "/runs/\(ConsoleHarness.sweepRun)?show=all&group=monitoring.crs-1077").body)
            #expect(course.components(separatedBy: "<section class=\"group\">").count == 2, "one course")
            #expect(course.contains("M-TI-01") && course.contains("M-PR-05") && course.contains("M-DL-01"))
        }
    }
}

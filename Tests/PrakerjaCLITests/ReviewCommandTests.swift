import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaModels
import PrakerjaSchema
import PrakerjaTestSupport
import Testing

/// `prakerja review export | import`: a worksheet out, verdicts back in, all or nothing; a
/// critical indicator decided only by two reviewers who agree; the decision recomputed; every
/// change in the audit trail.
@Suite struct ReviewCommandTests {
    static let root = Repository.root.path

    @Test func aReviewRoundTrip() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appending(path: "history.sqlite").path
        let assess = await CommandRun([
            "assess", "\(Self.root)/Conformance/fixtures/proposals/01-digital-marketing-self-paced.json", "--root", Self.root,
            "--report-dir", directory.appending(path: "reports").path, "--format", "json", "--store", store,
        ])
        #expect(assess.exitCode == 1, "\(assess.output)\(assess.error)")
        #expect(assess.output.contains("awaiting-review (the machine proposes approve;"), "\(assess.output)\(assess.error)")
        let runID = try #require(try await HistoryCommandTests.runIDs(store).first)
        #expect(await CommandRun(["runs", "list", "--store", store]).output.contains("awaiting-review (provisional)"))

        let export = await CommandRun(["review", "export", "--run", runID, "--out", directory.path, "--root", Self.root, "--store", store])
        #expect(export.exitCode == 0, "\(export.error)")
        let csvPath = directory.appending(path: "review-\(runID).csv")
        let table = try CSV.read(String(contentsOf: csvPath, encoding: .utf8))
        let header = table[0], rows = Array(table.dropFirst())
        #expect(header == ReviewWorksheet.columns)
        #expect(rows.count == 14, "\(export.output)")
        #expect(export.output.contains("14 results wait for a person"), "\(export.output)")
        #expect(rows.allSatisfy { !$0[header.firstIndex(of: "rubric")!].isEmpty }, "every row shows its rubric")
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset) })
        let critical = rows.filter { $0[column["severity"]!] == "critical" }.map { $0[column["result"]!] }
        #expect(!critical.isEmpty)

        func worksheet(_ name: String, _ fill: (inout [String]) -> Void) throws -> String {
            let filled = rows.map { row in
                var row = row
                fill(&row)
                return row
            }
            let path = directory.appending(path: name).path
            try Data(CSV.write([header] + filled).utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        func show() async throws -> RunResult {
            let shown = await CommandRun(["runs", "show", runID, "--format", "json", "--store", store])
            var registry = SchemaRegistry()
            registry.add(try SchemaDocument.load("\(Self.root)/Specs/conformance-report.schema.json"), uri: "file:///report.schema.json")
            let violations = JSONSchemaValidator(registry: registry, assertFormats: true).validate(
                try JSONValue.parse(Data(shown.output.utf8)),
                against: "file:///report.schema.json")
            #expect(violations.isEmpty, "the stored run's report is the report schema's: \(violations)")
            return try JSONReport.read(Data(shown.output.utf8))
        }

        // One unknown result, one verdict that is not a verdict, one row without a reviewer: nothing is imported.
        let bad = try worksheet("bad.csv") { row in
            row[column["verdict"]!] = "pass"
            row[column["reviewer"]!] = "kurator.a"
            if row[column["result"]!] == rows[0][column["result"]!] { row[column["result"]!] = "assessment.price/A-ZZ-99" }
            if row[column["result"]!] == rows[1][column["result"]!] { row[column["verdict"]!] = "looks fine" }
            if row[column["result"]!] == rows[2][column["result"]!] { row[column["reviewer"]!] = "" }
        }
        let refused = await CommandRun(["review", "import", bad, "--root", Self.root, "--store", store])
        #expect(refused.exitCode == 2, "\(refused.output)")
        #expect(refused.error.contains("nothing was imported"), "\(refused.error)")
        #expect(refused.error.contains("has no such result"), "\(refused.error)")
        #expect(refused.error.contains("\"looks fine\" is not one of"), "\(refused.error)")
        #expect(refused.error.contains("no reviewer"), "\(refused.error)")
        #expect(try await show().checks.allSatisfy { $0.reviews == nil }, "not one review was imported")

        // The first reviewer passes everything but one major indicator, which fails.
        let failed = rows.first { $0[column["severity"]!] == "major" }![column["result"]!]
        let first = try worksheet("first.csv") { row in
            row[column["verdict"]!] = row[column["result"]!] == failed ? "fail" : "pass"
            row[column["reviewer"]!] = "kurator.a"
            row[column["institution"]!] = "UI"
            row[column["note"]!] = "checked with the rubric"
        }
        let imported = await CommandRun(["review", "import", first, "--root", Self.root, "--store", store])
        #expect(imported.exitCode == 0, "\(imported.error)")
        #expect(imported.output.contains("14 reviews imported"), "\(imported.output)")
        #expect(imported.output.contains("waits for a second reviewer of another institution who agrees"), "\(imported.output)")
        var run = try await show()
        #expect(run.assessment?.decision == .awaitingReview, "critical ones still wait")
        #expect(run.assessment?.projected == .approveWithConditions, "a major failure sets conditions")
        #expect(run.assessment?.provisional == true, "a major failure sets conditions; critical ones still wait")
        for key in critical {
            #expect(run.checks.first { key.hasSuffix("/" + $0.check.id) }?.verdict == .needsReview, "\(key) needs a second reviewer")
        }

        // A second reviewer, of another institution (the 2023 rule pack asks for one), confirms the
        // critical indicators, from the YAML worksheet this time.
        let again = await CommandRun([
            "review", "export", "--run", runID, "--out", directory.appending(path: "second").path, "--root", Self.root, "--store", store,
        ])
        #expect(again.output.contains("\(critical.count) results wait for a person"), "\(again.output)")
        let yamlPath = directory.appending(path: "second/review-\(runID).yaml")
        var yaml = try String(contentsOf: yamlPath, encoding: .utf8)
        #expect(yaml.contains("by kurator.a"), "the worksheet shows the earlier review")
        yaml = yaml.replacingOccurrences(of: "verdict: ''", with: "verdict: pass").replacingOccurrences(
            of: "reviewer: ''", with: "reviewer: kurator.b"
        ).replacingOccurrences(of: "institution: ''", with: "institution: UGM")
        try Data(yaml.utf8).write(to: yamlPath)
        let second = await CommandRun(["review", "import", yamlPath.path, "--root", Self.root, "--store", store])
        #expect(second.exitCode == 0, "\(second.error)")
        run = try await show()
        #expect(run.assessment?.provisional == false, "\(String(describing: run.assessment))")
        #expect(run.assessment?.decision == .approveWithConditions, "\(String(describing: run.assessment))")
        #expect(run.checks.allSatisfy { $0.verdict != .needsReview })
        let decided = try #require(run.checks.first { critical[0].hasSuffix("/" + $0.check.id) })
        #expect(decided.verdict == .pass)
        #expect(decided.reviews?.map(\.reviewer) == ["kurator.a", "kurator.b"])
        // What the lists show (kept with the run, not read from its results) follows the reviews.
        let listed = await CommandRun(["runs", "list", "--store", store]).output
        #expect(listed.contains("approve-with-conditions;") && !listed.contains("needsReview"), "\(listed)")

        let trail = await CommandRun(["runs", "show", runID, "--store", store])
        #expect(trail.output.contains("kurator.b  review"), "\(trail.output)")
        #expect(trail.output.contains("run.resummarized"), "\(trail.output)")
        #expect(trail.output.contains("fail by kurator.a"), "\(trail.output)")
        let nothingLeft = await CommandRun(["review", "export", "--run", runID, "--out", directory.path, "--root", Self.root, "--store", store])
        #expect(nothingLeft.output.contains("no result waits for a person"))
        let blank = try worksheet("blank.csv") { _ in }
        let empty = await CommandRun(["review", "import", blank, "--root", Self.root, "--store", store])
        #expect(empty.exitCode == 2, "\(empty.error)")
        #expect(empty.error.contains("no row is filled in"), "\(empty.error)")
    }
}

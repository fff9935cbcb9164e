import Foundation
import PrakerjaConformance
import Testing

/// The pieces of the history that need no file: CSV both ways, the review decision rule, the
/// diff of two runs.
@Suite struct HistoryModelTests {
    @Test func csvRoundTripsAwkwardFields() throws {
        let rows = [["a", "b,c", "say \"hi\""], ["line\nbreak", "", "ünïcode, too"]]
        #expect(try CSV.read(CSV.write(rows)) == rows)
        #expect(try CSV.read("x,y\n1,2") == [["x", "y"], ["1", "2"]])
        #expect(throws: CSV.ParseError.self) { try CSV.read("a,\"open\n") }
        #expect(throws: CSV.ParseError.self) { try CSV.read("a,\"q\"x\n") }
        #expect(throws: CSV.ParseError.self) { try CSV.read("a,b\"c\n") }
    }

    @Test func reviewDecisions() {
        let t = Date(timeIntervalSince1970: 0)
        func review(_ who: String, _ verdict: Verdict, _ at: Double) -> Review {
            Review(reviewer: who, verdict: verdict, note: "", reviewedAt: t + at)
        }
        #expect(Review.decision([review("a", .pass, 1)], needsSecondReviewer: false) == .pass)
        #expect(Review.decision([review("a", .pass, 1), review("a", .fail, 2)], needsSecondReviewer: false) == .fail, "the latest counts")
        #expect(Review.decision([review("a", .pass, 1)], needsSecondReviewer: true) == nil, "critical: one reviewer is not enough")
        #expect(
            Review.decision([review("a", .pass, 1), review("a", .pass, 2)], needsSecondReviewer: true) == nil,
            "the same reviewer twice is one reviewer")
        #expect(Review.decision([review("a", .pass, 1), review("b", .fail, 2)], needsSecondReviewer: true) == nil, "two who disagree decide nothing")
        #expect(Review.decision([review("a", .pass, 1), review("b", .fail, 2), review("c", .fail, 3)], needsSecondReviewer: true) == .fail)
    }

    @Test func aDiffSeparatesFailuresFixesChangesAndDrift() {
        func run(_ id: String, _ results: [(String, Verdict, String?)]) -> RunResult {
            let checks = results.map { check, verdict, finding in
                CheckResult(
                    check: CheckDefinition(id: check, title: check, requirement: ""), verdict: verdict, fault: nil, message: "",
                    evidence: Evidence(findings: finding.map { [Finding($0, location: "/price")] } ?? []), startedAt: Date(), milliseconds: 0)
            }
            return RunResult(
                runID: id, kitVersion: "t", startedAt: Date(), finishedAt: Date(), target: .init(name: "P", role: "r", baseURL: "u"),
                contracts: [.init(path: "c", sha256: id)], selection: [],
                suites: [SuiteResult(id: "s", title: "S", verdict: .pass, groups: [GroupResult(id: "g", title: "G", verdict: .pass, checks: checks)])]
            )
        }
        let before = run(
            "A",
            [
                ("new-fail", .pass, nil), ("fixed", .fail, "x"), ("drift", .fail, "Rp100"), ("same", .pass, nil), ("to-error", .pass, nil),
                ("gone", .pass, nil),
            ])
        let after = run(
            "B",
            [
                ("new-fail", .fail, "y"), ("fixed", .pass, nil), ("drift", .fail, "Rp200"), ("same", .pass, nil), ("to-error", .error, nil),
                ("added", .pass, nil),
            ])
        let diff = RunDiff(from: before, to: after)
        #expect(diff.newFailures.map(\.check) == ["new-fail"])
        #expect(diff.fixes.map(\.check) == ["fixed"])
        #expect(diff.changed.map(\.check) == ["to-error"])
        #expect(diff.drift.map(\.check) == ["drift"])
        #expect(diff.drift[0].gone.map(\.message) == ["Rp100"])
        #expect(diff.drift[0].new.map(\.message) == ["Rp200"])
        #expect(diff.added.map(\.check) == ["added"])
        #expect(diff.removed.map(\.check) == ["gone"])
        #expect(diff.contracts.count == 1)
        #expect(RunDiff(from: after, to: after).isEmpty)
    }
}

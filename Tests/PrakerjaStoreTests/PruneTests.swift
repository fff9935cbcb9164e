import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaTestSupport
import Testing

@testable import PrakerjaStore

/// `runs prune` on both stores: old runs go with their results, except what a live waiver or a
/// review refers to, an unfinished run, a run a sweep still running holds, and the last runs of
/// each subject.
@Suite struct PruneTests {
    @Test(arguments: TestStore.all) func oldRunsGoExceptWhatIsStillReferredTo(_ kind: TestStore) async throws {
        let location = try await kind.freshLocation()
        let store = try await ResultsStore.open(location)
        let old = Date(timeIntervalSince1970: 1_790_000_000), cutoff = old.addingTimeInterval(3_600)
        func run(_ id: String, at date: Date = old, partner: String = "Sample partner") -> RunResult {
            ResultsStoreTests.sampleRun(id: id, startedAt: date, partner: partner)
        }
        try await store.save(run("A-PLAIN"))
        try await store.save(
            run("B-LIVE-WAIVER"),
            waivers: Waivers([.init(id: "W-LIVE", check: "sample.group.check-1", partner: nil, reason: "r", owner: "o", expires: "2999-01-01")]))
        try await store.save(
            run("C-EXPIRED-WAIVER"),
            waivers: Waivers([.init(id: "W-OLD", check: "sample.group.check-1", partner: nil, reason: "r", owner: "o", expires: "2021-01-01")]))
        try await store.save(run("D-REVIEWED"))
        _ = try await store.importReviews(
            ReviewWorksheet(rows: [
                .init(
                    run: "D-REVIEWED", result: "sample.group/sample.group.check-2", indicator: "", title: "", severity: "", method: "", proposed: "",
                    message: "", evidence: "", rubric: "", earlierReviews: "", verdict: "pass", reviewer: "curator", note: "", reviewedAt: "")
            ]), source: "s", catalogues: [:])
        var unfinished = run("E-UNFINISHED")
        unfinished.suites = []
        _ = try await store.begin(unfinished)
        try await store.save(run("F-NEW", at: cutoff.addingTimeInterval(60)))
        try await store.save(run("G-ONLY-OF-ITS-PARTNER", partner: "Another partner"))
        try await store.queueSweep(id: "SWEEP-OLD", kind: .monitoring, plan: [], items: [], feeds: ["Platform": Array("[]".utf8)], now: old)
        let finish = try #require(try await store.claim(worker: "w", lease: .seconds(60), sweep: "SWEEP-OLD"))
        #expect(try await store.complete(finish, runID: nil, exitCode: 0))
        // A partner's run done as an item of a sweep still running (its finish still to come).
        try await store.save(run("H-OF-A-RUNNING-SWEEP", partner: "Swept partner"))
        try await store.queueSweep(id: "SWEEP-RUNNING", kind: .conformance, plan: [], items: ["swept.yaml"], now: old)
        let item = try #require(try await store.claim(worker: "w", lease: .seconds(60), sweep: "SWEEP-RUNNING"))
        #expect(try await store.complete(item, runID: "H-OF-A-RUNNING-SWEEP", exitCode: 0))

        let dry = try await store.prune(before: cutoff, keepLast: 1, today: "2026-12-01", dryRun: true)
        #expect(Set(dry.removed) == ["A-PLAIN", "C-EXPIRED-WAIVER"])
        #expect(try await store.runs(limit: 100).count == 8, "a dry run removes nothing")

        let report = try await store.prune(before: cutoff, keepLast: 1, today: "2026-12-01")
        #expect(Set(report.removed) == ["A-PLAIN", "C-EXPIRED-WAIVER"])
        #expect(report.results == 6)
        #expect(report.sweeps == 1)
        #expect(report.keptForWaivers == 1)
        #expect(report.keptForReviews == 1)
        #expect(report.keptUnfinished == 1)
        #expect(report.keptForRunningSweeps == 1)
        #expect(report.keptAsLast == 1, "the only run of its partner stays")
        #expect(
            Set(try await store.runs(limit: 100).map(\.id)) == [
                "B-LIVE-WAIVER", "D-REVIEWED", "E-UNFINISHED", "F-NEW", "G-ONLY-OF-ITS-PARTNER", "H-OF-A-RUNNING-SWEEP",
            ])
        let results = try await TestStore.sql("SELECT count(*) FROM result", at: location)
        #expect(results == ["15"], "five runs of three results remain (the unfinished one has none): \(results)")
        let evidence = try await TestStore.sql("SELECT count(*) FROM evidence", at: location)
        #expect(evidence == ["15"], "evidence goes with its results: \(evidence)")
        #expect(try await TestStore.sql("SELECT count(*) FROM waiver WHERE runID = 'C-EXPIRED-WAIVER'", at: location) == ["0"])
        #expect(try await store.sweep("SWEEP-OLD") == nil)
        #expect(try await TestStore.sql("SELECT count(*) FROM sweep_feed", at: location) == ["0"], "what a sweep read goes with it")
        #expect(try await store.audit("").map(\.action) == ["history.pruned"])
        // Keeping none of a subject: only what is referred to stays.
        let all = try await store.prune(before: cutoff, keepLast: 0, today: "2026-12-01")
        #expect(all.removed == ["G-ONLY-OF-ITS-PARTNER"])
        // An hour from now: the unfinished run has been silent since (its process gone, never
        // resumed): abandoned, it goes; the sweep still running keeps its item's run.
        let later = try await store.prune(before: Date().addingTimeInterval(3_600), keepLast: 0, today: "2026-12-01")
        #expect(Set(later.removed) == ["E-UNFINISHED", "F-NEW"])
        #expect(later.abandoned == 1)
        #expect(later.keptUnfinished == 0)
        #expect(later.keptForRunningSweeps == 1)
        await store.close()
    }
}

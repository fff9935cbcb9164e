import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaModels
import PrakerjaStore
import PrakerjaTestSupport
import Testing

/// Sanctions kept in the history (SQLite and PostgreSQL alike): a sweep's review recorded with
/// its steps and numbered, one open sanction a course however many sweeps record at once, a
/// person's decision recorded under a lock and refused whole when the ladder refuses it.
@Suite struct SanctionStoreTests {
    static let ladder = try! SanctionLadder(
        try! RulePack.named("2023-normal", root: Repository.root.path), calendar: try! WorkingDayCalendar.indonesia())
    static let now = try! CalendarDate("2026-11-02").startDate().addingTimeInterval(12 * 3600)

    static func judged(_ code: String, _ status: CourseStatus, provider: String = "LP-A") -> SanctionLadder.Judged {
        .init(code: code, title: "Kursus \(code)", provider: provider, status: status, failing: status == .warning ? ["M-SP-01", "M-SP-02"] : [])
    }

    @Test(arguments: TestStore.all) func aSweepsReviewIsRecordedAndTheNextReChecksIt(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        let first = Self.ladder.review(
            [Self.judged("C-1", .warning), Self.judged("C-2", .awaitingReview), Self.judged("C-3", .warning, provider: "LP-B")], open: [],
            runID: "R1",
            now: Self.now)
        let opened = try await store.record(first, now: Self.now)
        #expect(opened.map(\.id) == ["S-2026-0001", "S-2026-0002"])
        #expect(try await store.record(first, now: Self.now).isEmpty, "a course with an open sanction gets no second")
        let stored = try #require(try await store.sanction("S-2026-0001"))
        #expect(stored == opened[0])
        #expect(stored.indicators == ["M-SP-01", "M-SP-02"] && stored.steps.first?.runID == "R1" && stored.steps.first?.by == "sweep")
        #expect(try await store.sanctions(provider: "LP-B").map(\.course) == ["C-3"])

        // The next sweep: C-1 fixed, C-3 still wanting.
        let open = try await store.sanctions(statuses: [.open])
        let later = Self.now.addingTimeInterval(86_400)
        let second = Self.ladder.review([Self.judged("C-1", .awaitingReview), Self.judged("C-3", .warning)], open: open, runID: "R2", now: later)
        let stepped = try await store.record(second, now: later)
        #expect(Set(stepped.map(\.id)) == ["S-2026-0001", "S-2026-0002"])
        #expect(try await store.sanction("S-2026-0001")?.status == .closed)
        #expect(try await store.sanction("S-2026-0002")?.steps.map(\.action) == [.opened, .rechecked])
        #expect(try await store.sanctions(statuses: [.open]).map(\.id) == ["S-2026-0002"])
        // The same review recorded again (a finish redone) adds nothing: each sanction moved on already.
        #expect(try await store.record(second, now: later).isEmpty)
        let reopened = try await store.record(
            Self.ladder.review([Self.judged("C-1", .warning)], open: try await store.sanctions(statuses: [.open]), runID: "R3", now: later),
            now: later)
        #expect(reopened.map(\.id) == ["S-2026-0003"], "a closed course found wanting again gets a new sanction")
        await store.close()
    }

    @Test(arguments: TestStore.all) func aPersonsDecisionIsRecordedOrRefusedWhole(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        _ = try await store.record(Self.ladder.review([Self.judged("C-1", .warning)], open: [], runID: "R1", now: Self.now), now: Self.now)
        let responded = try await store.decideSanction("S-2026-0001") {
            try Self.ladder.decide(.respond, on: $0, note: "Modul 3 sudah diperbaiki", by: "lp.ref", now: Self.now)
        }
        #expect(responded.steps.last?.action == .responded)
        await #expect(throws: SanctionRefusal.self) {
            try await store.decideSanction("S-2026-0001") { try Self.ladder.decide(.extend(workingDays: 0), on: $0, note: "x", by: "kurator") }
        }
        await #expect(throws: SanctionRefusal.self) {
            try await store.decideSanction("S-2026-9999") { try Self.ladder.decide(.close, on: $0, note: "x", by: "kurator") }
        }
        let stored = try #require(try await store.sanction("S-2026-0001"))
        #expect(stored.steps.map(\.action) == [.opened, .responded], "a refused decision leaves nothing")
        #expect(stored.steps.last?.note == "Modul 3 sudah diperbaiki" && stored.steps.last?.by == "lp.ref")
        let escalated = try await store.decideSanction("S-2026-0001") {
            try Self.ladder.decide(.escalate, on: $0, note: "berulang", by: "admin", now: Self.now)
        }
        #expect(try await store.sanction("S-2026-0001") == escalated)
        #expect(escalated.level == .suspension && escalated.forbidsSale)
        let audit = try await store.audit("R1").map(\.action)
        #expect(audit.contains("sanction.opened"), "\(audit)")
        await store.close()
    }
}

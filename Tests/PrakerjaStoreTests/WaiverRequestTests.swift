import Foundation
import PrakerjaModels
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConformance
@testable import PrakerjaStore

/// Waivers proposed and decided in the history: another person decides, a proposal says what, why
/// and until when, and only approved waivers not past their last day are what runs are judged with.
@Suite struct WaiverRequestTests {
    static let now = Date(timeIntervalSince1970: 1_790_200_000)  // 2026-09-24
    static var today: CalendarDate { CalendarDate(now) }

    static func day(_ offset: Int) -> CalendarDate { CalendarDate(dayNumber: today.dayNumber + offset) }

    @Test(arguments: TestStore.all) func aWaiverIsDecidedByAnotherPersonAndAppliesUntilItsLastDay(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        let first = try await store.proposeWaiver(
            check: "payment.latency.objective", partner: "Reference payment partner", reason: "shared staging host until the migration",
            expires: Self.day(10), by: "mitra", now: Self.now)
        #expect(first.id == "W-2026-0001" && first.status == .proposed)
        let second = try await store.proposeWaiver(
            check: "M-PR-05", partner: nil, reason: "the catalogue changes in October", expires: Self.day(3), by: "admin", now: Self.now)
        #expect(second.id == "W-2026-0002")
        await #expect(throws: WaiverRefusal.self) { try await store.decideWaiver(second.id, approve: true, note: "", by: "admin") }
        let approved = try await store.decideWaiver(first.id, approve: true, note: "agreed with the partner", by: "admin", now: Self.now)
        #expect(approved.status == .approved && approved.decidedBy == "admin" && approved.waiver.owner == "admin")
        await #expect(throws: WaiverRefusal.self) { try await store.decideWaiver(first.id, approve: false, note: "", by: "other") }
        #expect(try await store.decideWaiver(second.id, approve: false, note: "no", by: "sari").status == .rejected)
        #expect(try await store.liveWaivers(on: Self.day(10)).waivers.map(\.id) == ["W-2026-0001"])
        #expect(try await store.liveWaivers(on: Self.day(11)).waivers.isEmpty, "past its last day it no longer applies")
        #expect(
            try await store.waiverRequests(partner: "Reference job portal").map(\.id) == ["W-2026-0002"],
            "another partner's waivers are not listed; those of every partner are")
        let trail = try await store.audit("").filter { $0.action.hasPrefix("waiver.") }.map { "\($0.actor) \($0.action) \($0.result ?? "")" }
        #expect(
            trail == [
                "mitra waiver.proposed W-2026-0001", "admin waiver.proposed W-2026-0002", "admin waiver.approved W-2026-0001",
                "sari waiver.rejected W-2026-0002",
            ])
        await store.close()
    }

    @Test(arguments: TestStore.all) func aProposalSaysWhatWhyAndUntilWhen(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        for (check, reason, expires, expected) in [
            ("", "why", Self.day(1), "names the check"), ("a check<script>", "why", Self.day(1), "names the check"),
            ("M-PR-05", "  ", Self.day(1), "the reason is empty"), ("M-PR-05", "why", Self.day(-1), "is past"),
            ("M-PR-05", "why", Self.day(400), "more than 366 days away"),
        ] {
            await #expect {
                try await store.proposeWaiver(check: check, partner: nil, reason: reason, expires: expires, by: "admin", now: Self.now)
            } throws: { ($0 as? WaiverRefusal)?.description.contains(expected) == true }
        }
        #expect(try await store.waiverRequests().isEmpty)
        await store.close()
    }

    @Test(arguments: TestStore.all) func proposalsAtOnceGetAnIdEach(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    _ = try await store.proposeWaiver(
                        check: "M-PR-0\(index)", partner: nil, reason: "r", expires: Self.day(1), by: "a", now: Self.now)
                }
            }
            try await group.waitForAll()
        }
        #expect(Set(try await store.waiverRequests().map(\.id)).count == 8)
        await store.close()
    }
}

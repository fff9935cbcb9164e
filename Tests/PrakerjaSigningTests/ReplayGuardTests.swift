import Foundation
import PrakerjaSigning
import Testing

@Suite struct ReplayGuardTests {
    let start = Date(timeIntervalSince1970: 1_635_833_655)

    @Test func admitsOnceUntilExpiry() throws {
        let guardSet = ReplayGuard(capacity: 4)
        try guardSet.admit("a", until: start.addingTimeInterval(300), now: start)
        #expect(throws: SignatureError.replayed) { try guardSet.admit("a", until: start.addingTimeInterval(300), now: start.addingTimeInterval(299)) }
        try guardSet.admit("a", until: start.addingTimeInterval(900), now: start.addingTimeInterval(301))
    }

    @Test func failsClosedWhenFullOfLiveEntries() throws {
        let guardSet = ReplayGuard(capacity: 3)
        for key in ["a", "b", "c"] { try guardSet.admit(key, until: start.addingTimeInterval(60), now: start) }
        #expect(throws: SignatureError.replayGuardFull(capacity: 3)) { try guardSet.admit("d", until: start.addingTimeInterval(60), now: start) }
        // Once entries expire there is room again, oldest expiry first.
        try guardSet.admit("d", until: start.addingTimeInterval(120), now: start.addingTimeInterval(61))
        #expect(guardSet.count == 1)
    }

    @Test func expiresOutOfOrderEntriesCorrectly() throws {
        let guardSet = ReplayGuard(capacity: 100)
        let expiries = [50, 10, 40, 20, 30, 60, 5]
        for (index, seconds) in expiries.enumerated() {
            try guardSet.admit("k\(index)", until: start.addingTimeInterval(TimeInterval(seconds)), now: start)
        }
        try guardSet.admit("probe", until: start.addingTimeInterval(100), now: start.addingTimeInterval(35))
        #expect(guardSet.count == 4)  // 40, 50, 60 and the probe
        #expect(throws: SignatureError.replayed) { try guardSet.admit("k0", until: start.addingTimeInterval(100), now: start.addingTimeInterval(35)) }
        try guardSet.admit("k1", until: start.addingTimeInterval(100), now: start.addingTimeInterval(35))
    }

    /// Expiry is kept per whole second: an entry may outlive its expiry by under a second, never die before it.
    @Test func neverForgetsAnEntryBeforeItsExpiry() throws {
        let guardSet = ReplayGuard(capacity: 10)
        try guardSet.admit("a", until: start.addingTimeInterval(10.5), now: start)
        #expect(throws: SignatureError.replayed) { try guardSet.admit("a", until: start.addingTimeInterval(20), now: start.addingTimeInterval(10.4)) }
        #expect(throws: SignatureError.replayed) { try guardSet.admit("a", until: start.addingTimeInterval(20), now: start.addingTimeInterval(10.5)) }
        try guardSet.admit("a", until: start.addingTimeInterval(20), now: start.addingTimeInterval(11.5))
    }

    /// Keys are held as fingerprints: every distinct key is still its own entry, whatever its text.
    @Test func distinctKeysAreDistinctEntries() throws {
        let guardSet = ReplayGuard(capacity: 200_000)
        let until = start.addingTimeInterval(300)
        let signatures = (0..<100_000).map { String($0, radix: 16) }
        for key in signatures + ["", "é", "e\u{301}", "a|b", "ab|", String(repeating: "x", count: 5_000)] {
            try guardSet.admit(key, until: until, now: start)
        }
        #expect(guardSet.count == 100_006)
        for key in ["ff", "é", "e\u{301}", "", String(repeating: "x", count: 5_000)] {
            #expect(throws: SignatureError.replayed) { try guardSet.admit(key, until: until, now: start) }
        }
    }

    @Test func externalIDIsUniquePerPartnerPerJakartaDay() throws {
        let guardSet = ReplayGuard()
        let morning = try SNAPTimestamp.parse("2021-11-02T08:00:00+07:00")
        try guardSet.admitExternalID("0001", partnerID: "BANK-A", timestamp: morning, now: morning)
        try guardSet.admitExternalID("0001", partnerID: "BANK-B", timestamp: morning, now: morning)
        let evening = try SNAPTimestamp.parse("2021-11-02T23:59:00+07:00")
        #expect(throws: SignatureError.duplicateExternalID("0001")) {
            try guardSet.admitExternalID("0001", partnerID: "BANK-A", timestamp: evening, now: evening)
        }
        // 17:30 UTC on 2 November is already 3 November in Jakarta: a new day.
        let nextDay = try SNAPTimestamp.parse("2021-11-02T17:30:00Z")
        try guardSet.admitExternalID("0001", partnerID: "BANK-A", timestamp: nextDay, now: nextDay)
    }

    @Test func concurrentAdmissionsOfOneKeySucceedExactlyOnce() async {
        let guardSet = ReplayGuard()
        let now = start
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<64 {
                group.addTask { (try? guardSet.admit("same", until: now.addingTimeInterval(60), now: now)) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 1)
    }
}

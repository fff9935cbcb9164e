import Foundation
import PrakerjaClient

/// The sandbox's `PRAT-` test codes, as the program documents them: each starts a scenario, and
/// `redeem-code/reset` puts it back at the start. Every LP has its own state for each code.
enum TestCodes {
    struct Scenario {
        let courseSuffix: String
        let state: RedeemCodeRecord.State
        /// Sequences already verified.
        let verified: [Int]
        let failsVerification: Bool
        /// Owned by another LP (for "not this LP's code").
        let foreign: Bool
        let summary: String
    }

    static let scenarios: [(code: String, scenario: Scenario)] = [
        (
            "PRAT-TC1-001-200",
            Scenario(
                courseSuffix: "LMS-01", state: .active, verified: [], failsVerification: false, foreign: false,
                summary: "self-paced, session 1: status, attendance, commit")
        ),
        (
            "PRAT-TC1-999-200",
            Scenario(
                courseSuffix: "LMS-01", state: .redeemed, verified: [1], failsVerification: false, foreign: false,
                summary: "self-paced, ready for the post-test (999)")
        ),
        (
            "PRAT-TC2-001-200",
            Scenario(
                courseSuffix: "WEB-01", state: .active, verified: [], failsVerification: false, foreign: false,
                summary: "webinar (3 sessions), session 1")
        ),
        (
            "PRAT-TC2-999-200",
            Scenario(
                courseSuffix: "WEB-01", state: .redeemed, verified: [1, 2, 3], failsVerification: false, foreign: false,
                summary: "webinar, every session attended, ready for the post-test")
        ),
        (
            "PRAT-TC3-001-200",
            Scenario(
                courseSuffix: "LMS-01", state: .active, verified: [1], failsVerification: false, foreign: false,
                summary: "self-paced, session 1 attendance already verified: the 2022 flow (status, then commit)")
        ),
        (
            "PRAT-TC1-001-400",
            Scenario(
                courseSuffix: "LMS-01", state: .active, verified: [], failsVerification: true, foreign: false,
                summary: "attendance verification fails (face not matched)")
        ),
        (
            "PRAT-ERR-CANCELLED",
            Scenario(
                courseSuffix: "WEB-01", state: .cancelled, verified: [], failsVerification: false, foreign: false,
                summary: "cancelled: ERRRDM40004")
        ),
        (
            "PRAT-ERR-TXCANCELLED",
            Scenario(
                courseSuffix: "WEB-01", state: .transactionCancelled, verified: [], failsVerification: false,
                foreign: false, summary: "transaction cancelled: ERRRDM40005")
        ),
        (
            "PRAT-ERR-OTHERLP",
            Scenario(
                courseSuffix: "WEB-01", state: .active, verified: [], failsVerification: false, foreign: true,
                summary: "another LP's code: ERRRDM40003")
        ),
        (
            "PRAT-ERR-USED",
            Scenario(
                courseSuffix: "WEB-01", state: .redeemed, verified: [1], failsVerification: false, foreign: false,
                summary: "already committed: commit gives ERRRDM40006")
        ),
    ]

    /// The fresh record of `code` for `provider`, or nil when `code` is not a known test code.
    static func record(_ code: String, provider: String, platform: String, now: Date) -> RedeemCodeRecord? {
        guard let scenario = scenarios.first(where: { $0.code == code })?.scenario else { return nil }
        let course = "\(provider)-\(scenario.courseSuffix)"
        return RedeemCodeRecord(
            code: code, providerCode: scenario.foreign ? "ANOTHER-LP" : provider, courseCode: course, scheduleCode: "\(course)-A",
            invoiceCode: "INV-TEST-\(code.dropFirst(5))", platformCode: platform, participantID: "TEST-\(provider)-\(code)",
            state: scenario.state, redeemedAt: scenario.state == .redeemed ? now : nil,
            attendance: Dictionary(uniqueKeysWithValues: scenario.verified.map { ($0, .verified) }),
            isTestCode: true, failsVerification: scenario.failsVerification)
    }
}

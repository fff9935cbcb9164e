import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PrakerjaCuration
import PrakerjaModels
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConsole
@testable import PrakerjaStore

/// Sanctions in the console, as people use the forms: a provider's users see their provider's
/// and answer them (and nothing more), another partner's users see none, a monitor extends and
/// escalates, every step shows who took it; what a partner wrote is escaped.
@Suite struct ConsoleSanctionTests {
    static let ladder = try! SanctionLadder(
        try! RulePack.named("2023-normal", root: Repository.root.path), calendar: try! WorkingDayCalendar.indonesia())

    @Test func aProviderAnswersItsSanctionAndAMonitorDecides() async throws {
        let harness = try await ConsolePartnerTests.make()
        let judged = [
            SanctionLadder.Judged(code: "REFLP01-01S1", title: "Pemasaran Digital", provider: "REFLP01", status: .warning, failing: ["M-SP-01"]),
            SanctionLadder.Judged(code: "TEH-01", title: "Teh", provider: "LPTEH", status: .violation, failing: ["M-PR-01"]),
        ]
        let opened = try await harness.store.record(Self.ladder.review(judged, open: [], runID: ConsoleHarness.sweepRun))
        let kopiSanction = try #require(opened.first { $0.provider == "REFLP01" }).id
        let tehSanction = try #require(opened.first { $0.provider == "LPTEH" }).id
        try await harness.test { client in
            let kopi = Browser(), teh = Browser(), monitor = Browser(), viewer = Browser()
            for (browser, login) in [(kopi, "kopi"), (teh, "teh"), (monitor, "budi"), (viewer, "tamu")] {
                _ = try await browser.signIn(client, as: login)
            }
            let page = try await kopi.get(client, "/sanctions")
            let html = String(buffer: page.body)
            #expect(html.contains(kopiSanction) && !html.contains(tehSanction), "a provider's users see their provider's only")
            #expect(html.contains(#"value="respond""#) && !html.contains(#"value="escalate""#), "they answer; they do not decide")
            let token = Browser.formToken(in: page) ?? ""
            let hostile = #"<script>alert(1)</script> diperbaiki"#
            let answered = try await kopi.post(
                client, "/sanctions/\(kopiSanction)/decide", [("csrf", token), ("action", "respond"), ("note", hostile)])
            #expect(answered.status == .found)
            let escalate = try await kopi.post(client, "/sanctions/\(kopiSanction)/decide", [("csrf", token), ("action", "escalate"), ("note", "x")])
            #expect(escalate.status == .conflict, "a partner's user records a response, nothing more")
            let other = try await kopi.post(client, "/sanctions/\(tehSanction)/decide", [("csrf", token), ("action", "respond"), ("note", "x")])
            #expect(other.status == .conflict, "nor on another provider's sanction")
            #expect(!String(buffer: try await teh.get(client, "/sanctions").body).contains(kopiSanction), "an unregistered partner sees none")

            let monitorPage = try await monitor.get(client, "/sanctions")
            let monitorHTML = String(buffer: monitorPage.body)
            #expect(monitorHTML.contains(kopiSanction) && monitorHTML.contains(tehSanction), "the program's people see every one")
            #expect(!monitorHTML.contains("<script>alert(1)") && monitorHTML.contains("&lt;script&gt;"), "what a partner wrote is escaped")
            let monitorToken = Browser.formToken(in: monitorPage) ?? ""
            let extended = try await monitor.post(
                client, "/sanctions/\(kopiSanction)/decide", [("csrf", monitorToken), ("action", "extend"), ("days", "5"), ("note", "vendor LMS")])
            #expect(extended.status == .found)
            let noDays = try await monitor.post(
                client, "/sanctions/\(kopiSanction)/decide", [("csrf", monitorToken), ("action", "extend"), ("note", "x")])
            #expect(noDays.status == .conflict)
            #expect(String(buffer: noDays.body).contains("perpanjangan 1 sampai 250 hari kerja"), "a refusal is in the person's language")
            let missing = try await monitor.post(
                client, "/sanctions/S-2099-9999/decide", [("csrf", monitorToken), ("action", "close"), ("note", "x")])
            #expect(missing.status == .conflict && String(buffer: missing.body).contains("sanksi ini tidak ada"))
            let escalated = try await monitor.post(
                client, "/sanctions/\(tehSanction)/decide", [("csrf", monitorToken), ("action", "escalate"), ("note", "berulang")])
            #expect(escalated.status == .found)
            #expect(try await harness.store.sanction(tehSanction)?.level == .suspension)
            let steps = try #require(try await harness.store.sanction(kopiSanction)).steps
            #expect(steps.map(\.action) == [.opened, .responded, .extended])
            #expect(steps.map(\.by) == ["sweep", "kopi", "budi"])
            let viewerPage = String(buffer: try await viewer.get(client, "/sanctions").body)
            #expect(viewerPage.contains(kopiSanction) && !viewerPage.contains(#"value="respond""#), "a viewer reads, changes nothing")
        }
    }
}

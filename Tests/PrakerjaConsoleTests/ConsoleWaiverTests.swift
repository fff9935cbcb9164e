import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PrakerjaModels
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConsole
@testable import PrakerjaStore

/// Waivers in the console, as people use the forms: a partner's user proposes one for their own
/// partner, the admin approves it (never their own), the page shows who did what and when, and
/// what a partner wrote is escaped.
@Suite struct ConsoleWaiverTests {
    static let lastDay = CalendarDate(dayNumber: CalendarDate(Date()).dayNumber + 30).description

    @Test func aPartnersProposalIsApprovedByTheAdminAndShownWithItsHistory() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let kopi = Browser(), admin = Browser(), teh = Browser()
            for (browser, login) in [(kopi, "kopi"), (admin, "admin"), (teh, "teh")] { _ = try await browser.signIn(client, as: login) }
            let page = try await kopi.get(client, "/waivers")
            #expect(String(buffer: page.body).contains(#"action="/waivers""#))
            let hostile = #"<script>alert(1)</script> "><img src=x onerror=alert(2)>"#
            let proposed = try await kopi.post(
                client, "/waivers",
                [
                    ("csrf", Browser.formToken(in: page) ?? ""), ("check", "payment.latency.objective"), ("partner", "LP Teh"),
                    ("expires", Self.lastDay), ("reason", hostile),
                ])
            #expect(proposed.status == .found)
            let request = try #require(try await harness.store.waiverRequests().first)
            #expect(request.partner == "LP Kopi", "a partner's user proposes for their own partner, whatever the form says")
            let tehPage = String(buffer: try await teh.get(client, "/waivers").body)
            #expect(!tehPage.contains(request.id), "another partner's waiver is not listed")
            let adminPage = try await admin.get(client, "/waivers")
            let html = String(buffer: adminPage.body)
            #expect(html.contains("/waivers/\(request.id)/decide") && !html.contains("<script>alert(1)") && html.contains("&lt;script&gt;"))
            let refused = try await kopi.post(
                client, "/waivers/\(request.id)/decide", [("csrf", Browser.formToken(in: page) ?? ""), ("decision", "approve")])
            #expect(refused.status == .forbidden, "a partner's user does not decide")
            let approved = try await admin.post(
                client, "/waivers/\(request.id)/decide",
                [("csrf", Browser.formToken(in: adminPage) ?? ""), ("decision", "approve"), ("note", "agreed")])
            #expect(approved.status == .found)
            let after = String(buffer: try await kopi.get(client, "/waivers").body)
            #expect(after.contains(#"class="badge live""#) && after.contains("admin ·") && after.contains("kopi ·"), "who proposed and who decided")
            // The admin's own proposal waits for another person.
            _ = try await admin.post(
                client, "/waivers",
                [("csrf", Browser.formToken(in: adminPage) ?? ""), ("check", "M-PR-05"), ("expires", Self.lastDay), ("reason", "r")])
            let own = try #require(try await harness.store.waiverRequests().first { $0.proposedBy == "admin" })
            #expect(own.partner == nil, "left empty: every partner")
            let ownDecision = try await admin.post(
                client, "/waivers/\(own.id)/decide", [("csrf", Browser.formToken(in: adminPage) ?? ""), ("decision", "approve")])
            #expect(ownDecision.status == .conflict && String(buffer: ownDecision.body).contains("another person"))
            let noDate = try await admin.post(
                client, "/waivers", [("csrf", Browser.formToken(in: adminPage) ?? ""), ("check", "M-PR-05"), ("reason", "r")])
            #expect(noDate.status == .conflict)
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConformance
@testable import PrakerjaConsole
@testable import PrakerjaCuration
@testable import PrakerjaStore

/// Reviewing in the console, as people do it with forms: the admin assigns a sweep, a monitor
/// finds its results in their queue and gives a verdict, a monitor of another institution gives
/// the second one, and the admin adjudicates when they disagree. Refusals say why; a partner's
/// words in a note are escaped.
@Suite struct ConsoleReviewTests {
    static let reviewRun = "20261201T120000-REVIEW01"

    /// The harness with a monitor of another institution (Dewi, UI) and a sweep under the 2023
    /// rule pack of one course whose critical indicator (M-TI-01, position 0) and major one
    /// (M-PR-05, position 1) wait for people.
    static func make() async throws -> ConsoleHarness {
        let harness = try await ConsoleHarness.make()
        try await harness.store.addPerson(
            ConsolePerson(login: "dewi", name: "Dewi", role: .monitor, institution: "UI"),
            passwordHash: try await Passwords.hash(ConsoleHarness.password, cost: 4),
            by: "test")
        let started = Date(timeIntervalSince1970: 1_790_020_000)
        var run = MonitoringResult.header(source: "Armada", courses: 1, rulePack: "2023-normal", runID: reviewRun, startedAt: started)
        let checks = ["M-TI-01": "critical", "M-PR-05": "major"].sorted { $0.key > $1.key }.map { id, gravity in
            CheckResult(
                check: CheckDefinition(id: id, title: id, requirement: id, tags: [gravity]), verdict: .needsReview, fault: nil,
                message: "for a person", evidence: Evidence(), startedAt: started, milliseconds: 1, proposed: .fail)
        }
        run.suites[0].groups = [GroupResult(id: MonitoringResult.groupID("CRS-1"), title: "CRS-1", verdict: .needsReview, checks: checks)]
        run.monitoring = MonitoringSummary(
            rulePack: "2023-normal", courses: [.init(code: "CRS-1", title: "Kursus", status: .awaitingReview, provider: "LPK-1")], partners: [])
        try await harness.store.save(run)
        return harness
    }

    /// Sends the verdict form of the result page at `path` as `browser`'s person would.
    static func give(
        _ verdict: String, note: String, on path: String, _ client: any TestClientProtocol, _ browser: Browser
    ) async throws -> TestResponse {
        let page = try await browser.get(client, path)
        let html = String(buffer: page.body)
        let nonce = try #require(
            html.range(of: #"name="form" value=""#).map { String(html[$0.upperBound...].prefix { $0 != "\"" }) }, "no form on \(path)")
        return try await browser.post(
            client, "\(path)/review", [("csrf", Browser.formToken(in: page) ?? ""), ("form", nonce), ("verdict", verdict), ("note", note)])
    }

    @Test func aSweepIsAssignedReviewedBySecondReviewerAndAdjudicated() async throws {
        let harness = try await Self.make()
        let critical = "/runs/\(Self.reviewRun)/results/0"
        try await harness.test { client in
            let admin = Browser(), budi = Browser(), dewi = Browser()
            for (browser, login) in [(admin, "admin"), (budi, "budi"), (dewi, "dewi")] { _ = try await browser.signIn(client, as: login) }
            // The admin assigns the sweep to IPB.
            let queue = try await admin.get(client, "/reviews")
            #expect(String(buffer: queue.body).contains("/runs/\(Self.reviewRun)/assign"))
            let assigned = try await admin.post(
                client, "/runs/\(Self.reviewRun)/assign", [("csrf", Browser.formToken(in: queue) ?? ""), ("to", "institution:IPB")])
            #expect(assigned.status == .found)
            #expect(try await harness.store.assignment(Self.reviewRun)?.assignee == .institution("IPB"))
            // Budi, of IPB, finds both results waiting for him, and the rubric on the result's page.
            let his = String(buffer: try await budi.get(client, "/reviews").body)
            #expect(his.contains("href=\"\(critical)\"") && his.contains("/runs/\(Self.reviewRun)/results/1"))
            let page = String(buffer: try await budi.get(client, critical).body)
            let indicator = try #require(try IndicatorCatalogue.standard(.monitoring).indicator("M-TI-01"))
            let rubric = indicator.rubric ?? indicator.criteria
            #expect(page.contains(String(rubric.prefix { $0.isLetter || $0 == " " }.prefix(30))), "the rubric is on the page")
            let hostile = #"<script>alert(1)</script> "><img src=x onerror=alert(2)>"#
            #expect(try await Self.give("fail", note: hostile, on: critical, client, budi).status == .found)
            let after = String(buffer: try await budi.get(client, critical).body)
            #expect(!after.contains("<script>alert(1)") && after.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "a note is escaped")
            #expect(after.contains("IPB") && after.contains(#"class="badge needsReview""#), "his review is shown; the result still waits")
            // Dewi, of UI, is not assigned the sweep but sees the second opinion it wants.
            let hers = String(buffer: try await dewi.get(client, "/reviews").body)
            #expect(hers.contains("href=\"\(critical)\"") && !hers.contains("/results/1\""))
            #expect(try await Self.give("pass", note: "the title is as approved", on: critical, client, dewi).status == .found)
            #expect(try await harness.store.result(Self.reviewRun, at: 0)?.result.verdict == .needsReview)
            // They disagree: the admin adjudicates.
            #expect(String(buffer: try await admin.get(client, "/reviews").body).contains("href=\"\(critical)\""))
            #expect(try await Self.give("fail", note: "the live title differs", on: critical, client, admin).status == .found)
            let decided = try #require(try await harness.store.result(Self.reviewRun, at: 0)).result
            #expect(decided.verdict == .fail && decided.reviews?.last?.adjudicates == true)
            #expect(!String(buffer: try await budi.get(client, critical).body).contains(#"name="form""#), "decided: the admin's to change")
        }
    }

    @Test func refusalsSayWhyAndChangeNothing() async throws {
        let harness = try await Self.make()
        let major = "/runs/\(Self.reviewRun)/results/1"
        try await harness.test { client in
            let budi = Browser(), sari = Browser(), kopi = Browser()
            for (browser, login) in [(budi, "budi"), (sari, "sari"), (kopi, "kopi")] { _ = try await browser.signIn(client, as: login) }
            // Not assigned to him yet: no form on the page, and the form sent anyway is refused, with the reason.
            let page = try await budi.get(client, major)
            #expect(!String(buffer: page.body).contains(#"name="form""#))
            let refused = try await budi.post(
                client, "\(major)/review",
                [("csrf", Browser.formToken(in: page) ?? ""), ("form", ConsoleSecurity.token()), ("verdict", "pass"), ("note", "ok")])
            #expect(refused.status == .conflict)
            #expect(String(buffer: refused.body).contains("is not assigned to you or IPB"))
            // An assessor has no form on a sweep's result, and a forged one is refused.
            let hers = try await sari.get(client, major)
            #expect(!String(buffer: hers.body).contains(#"name="form""#))
            let forged = try await sari.post(
                client, "\(major)/review",
                [("csrf", Browser.formToken(in: hers) ?? ""), ("form", ConsoleSecurity.token()), ("verdict", "pass"), ("note", "seen")])
            #expect(forged.status == .conflict && String(buffer: forged.body).contains("an assessor does not review monitoring runs"))
            // A partner user may not review at all; a form without its one-time id is refused.
            #expect(try await kopi.post(client, "\(major)/review", [("csrf", "x"), ("verdict", "pass")]).status == .forbidden)
            let noNonce = try await budi.post(client, "\(major)/review", [("csrf", Browser.formToken(in: page) ?? ""), ("verdict", "pass")])
            #expect(noNonce.status == .forbidden)
            #expect(try await harness.store.result(Self.reviewRun, at: 1)?.result.reviews == nil, "nothing was recorded")
        }
    }
}

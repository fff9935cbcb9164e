import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PrakerjaKitFiles
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConformance
@testable import PrakerjaConsole
@testable import PrakerjaCuration
@testable import PrakerjaStore

/// A partner's own page: the proposals its users upload (a file or pasted) and get assessed,
/// the runs they start against the registered base URL only, and what is refused, with why.
@Suite struct ConsolePartnerTests {
    static let proposalPath = "\(KitFiles.defaultRoot)/Conformance/fixtures/proposals/01-digital-marketing-self-paced.json"

    /// The harness with "LP Kopi" registered as the training provider REFLP01, 2 runs a day.
    static func make() async throws -> ConsoleHarness {
        let harness = try await ConsoleHarness.make()
        try await harness.store.register(
            RegisteredPartner(
                name: "LP Kopi", role: "training-provider", baseURL: "http://127.0.0.1:8185", config: "/etc/prakerja/kopi.yaml", provider: "REFLP01",
                dailyRuns: 2, registeredBy: "admin", registeredAt: Date()))
        return harness
    }

    @Test func aProposalUploadedAsAFileIsAssessedAndIsThePartners() async throws {
        let harness = try await Self.make()
        let proposal = try Data(contentsOf: URL(fileURLWithPath: Self.proposalPath))
        try await harness.test { client in
            let kopi = Browser(), teh = Browser()
            _ = try await kopi.signIn(client, as: "kopi")
            _ = try await teh.signIn(client, as: "teh")
            let page = try await kopi.get(client, "/partner")
            let html = String(buffer: page.body)
            #expect(html.contains("http://127.0.0.1:8185") && html.contains("REFLP01") && html.contains(#"action="/partner/proposals""#))
            let sent = try await kopi.postMultipart(
                client, "/partner/proposals", [("csrf", Browser.formToken(in: page) ?? "")], file: ("proposal", "proposal.json", Array(proposal)))
            #expect(sent.status == .found)
            let location = try #require(sent.headers[.location])
            #expect(location.hasPrefix("/runs/"))
            let run = String(location.dropFirst("/runs/".count))
            #expect(try await kopi.get(client, location).status == .ok)
            #expect(try await harness.store.header(run)?.run.assessment?.course?.provider == "REFLP01")
            #expect(try await teh.get(client, location).status == .notFound, "another partner's user does not see it")
            #expect(try await harness.store.audit(run).contains { $0.action == "proposal.submitted" && $0.actor == "kopi" })
            let stored = try #require(try await harness.store.run(run)).run
            let said = stored.checks.map { $0.message + $0.evidence.findings.map { $0.message + ($0.actual ?? "") + ($0.expected ?? "") }.joined() }
                .joined()
            #expect(!said.contains(harness.store.location) && said.contains("the program's history"), "no server path in what a partner reads")
        }
    }

    @Test func aProposalThatIsNotValidOrIsAnotherProvidersIsRefusedWithWhyAndNothingIsRecorded() async throws {
        let harness = try await Self.make()
        var other = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.proposalPath))) as! [String: Any]
        var provider = other["provider"] as! [String: Any]
        provider["code"] = "LPLAIN"
        other["provider"] = provider
        let otherText = String(decoding: try JSONSerialization.data(withJSONObject: other), as: UTF8.self)
        let before = try await harness.store.runs(limit: 100).count
        try await harness.test { client in
            let kopi = Browser()
            _ = try await kopi.signIn(client, as: "kopi")
            for (text, expected) in [
                (otherText, "LPLAIN"), (#"{"proposalID": "<script>alert(1)</script>"}"#, "provider"), ("not json <b>", "JSON"), ("", "pilih berkas"),
            ] {
                let page = try await kopi.get(client, "/partner")
                let answer = try await kopi.post(client, "/partner/proposals", [("csrf", Browser.formToken(in: page) ?? ""), ("proposalText", text)])
                let html = String(buffer: answer.body)
                #expect(answer.status == .unprocessableContent, "\(text.prefix(30))")
                #expect(html.contains(expected), "the refusal says why: \(html.suffix(600))")
                #expect(!html.contains("<script>alert(1)") && !html.contains("<b>"), "what the partner sent is escaped")
            }
        }
        #expect(try await harness.store.runs(limit: 100).count == before)
    }

    /// The proposal fixture with `change` made to it, as JSON text.
    static func proposal(_ change: (inout [String: Any]) -> Void) throws -> String {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.proposalPath))) as! [String: Any]
        change(&object)
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// Numbers past what the contract allows (minutes, quizzes: found by an outside tester to stop
    /// the console), and a course of another provider's code: refused with why; the console goes on.
    @Test func aProposalBeyondTheContractOrNamingAnotherProviderIsRefusedAndTheConsoleGoesOn() async throws {
        let harness = try await Self.make()
        func module(_ change: @escaping (inout [String: Any]) -> Void) -> (inout [String: Any]) -> Void {
            { proposal in
                var course = proposal["course"] as! [String: Any]
                var modules = course["modules"] as! [[String: Any]]
                change(&modules[0])
                course["modules"] = modules
                proposal["course"] = course
            }
        }
        let cases: [(String, String)] = [
            (try Self.proposal(module { $0["theoryMinutes"] = Int64.max }), "theoryMinutes"),
            (try Self.proposal(module { $0["practiceMinutes"] = 1 << 62 }), "practiceMinutes"),
            (
                try Self.proposal { proposal in
                    var course = proposal["course"] as! [String: Any], inner = course["course"] as! [String: Any]
                    inner["code"] = "OTHLP01-01S1"
                    course["course"] = inner
                    proposal["course"] = course
                }, "OTHLP01"
            ),
        ]
        try await harness.test { client in
            let kopi = Browser()
            _ = try await kopi.signIn(client, as: "kopi")
            for (text, expected) in cases {
                let page = try await kopi.get(client, "/partner")
                let answer = try await kopi.post(client, "/partner/proposals", [("csrf", Browser.formToken(in: page) ?? ""), ("proposalText", text)])
                #expect(answer.status == .unprocessableContent && String(buffer: answer.body).contains(expected), "\(expected)")
            }
            #expect(try await kopi.get(client, "/partner").status == .ok, "the console goes on")
        }
        #expect(try await harness.store.runs(kind: .assessment, limit: 10).isEmpty)
    }

    /// Numbers no contract bounds, read from where no schema was checked (a provider's endpoint),
    /// are summed without trapping: the assessment is made, and fails what they break.
    @Test func anAssessmentOfHugeNumbersSaturatesInsteadOfTrapping() throws {
        let text = try Self.proposal { proposal in
            var course = proposal["course"] as! [String: Any]
            var modules = course["modules"] as! [[String: Any]]
            for index in modules.indices { modules[index]["theoryMinutes"] = Int64.max / 2 }
            var evaluation = course["evaluation"] as! [String: Any]
            evaluation["quizzes"] = Int64.max
            course["evaluation"] = evaluation
            course["modules"] = modules
            proposal["course"] = course
        }
        let proposal = try JSONDecoder().decode(CourseProposal.self, from: Data(text.utf8))
        let run = try ProposalAssessor().assess(proposal, source: "test", history: nil)
        #expect(run.checks.count == 52 && run.assessment != nil)
        #expect(proposal.course.syllabusMinutes == Int.max)
        #expect(proposal.course.syllabusProblems.contains { $0.contains("add up to \(Int.max) minutes") })
    }

    /// A partner's user comparing its run with the one before sees only its own runs, even when
    /// another partner's run has the same subject.
    @Test func theRunBeforeIsAlwaysOneThePartnerMaySee() async throws {
        let harness = try await Self.make()
        try await harness.store.register(
            RegisteredPartner(
                name: "LP Teh", role: "training-provider", baseURL: "http://127.0.0.1:8186", config: "/etc/prakerja/teh.yaml", provider: "OTHLP01",
                dailyRuns: 2, registeredBy: "admin", registeredAt: Date()))
        // Two conformance runs of one subject, "LP Kopi": the earlier recorded as LP Teh's through its provider code.
        try await harness.store.save(ConsoleHarness.run("20261130T090000-THEIRS01", partner: "LP Kopi", message: "theirs"))
        _ = try await TestStore.sql(
            "UPDATE run SET subject = 'REFLP01-01S1', kind = 'assessment', provider = 'OTHLP01' WHERE id = '20261130T090000-THEIRS01'",
            at: harness.store.location)
        _ = try await TestStore.sql(
            "UPDATE run SET subject = 'REFLP01-01S1', kind = 'assessment', provider = 'REFLP01' WHERE id = '\(ConsoleHarness.kopiRun)'",
            at: harness.store.location)
        try await harness.test { client in
            let kopi = Browser()
            _ = try await kopi.signIn(client, as: "kopi")
            let diff = String(buffer: try await kopi.get(client, "/runs/\(ConsoleHarness.kopiRun)/diff").body)
            #expect(!diff.contains("THEIRS01"), "another partner's run is never the one before")
            let admin = Browser()
            _ = try await admin.signIn(client, as: "admin")
            #expect(String(buffer: try await admin.get(client, "/runs/\(ConsoleHarness.kopiRun)/diff").body).contains("THEIRS01"))
        }
    }

    @Test func aPartnersRunIsQueuedWithItsRegisteredConfigOneAtATime() async throws {
        let harness = try await Self.make()
        try await harness.test { client in
            let kopi = Browser(), teh = Browser()
            _ = try await kopi.signIn(client, as: "kopi")
            _ = try await teh.signIn(client, as: "teh")
            let page = try await kopi.get(client, "/partner")
            #expect(String(buffer: page.body).contains(#"action="/partner/runs""#))
            let started = try await kopi.post(
                client, "/partner/runs", [("csrf", Browser.formToken(in: page) ?? ""), ("baseURL", "http://evil.example"), ("config", "/etc/passwd")])
            #expect(started.status == .found)
            let sweeps = try await harness.store.sweeps()
            #expect(sweeps.count == 1)
            #expect(sweeps.first?.items.first?.key == "/etc/prakerja/kopi.yaml", "only the registered config, whatever the form says")
            let again = try await kopi.post(client, "/partner/runs", [("csrf", Browser.formToken(in: page) ?? "")])
            #expect(again.status == .conflict)
            #expect(String(buffer: (try await kopi.get(client, "/partner")).body).contains(sweeps.first?.id ?? "?"), "the page names the run going")
            // A partner the program did not register starts nothing.
            let tehPage = try await teh.get(client, "/partner")
            #expect(!String(buffer: tehPage.body).contains(#"action="/partner/runs""#))
            let refused = try await teh.post(client, "/partner/runs", [("csrf", Browser.formToken(in: tehPage) ?? "")])
            #expect(refused.status == .forbidden)
            // Two a day: the third is refused with when to try again.
            _ = try await TestStore.sql("UPDATE sweep SET status = 'finished'", at: harness.store.location)
            #expect(try await kopi.post(client, "/partner/runs", [("csrf", Browser.formToken(in: page) ?? "")]).status == .found)
            _ = try await TestStore.sql("UPDATE sweep SET status = 'finished'", at: harness.store.location)
            let third = try await kopi.post(client, "/partner/runs", [("csrf", Browser.formToken(in: page) ?? "")])
            #expect(third.status == .tooManyRequests)
            #expect(third.headers[.retryAfter].flatMap(Int.init).map { $0 > 80_000 && $0 <= 86_400 } == true, "\(third.headers)")
        }
        #expect(try await harness.store.sweeps().count == 2)
    }
}

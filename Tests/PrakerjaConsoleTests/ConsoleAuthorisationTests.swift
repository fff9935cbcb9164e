import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConsole
@testable import PrakerjaStore

/// Who may do what, walked from the console's route table: every route × every role and
/// anonymous gets the answer its access rule says; a partner user asking for another partner's
/// run gets 404, not 403.
@Suite struct ConsoleAuthorisationTests {
    /// What anonymous people and each role get from the routes anyone may call (a new public
    /// route fails the matrix until it has a line here).
    static let publicAnswers: [String: @Sendable (_ signedIn: Bool) -> HTTPResponse.Status] = [
        "GET /static/console.css": { _ in .ok },
        "GET /language/{language}": { _ in .found },
        "GET /sign-in": { signedIn in signedIn ? .found : .ok },
        // Anonymous: no person signs in as "nobody". Signed in: the sign-in page sends them on
        // without a form, so they have no form token to send.
        "POST /sign-in": { signedIn in signedIn ? .forbidden : .unauthorized },
    ]

    /// Who may call each route, written out here rather than read from the console: changing a
    /// route's access in the console fails this until someone changes it here too, on purpose.
    static let reviewedAccess: [String: ConsoleAccess] = [
        "GET /static/console.css": .anyone, "GET /language/{language}": .anyone, "GET /sign-in": .anyone, "POST /sign-in": .anyone,
        "POST /sign-out": .signedIn, "GET /": .signedIn, "GET /runs": .signedIn, "GET /runs/{id}": .signedIn,
        "GET /runs/{id}/courses": .signedIn, "GET /runs/{id}/download/{file}": .signedIn,
        "GET /runs/{id}/diff": .signedIn, "GET /runs/{id}/results/{position}": .signedIn,
        "GET /people": .roles([.admin]),
        "POST /runs/{id}/results/{position}/review": .roles([.admin, .assessor, .monitor]), "GET /reviews": .roles([.admin, .assessor, .monitor]),
        "POST /runs/{id}/assign": .roles([.admin]), "POST /reviews/balance": .roles([.admin]),
        "GET /waivers": .signedIn, "POST /waivers": .roles([.admin, .assessor, .monitor, .partner]),
        "POST /waivers/{id}/decide": .roles([.admin]),
        "GET /sanctions": .signedIn, "POST /sanctions/{id}/decide": .roles([.admin, .monitor, .partner]),
        "GET /partner": .roles([.partner]), "POST /partner/runs": .roles([.partner]), "POST /partner/proposals": .roles([.partner]),
    ]

    /// What the people a route lets in get from it in the matrix, where that is not 200 (a page)
    /// or 302 (a form done): the matrix's forms ask for what the console refuses to do with a
    /// conformance run (it is not reviewed by people), and say so (409).
    static let allowedAnswers: [String: HTTPResponse.Status] = [
        "POST /runs/{id}/results/{position}/review": .conflict, "POST /runs/{id}/assign": .conflict,
        // The harness's partner is not registered (403); the matrix's form carries no proposal (422).
        "POST /partner/runs": .forbidden, "POST /partner/proposals": .unprocessableContent,
        // The matrix's forms name no check and no last day, and decide no waiver that exists.
        "POST /waivers": .conflict, "POST /waivers/{id}/decide": .conflict,
        // The matrix's form decides nothing on a sanction that does not exist.
        "POST /sanctions/{id}/decide": .conflict,
    ]

    @Test func everyRouteHasTheAccessItWasReviewedFor() async throws {
        let routes = try await ConsoleHarness.make().console.routes
        #expect(Dictionary(uniqueKeysWithValues: routes.map { ("\($0.method) \($0.path)", $0.access) }) == Self.reviewedAccess)
    }

    /// `path` with its parameters filled in: a run of the partner user's partner (the sweep,
    /// for a sweep's page).
    static func concrete(_ path: String) -> String {
        path.replacingOccurrences(of: "{id}", with: path.hasSuffix("/courses") ? ConsoleHarness.sweepRun : ConsoleHarness.kopiRun)
            .replacingOccurrences(of: "{language}", with: "en")
            .replacingOccurrences(of: "{position}", with: "1").replacingOccurrences(of: "{file}", with: "junit.xml")
    }

    @Test func everyRouteAnswersEveryRoleAsItsAccessSays() async throws {
        let harness = try await ConsoleHarness.make()
        let routes = harness.console.routes
        #expect(Set(routes.filter { $0.access == .anyone }.map { "\($0.method) \($0.path)" }) == Set(Self.publicAnswers.keys))
        try await harness.test { client in
            for route in routes {
                for role in [nil] + ConsolePerson.Role.allCases.map(Optional.some) {
                    let browser = Browser()
                    if let role { #expect(try await browser.signIn(client, as: ConsoleHarness.logins[role]!).status == .found) }
                    let path = Self.concrete(route.path), label = "\(route.method) \(route.path) as \(role?.rawValue ?? "anonymous")"
                    let response: TestResponse
                    if route.method == .post {
                        // The form as a browser sends it: the page's token (the session's, or the sign-in form's).
                        let form = try await browser.get(client, role == nil || route.path == "/sign-in" ? "/sign-in" : "/")
                        let token = Browser.formToken(in: form) ?? ""
                        let login = role.map { ConsoleHarness.logins[$0]! } ?? "nobody"
                        response = try await browser.post(
                            client, path,
                            [("csrf", token), ("login", login), ("password", ConsoleHarness.password), ("form", ConsoleSecurity.token())])
                    } else {
                        response = try await browser.get(client, path)
                    }
                    let expected: HTTPResponse.Status
                    switch route.access {
                    case .anyone: expected = Self.publicAnswers["\(route.method) \(route.path)"]!(role != nil)
                    case .roles(let roles):
                        let allowed = Self.allowedAnswers["\(route.method) \(route.path)"] ?? (route.method == .post ? .found : .ok)
                        expected = role == nil ? .found : roles.contains(role!) ? allowed : .forbidden
                    }
                    #expect(response.status == expected, "\(label)")
                    if role == nil, case .roles = route.access { #expect(response.headers[.location] == "/sign-in", "\(label)") }
                }
            }
        }
    }

    /// A partner user sees their partner's runs only: another's run is not found (as a run that
    /// does not exist), and the lists leave it out.
    @Test func aPartnerUserSeesOnlyTheirPartnersRuns() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let kopi = Browser()
            _ = try await kopi.signIn(client, as: "kopi")
            #expect(try await kopi.get(client, "/runs/\(ConsoleHarness.kopiRun)").status == .ok)
            #expect(try await kopi.get(client, "/runs/\(ConsoleHarness.kopiRun)/results/1").status == .ok)
            #expect(try await kopi.get(client, "/runs/\(ConsoleHarness.tehRun)/results/1").status == .notFound, "nor its evidence")
            let other = try await kopi.get(client, "/runs/\(ConsoleHarness.tehRun)")
            let missing = try await kopi.get(client, "/runs/20261201T000000-NOSUCHRUN")
            #expect(other.status == .notFound)
            #expect(String(buffer: other.body) == String(buffer: missing.body), "another partner's run reads as one that does not exist")
            for page in ["/", "/runs", "/runs?kind=conformance"] {
                let html = String(buffer: try await kopi.get(client, page).body)
                #expect(!html.contains(ConsoleHarness.tehRun) && !html.contains("LP Teh"), "\(page)")
                #expect(html.contains(ConsoleHarness.kopiRun), "\(page)")
            }
            let viewer = Browser()
            _ = try await viewer.signIn(client, as: "tamu")
            #expect(try await viewer.get(client, "/runs/\(ConsoleHarness.tehRun)").status == .ok, "a viewer reads every run")
        }
    }
}

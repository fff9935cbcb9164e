import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConsole
@testable import PrakerjaStore

/// The console's defences, each tried: forms without their token, a session id planted before
/// sign-in, guessing passwords, hostile text from partners, the security headers, people
/// disabled or given a new password while signed in.
@Suite struct ConsoleSecurityTests {
    @Test func aFormWithoutItsTokenOrWithAnotherIsRefused() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let browser = Browser()
            _ = try await browser.signIn(client, as: "sari")
            for token in [nil, "", "forged-token"] {
                let fields = token.map { [("csrf", $0)] } ?? []
                let response = try await browser.post(client, "/sign-out", fields)
                #expect(response.status == .forbidden, "\(token ?? "no token")")
            }
            #expect(try await browser.get(client, "/").status == .ok, "still signed in: nothing was done")
            // Signing in: the form's token must match the form's own cookie.
            let stranger = Browser()
            _ = try await stranger.get(client, "/sign-in")
            let planted = try await stranger.post(
                client, "/sign-in", [("csrf", "not-the-cookie"), ("login", "sari"), ("password", ConsoleHarness.password)])
            #expect(planted.status == .forbidden)
            #expect(stranger.cookies[SessionCookie.name] == nil)
        }
    }

    @Test func signingInGivesANewSessionNeverThePlantedOne() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let browser = Browser()
            browser.cookies[SessionCookie.name] = "planted-by-an-attacker"
            #expect(try await browser.signIn(client, as: "budi").status == .found)
            let token = try #require(browser.cookies[SessionCookie.name])
            #expect(token != "planted-by-an-attacker")
            #expect(try await browser.get(client, "/sign-out").status == .notFound, "signing out is a form, never a link")
            #expect(try await browser.get(client, "/").status == .ok)
            let other = Browser()
            other.cookies[SessionCookie.name] = token
            #expect(try await other.get(client, "/").status == .ok, "the token is the session")
            let form = try await browser.get(client, "/")
            #expect(try await browser.post(client, "/sign-out", [("csrf", Browser.formToken(in: form) ?? "")]).status == .found)
            #expect(try await other.get(client, "/").status == .found, "signed out: the token no longer opens anything")
        }
    }

    @Test func guessingPasswordsIsThrottledPerAccountAndAudited() async throws {
        let harness = try await ConsoleHarness.make(configuration: .init(refusalsPerAccount: 3, refusalsPerAddress: 100))
        try await harness.test { client in
            let browser = Browser()
            for _ in 0..<3 {
                let refused = try await browser.signIn(client, as: "admin", password: "wrong password, long enough")
                #expect(refused.status == .unauthorized)
            }
            let locked = try await browser.signIn(client, as: "admin")
            #expect(locked.status == .tooManyRequests, "the right password, but too late")
            #expect(browser.cookies[SessionCookie.name] == nil)
            #expect(try await browser.signIn(client, as: "sari").status == .found, "another account is not locked")
            let audit = try await harness.store.audit("").map(\.action)
            #expect(audit.filter { $0 == "console.sign-in-refused" }.count == 4)
            #expect(audit.contains("console.signed-in"))
        }
    }

    @Test func guessingFromOneAddressIsThrottledAcrossAccounts() async throws {
        let harness = try await ConsoleHarness.make(configuration: .init(refusalsPerAccount: 100, refusalsPerAddress: 3))
        try await harness.test { client in
            let browser = Browser()
            for login in ["admin", "sari", "no-such-person"] {
                let refused = try await browser.signIn(client, as: login, password: "wrong password, long enough")
                #expect(refused.status == .unauthorized)
            }
            let locked = try await browser.signIn(client, as: "budi")
            #expect(locked.status == .tooManyRequests)
        }
    }

    /// Behind a trusted proxy, each client is throttled apart (the proxy's header names them);
    /// a header from anyone else names nobody.
    @Test func aTrustedProxysClientsAreThrottledApart() async throws {
        let proxied = try await ConsoleHarness.make(configuration: .init(refusalsPerAccount: 100, refusalsPerAddress: 2, trustedProxies: ["unknown"]))
        try await proxied.test { client in
            let browser = Browser()
            for _ in 0..<2 {
                browser.forwardedFor = "10.0.0.1"
                _ = try await browser.signIn(client, as: "admin", password: "wrong password, long enough")
            }
            browser.forwardedFor = "10.0.0.2"
            let other = try await browser.signIn(client, as: "admin")
            #expect(other.status == .found, "another client behind the proxy is not locked out")
            let again = Browser()
            again.forwardedFor = "10.0.0.1"
            let locked = try await again.signIn(client, as: "sari")
            #expect(locked.status == .tooManyRequests)
        }
        let direct = try await ConsoleHarness.make(configuration: .init(refusalsPerAccount: 100, refusalsPerAddress: 2))
        try await direct.test { client in
            let browser = Browser()
            for address in ["10.0.0.1", "10.0.0.2"] {
                browser.forwardedFor = address
                _ = try await browser.signIn(client, as: "admin", password: "wrong password, long enough")
            }
            browser.forwardedFor = "10.0.0.3"
            let locked = try await browser.signIn(client, as: "admin")
            #expect(locked.status == .tooManyRequests, "an untrusted peer's header is ignored")
        }
    }

    @Test func whatPartnersWriteIsShownAsTextNeverAsMarkup() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let browser = Browser()
            _ = try await browser.signIn(client, as: "admin")
            // The run's results, its failing result's evidence (finding, headers, bodies, URL), the lists.
            for page in ["/runs/\(ConsoleHarness.kopiRun)", "/runs/\(ConsoleHarness.kopiRun)/results/1", "/runs", "/"] {
                let response = try await browser.get(client, page)
                #expect(response.status == .ok, "\(page)")
                let html = String(buffer: response.body)
                if page.hasPrefix("/runs/") { #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(page)") }
                #expect(!html.contains("<script"), "\(page)")
                #expect(!html.contains("<img"), "\(page)")
                #expect(!html.contains("</pre>L"), "\(page)")
                #expect(!html.contains("href=\"javascript:"), "\(page)")
            }
            let evidence = String(buffer: try await browser.get(client, "/runs/\(ConsoleHarness.kopiRun)/results/1").body)
            #expect(evidence.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
            #expect(evidence.contains("&lt;/pre&gt;LP Kopi"), "a body that closes the <pre> is text")
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let browser = Browser()
            var answers = [try await browser.get(client, "/sign-in"), try await browser.get(client, "/no-such-page")]
            _ = try await browser.signIn(client, as: "tamu")
            answers += [try await browser.get(client, "/"), try await browser.get(client, "/people"), try await browser.get(client, "/runs/nothing")]
            #expect(answers.map(\.status) == [.ok, .notFound, .ok, .forbidden, .notFound])
            for answer in answers {
                let policy = answer.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline") && policy.contains("default-src 'none'"))
                #expect(answer.headers[.xContentTypeOptions] == "nosniff")
                #expect(answer.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            }
            let sari = Browser()
            let signedIn = try await sari.signIn(client, as: "sari")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.name) })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
        }
        let secure = try await ConsoleHarness.make(configuration: .init(publicURL: "https://kurasi.prakerja.example"))
        try await secure.test { client in
            let sari = Browser()
            let signedIn = try await sari.signIn(client, as: "sari")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("__Host-\(SessionCookie.name)=") })
            #expect(
                cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"),
                "behind https, sent over https only, to this host")
            #expect(try await sari.get(client, "/").status == .ok, "the session is read by its __Host- name")
            // A cookie of the plain name (set by a sibling subdomain over http) is no session here.
            let planted = Browser()
            planted.cookies[SessionCookie.name] = try #require(sari.cookies["__Host-\(SessionCookie.name)"])
            #expect(try await planted.get(client, "/").status != .ok)
        }
    }

    @Test func disablingOrANewPasswordEndsThePersonsSessions() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let sari = Browser(), budi = Browser()
            _ = try await sari.signIn(client, as: "sari")
            _ = try await budi.signIn(client, as: "budi")
            #expect(try await harness.store.disablePerson("sari", by: "test"))
            #expect(try await sari.get(client, "/").status == .found, "sent to sign in")
            let again = Browser()
            let disabled = try await again.signIn(client, as: "sari")
            #expect(disabled.status == .unauthorized, "a disabled person cannot sign in")
            #expect(
                try await harness.store.setPassword(of: "budi", passwordHash: try await Passwords.hash("a new password now", cost: 4), by: "test"))
            #expect(try await budi.get(client, "/").status == .found)
            let renewed = Browser()
            let newPassword = try await renewed.signIn(client, as: "budi", password: "a new password now")
            #expect(newPassword.status == .found)
        }
    }

    @Test func bothLanguagesHaveEveryText() throws {
        let texts = try ConsoleTexts.load()
        #expect(Set(texts.catalogue(.id).keys) == Set(texts.catalogue(.en).keys))
        #expect(texts.text("signIn", .id) == "Masuk")
        #expect(texts.text("signIn", .en) == "Sign in")
    }

    @Test func bahasaIndonesiaFirstEnglishByTheSwitch() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let browser = Browser()
            #expect(String(buffer: try await browser.get(client, "/sign-in").body).contains("<html lang=\"id\">"))
            let switched = try await browser.get(client, "/language/en")
            #expect(switched.status == .found)
            #expect(String(buffer: try await browser.get(client, "/sign-in").body).contains("Sign in"))
            #expect(try await browser.get(client, "/language/fr").status == .notFound)
        }
    }
}

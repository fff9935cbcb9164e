import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConsole
@testable import PrakerjaStore

/// Requests an attacker (or a clumsy client) sends, each answered plainly: redirects that would
/// leave the console, guesses sent all at once, forms from other sites, bodies too large,
/// passwords bcrypt would cut short, names with line breaks, filters with control characters.
@Suite struct ConsoleHostileRequestTests {
    @Test(arguments: [
        "https://evil.example/x", "http://127.0.0.1:8231//evil.example", "http://127.0.0.1:8231/\\evil.example",
        "http://127.0.0.1:8231/%5Cevil.example", "http://127.0.0.1:8231/%09/evil.example", "http://127.0.0.1:8231/%2F%2Fevil.example",
        "http://127.0.0.1:8231/runs?x=%0d%0aSet-Cookie:a=b\r\n", "http://127.0.0.1:8231/language/en", "javascript:alert(1)", "",
    ])
    func theLanguageSwitchNeverLeadsOutOfTheConsole(referer: String) {
        let back = ConsoleApplication.consolePath(referer: referer)
        #expect(back == nil || back == "/runs" || back == "/x", "\(referer) → \(back ?? "nil")")
        if let back {
            #expect(back.hasPrefix("/") && !back.hasPrefix("//") && !back.contains("\\") && !back.contains("%"))
        }
    }

    @Test func theLanguageSwitchKeepsThePageAndItsQuery() async throws {
        #expect(
            ConsoleApplication.consolePath(referer: "http://h/runs/R1?show=all&check=payment.refund+x%2Fy")
                == "/runs/R1?show=all&check=payment.refund+x%2Fy")
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            var headers = HTTPFields()
            headers[.referer] = "http://localhost/runs?kind=monitoring"
            let switched = try await client.execute(uri: "/language/en", method: .get, headers: headers, body: nil)
            #expect(switched.status == .found)
            #expect(switched.headers[.location] == "/runs?kind=monitoring")
            headers[.referer] = "http://localhost/\\evil.example"
            #expect(try await client.execute(uri: "/language/en", method: .get, headers: headers, body: nil).headers[.location] == "/")
        }
    }

    /// Guesses sent at the same moment are counted as they begin: no more than the limit are
    /// ever checked, however many arrive together.
    @Test func guessesSentAllAtOnceAreThrottledAsIfOneByOne() async throws {
        let harness = try await ConsoleHarness.make(configuration: .init(refusalsPerAccount: 3, refusalsPerAddress: 100))
        try await harness.test { client in
            let form = try await client.execute(uri: "/sign-in", method: .get, headers: [:], body: nil)
            let token = try #require(Browser.formToken(in: form))
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<24 {
                    group.addTask {
                        var headers = HTTPFields()
                        headers[.cookie] = "\(SessionCookie.form)=\(token)"
                        headers[.contentType] = "application/x-www-form-urlencoded"
                        let body = "csrf=\(token)&login=admin&password=wrong+password+long+enough"
                        return try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: ByteBuffer(string: body)).status
                    }
                }
                var statuses: [HTTPResponse.Status] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 3, "\(statuses.map(\.code))")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 21)
        }
    }

    @Test func aFormFromAnotherSiteIsRefused() async throws {
        let harness = try await ConsoleHarness.make(configuration: .init(publicURL: "https://kurasi.prakerja.example"))
        try await harness.test { client in
            for (name, value, refused) in [
                ("Origin", "https://evil.example", true), ("Origin", "null", true), ("Sec-Fetch-Site", "cross-site", true),
                ("Sec-Fetch-Site", "same-site", true), ("Origin", "https://kurasi.prakerja.example", false),
                ("Sec-Fetch-Site", "same-origin", false),
            ] {
                let browser = Browser()
                let form = try await browser.get(client, "/sign-in")
                var headers = browser.cookieHeader
                headers[.contentType] = "application/x-www-form-urlencoded"
                headers[HTTPField.Name(name)!] = value
                let body = "csrf=\(Browser.formToken(in: form) ?? "")&login=sari&password=\(Browser.encoded(ConsoleHarness.password))"
                let response = try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect((response.status == .forbidden) == refused, "\(name): \(value) → \(response.status)")
                if refused { #expect(String(buffer: response.body).contains("situs lain")) }
            }
        }
    }

    @Test func aSecondTabsSignInFormDoesNotVoidTheFirst() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let browser = Browser()
            let first = try await browser.get(client, "/sign-in")
            let second = try await browser.get(client, "/sign-in")
            let token = try #require(Browser.formToken(in: first))
            #expect(Browser.formToken(in: second) == token)
            let signedIn = try await browser.post(client, "/sign-in", [("csrf", token), ("login", "sari"), ("password", ConsoleHarness.password)])
            #expect(signedIn.status == .found)
        }
    }

    @Test func aBodyTooLargeIsRefusedWith413() async throws {
        let harness = try await ConsoleHarness.make(configuration: .init(maximumFormBytes: 1_024))
        try await harness.test { client in
            let browser = Browser()
            let form = try await browser.get(client, "/sign-in")
            let padding = String(repeating: "a", count: 4_096)
            let response = try await browser.post(
                client, "/sign-in", [("csrf", Browser.formToken(in: form) ?? ""), ("login", "sari"), ("password", padding)])
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body).contains("<html"))
            #expect(browser.cookies[SessionCookie.name] == nil)
        }
    }

    @Test func headAnswersAsGetWithoutTheBody() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let page = try await client.execute(uri: "/sign-in", method: .head, headers: [:], body: nil)
            #expect(page.status == .ok)
            #expect(page.body.readableBytes == 0)
            #expect(page.headers[.contentSecurityPolicy] != nil)
            #expect(try await client.execute(uri: "/", method: .head, headers: [:], body: nil).status == .found, "anonymous: sent to sign in")
            #expect(try await client.execute(uri: "/people", method: .head, headers: [:], body: nil).status == .found)
        }
    }

    /// bcrypt reads 72 bytes: a longer password is refused when set, and a guess that shares a
    /// password's first 72 bytes never signs in.
    @Test func passwordsLongerThanBcryptReadsAreRefused() async throws {
        let long = String(repeating: "kata sandi ", count: 7)  // 77 bytes
        #expect(Passwords.problem(long) != nil)
        #expect(Passwords.problem("correct horse\nbattery") != nil, "a line break a file added")
        #expect(Passwords.problem(String(long.prefix(72))) == nil)
        let hash = try await Passwords.hash(String(long.prefix(72)), cost: 4)
        #expect(try await Passwords.verify(String(long.prefix(72)), hash: hash))
        #expect(try await !Passwords.verify(long, hash: hash), "bcrypt alone would say yes")
    }

    /// (An institution's spaces and line breaks are folded, `ConsolePerson.institution`: "UGM\r" is UGM.)
    @Test(arguments: [("name", "Sari\nadmin  admin  active"), ("name", "Sari\u{1B}[31m"), ("institution", "UGM\u{1B}[31m"), ("name", "Sari\u{202E}")])
    func namesWithControlCharactersAreRefused(field: String, value: String) {
        let person = ConsolePerson(
            login: "sari", name: field == "name" ? value : "Sari", role: .assessor, institution: field == "institution" ? value : "UGM")
        #expect(person.problem?.contains(field) == true, "\(person.problem ?? "accepted")")
    }

    @Test func aFiltersTextIsWhatThePersonTyped() {
        let query = FormFields.parse("check=payment+refund%2B1&evil=a%00b%0Dc&blank=+%09+")
        #expect(query.text("check", maximum: 80) == "payment refund+1")
        #expect(query.text("evil", maximum: 80) == "abc")
        #expect(query.text("blank", maximum: 80) == nil)
        #expect(query.text("check", maximum: 7) == "payment")
    }

    /// A form the console cannot read is refused whole, never read in part: a field sent twice
    /// (which value was meant?), a multipart body cut short or sent with its token twice. The
    /// answer says so (not "the form expired"), and nothing is recorded.
    @Test func aFormThatCannotBeReadIsRefusedWhole() async throws {
        let harness = try await ConsoleHarness.make()
        try await harness.test { client in
            let admin = Browser()
            _ = try await admin.signIn(client, as: "admin")
            let token = try #require(Browser.formToken(in: try await admin.get(client, "/waivers")))
            let expires = Date().addingTimeInterval(30 * 86_400).formatted(.iso8601.year().month().day())
            let waiver = [("check", "M-PR-05"), ("reason", "the price list moves"), ("expires", expires)]
            let twice = try await admin.post(client, "/waivers", [("csrf", token), ("check", "M-TI-01")] + waiver)
            #expect(twice.status == .badRequest && String(buffer: twice.body).contains("terkirim dua kali"), "\(twice.status)")
            var headers = admin.cookieHeader
            headers[.contentType] = "multipart/form-data; boundary=B"
            let cut = "--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n--B\r\nContent-Disposition: form-data; name=\"check\""
            let cutShort = try await client.execute(uri: "/waivers", method: .post, headers: headers, body: ByteBuffer(string: cut))
            #expect(cutShort.status == .badRequest)
            let doubled = try await admin.postMultipart(
                client, "/waivers", [("csrf", token), ("csrf", token)] + waiver, file: ("evidence", "e.json", Array("{}".utf8)))
            #expect(doubled.status == .badRequest)
            #expect(try await harness.store.waiverRequests().isEmpty, "nothing recorded")
            let sent = try await admin.post(client, "/waivers", [("csrf", token)] + waiver)
            let recorded = try await harness.store.waiverRequests().count
            #expect(sent.status == .found && recorded == 1, "the same form, readable, is taken: \(sent.status)")
        }
    }
}

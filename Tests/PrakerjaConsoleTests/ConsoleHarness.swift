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

/// A console over a fresh SQLite history holding one person of each role (partner users of two
/// partners) and runs of both partners, one of them with hostile text in it.
struct ConsoleHarness {
    let store: ResultsStore
    let console: ConsoleApplication
    static let password = "correct horse battery staple"
    /// The login of each role's person (`partner`: of "LP Kopi"; `otherPartner`: of "LP Teh").
    static let logins: [ConsolePerson.Role: String] = [
        .admin: "admin", .assessor: "sari", .monitor: "budi", .partner: "kopi", .viewer: "tamu",
    ]
    static let kopiRun = "20261201T090000-KOPI0001", tehRun = "20261201T100000-TEH00001", sweepRun = "20261201T110000-SWEEP001"
    /// A script, an attribute breaker and a `javascript:` URL, as a partner could name itself.
    static let hostile = #"LP Kopi <script>alert(1)</script> "><img src=x onerror=alert(2)> javascript:alert(3)"#

    static func make(configuration: ConsoleConfiguration = .init()) async throws -> ConsoleHarness {
        let store = try await ResultsStore.open(try await TestStore.sqlite.freshLocation())
        let hash = try await Passwords.hash(password, cost: 4)
        let people = [
            ConsolePerson(login: "admin", name: "Admin Program", role: .admin),
            ConsolePerson(login: "sari", name: "Sari", role: .assessor, institution: "UGM"),
            ConsolePerson(login: "budi", name: "Budi", role: .monitor, institution: "IPB"),
            ConsolePerson(login: "kopi", name: "Kopi staff", role: .partner, partner: "LP Kopi"),
            ConsolePerson(login: "teh", name: "Teh staff", role: .partner, partner: "LP Teh"),
            ConsolePerson(login: "tamu", name: "Tamu", role: .viewer),
        ]
        for person in people { try await store.addPerson(person, passwordHash: hash, by: "test") }
        try await store.save(run(kopiRun, partner: "LP Kopi", message: hostile))
        try await store.save(run(tehRun, partner: "LP Teh", message: "a refund was missing"))
        try await store.save(try sweep())
        return ConsoleHarness(store: store, console: try ConsoleApplication(store: store, configuration: configuration))
    }

    static func run(
        _ id: String, partner: String, message: String, verdicts: [Verdict] = [.pass, .fail],
        started: Date = Date(timeIntervalSince1970: 1_790_000_000)
    ) -> RunResult {
        let checks = verdicts.enumerated().map { index, verdict in
            CheckResult(
                check: CheckDefinition(id: "payment.refund.check-\(index)", title: "Refund \(index)", requirement: "PAY-\(index)", tags: []),
                verdict: verdict, fault: verdict == .fail ? .partner : nil, message: verdict == .fail ? message : "fine",
                evidence: verdict == .fail ? evidence(message) : Evidence(), startedAt: started, milliseconds: 1)
        }
        return RunResult(
            runID: id, kitVersion: "test", startedAt: started, finishedAt: started.addingTimeInterval(10),
            target: .init(name: partner, role: "payment-partner", baseURL: "http://127.0.0.1:1"),
            contracts: [.init(path: "Specs/x.yaml", sha256: String(repeating: "a", count: 64))], selection: [],
            suites: [
                SuiteResult(
                    id: "payment", title: "Payment", verdict: .fail,
                    groups: [GroupResult(id: "payment.refund", title: "Refunds of \(partner)", verdict: .fail, checks: checks)])
            ])
    }

    /// A monitoring sweep of 250 courses of five providers (`LPK-1`...`LPK-5`), over "LP Kopi"'s
    /// folder (so its partner user may read it too), judged on three indicators: course `i`
    /// fails `sweepIndicators[0]` when `i` is a multiple of 7 (a violation), `sweepIndicators[1]`
    /// when a multiple of 11 (a warning, unless it is a violation), and passes the rest.
    static func sweep() throws -> RunResult {
        let catalogue = try IndicatorCatalogue.standard(.monitoring)
        let indicators = sweepIndicators.map { id in catalogue.indicators.first { $0.id == id }! }
        let started = Date(timeIntervalSince1970: 1_790_010_000)
        var run = MonitoringResult.header(source: "LP Kopi", courses: 250, rulePack: "test", runID: sweepRun, startedAt: started)
        var courses: [MonitoringSummary.Course] = [], groups: [GroupResult] = []
        for index in 0..<250 {
            let code = "CRS-\(1000 + index)", provider = "LPK-\(index % 5 + 1)"
            let failed = [index % 7 == 0, index % 11 == 0, false]
            let status: CourseStatus = failed[0] ? .violation : failed[1] ? .warning : .compliant
            courses.append(.init(code: code, title: "Kursus \(index)", status: status, provider: provider))
            let checks = zip(indicators, failed).map { indicator, failed in
                CheckResult(
                    check: CheckDefinition(id: indicator.id, title: indicator.title.en, requirement: indicator.id, tags: []),
                    verdict: failed ? .fail : .pass, fault: failed ? .partner : nil, message: failed ? "not as approved" : "as approved",
                    evidence: Evidence(), startedAt: started, milliseconds: 1)
            }
            groups.append(
                GroupResult(
                    id: MonitoringResult.groupID(code), title: "\(code): \(status.rawValue)", verdict: Verdict.rollUp(checks.map(\.verdict)),
                    checks: checks))
        }
        run.suites = [SuiteResult(id: "monitoring", title: "Monitoring", verdict: .fail, groups: groups)]
        run.monitoring = MonitoringSummary(rulePack: "test", courses: courses, partners: [])
        run.finishedAt = started.addingTimeInterval(60)
        return run
    }

    /// The indicators the sample sweep judges: M-TI-01 (title, automated, critical), M-PR-05 (price, assisted,
    /// major), M-DL-01 (delivery, automated).
    static let sweepIndicators = ["M-TI-01", "M-PR-05", "M-DL-01"]

    /// A finding and an exchange carrying `text` everywhere a partner's words can be.
    static func evidence(_ text: String) -> Evidence {
        Evidence(
            exchanges: [
                HTTPExchange(
                    method: "POST", url: "http://127.0.0.1:1/refund?note=\(text)", requestHeaders: [.init(name: "X-Note", value: text)],
                    requestBody: #"{"note":"\#(text)"}"#, status: 200, responseHeaders: [.init(name: "X-Partner", value: text)],
                    responseBody: "</pre>\(text)", error: nil, startedAt: Date(timeIntervalSince1970: 1_790_000_000), milliseconds: 12,
                    attempt: 1)
            ],
            findings: [Finding(text, location: "/refund/\(text)", expected: "a refund", actual: text)])
    }

    /// Runs `body` with a client of a fresh console's router and a browser signed in as `login`.
    static func signedIn(
        as login: String, configuration: ConsoleConfiguration = .init(), _ body: @Sendable (any TestClientProtocol, Browser) async throws -> Void
    ) async throws {
        try await make(configuration: configuration).test { client in
            let browser = Browser()
            #expect(try await browser.signIn(client, as: login).status == .found)
            try await body(client, browser)
        }
    }

    /// Runs `body` with a client of the console's router (no port: requests go to the router).
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: console.router()).test(.router, body)
    }
}

/// A browser's cookie jar for one person, kept by hand: the console's cookies by name.
/// (Not Sendable: each test's browser stays in its test.)
final class Browser {
    var cookies: [String: String] = [:]
    /// What a proxy in front of the console would say of this browser's address.
    var forwardedFor: String?

    var cookieHeader: HTTPFields {
        var fields: HTTPFields = [:]
        if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if let forwardedFor { fields[HTTPField.Name("X-Forwarded-For")!] = forwardedFor }
        return fields
    }

    /// Keeps what `response` set (a cookie set empty with Max-Age=0 is forgotten).
    func keep(_ response: TestResponse) {
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    /// GETs `path` with the jar's cookies, keeping what the answer sets.
    func get(_ client: any TestClientProtocol, _ path: String) async throws -> TestResponse {
        let response = try await client.execute(uri: path, method: .get, headers: cookieHeader, body: nil)
        keep(response)
        return response
    }

    /// POSTs `fields` as a form to `path` with the jar's cookies, keeping what the answer sets.
    func post(_ client: any TestClientProtocol, _ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// POSTs `fields` and one file as `multipart/form-data` to `path`, as a browser sends a form
    /// with a file input.
    func postMultipart(
        _ client: any TestClientProtocol, _ path: String, _ fields: [(String, String)], file: (name: String, filename: String, data: [UInt8])
    ) async throws -> TestResponse {
        let boundary = "----prakerja\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/json\r\n\r\n"
                .utf8)
        body += file.data + Array("\r\n--\(boundary)--\r\n".utf8)
        var headers = cookieHeader
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        keep(response)
        return response
    }

    /// Signs in as `login` the way a browser does: the form, its token, the password.
    func signIn(
        _ client: any TestClientProtocol, as login: String, password: String = ConsoleHarness.password
    ) async throws
        -> TestResponse
    {
        let form = try await get(client, "/sign-in")
        return try await post(client, "/sign-in", [("csrf", Self.formToken(in: form) ?? ""), ("login", login), ("password", password)])
    }

    /// The `csrf` field of the first form in `page`.
    static func formToken(in page: TestResponse) -> String? {
        let html = String(buffer: page.body)
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encoded(_ text: String) -> String { FormFields.encoded(text) }
}

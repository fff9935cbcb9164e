import Foundation
import Logging
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning
import PrakerjaTestSupport
import Synchronization
import Testing

/// A transport that answers from a script and records what it was sent.
final class ScriptedTransport: PrakerjaTransport {
    private let state: Mutex<(script: [Result<TransportResponse, TransportError>], sent: [TransportRequest])>

    init(_ script: [Result<TransportResponse, TransportError>]) { state = Mutex((script, [])) }

    var sent: [TransportRequest] { state.withLock { $0.sent } }

    func send(_ request: TransportRequest, timeout: Duration) async throws(TransportError) -> TransportResponse {
        let next = state.withLock { state in
            state.sent.append(request)
            return state.script.isEmpty ? .failure(.connection("script exhausted")) : state.script.removeFirst()
        }
        return try next.get()
    }

    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> Result<TransportResponse, TransportError> {
        .success(
            TransportResponse(status: status, headers: [("Content-Type", "application/json")] + headers.map { ($0.0, $0.1) }, body: Array(body.utf8)))
    }
}

extension SteppingClock {
    /// A retry policy whose waits step this clock.
    func policy(attempts: Int = 3) -> RetryPolicy {
        RetryPolicy(maximumAttempts: attempts, baseDelay: .seconds(1), maximumDelay: .seconds(10), sleep: sleep)
    }
}

@Suite struct ClientBehaviourTests {
    static let key = "lp-sign-key-0001"
    static let code = try! RedeemCode("GHOPNYXUVMT0")
    static let statusData =
        #"{"redeem_code":"GHOPNYXUVMT0","course_code":"C1","invoice_code":"INV1","schedule_code":"S1","status":1,"attendance_status":0,"redeem_at":null,"dp_platform":"DP1","schedule_start_end":"2021-11-02 09:00:00 - 2021-11-02 12:00:00","course_type":2,"course_type_label":"Daring Webinar","course_learning_method":"webinar","is_online_attendance":true,"sequence":1,"field_added_later":{"x":1}}"#
    static var success: Result<TransportResponse, TransportError> {
        ScriptedTransport.json(200, #"{"success":true,"message":"OK","data":\#(statusData),"trace":"abc"}"#)
    }

    func client(_ transport: ScriptedTransport, clock: SteppingClock = SteppingClock(), logger: Logger? = nil) -> PrakerjaClient {
        PrakerjaClient(
            environment: try! PrakerjaEnvironment(baseURL: "http://127.0.0.1:9/"), clientCode: "LPKOPI01", signKey: Self.key,
            transport: transport, retryPolicy: clock.policy(), clock: clock.signingClock,
            logger: logger ?? Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func signsExactlyTheBytesItSends() async throws {
        let transport = ScriptedTransport([Self.success])
        let status = try await client(transport).redeemStatus(code: Self.code, sequence: .session(1))
        #expect(status.courseType == .webinar)
        #expect(status.redeemAt == nil)
        let request = try #require(transport.sent.first)
        #expect(request.url == "http://127.0.0.1:9/api/v1/integration/payment/redeem-code/status")
        let header = { (name: String) in request.headers.first { $0.name == name }?.value }
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"redeem_code":"GHOPNYXUVMT0","sequence":1}"#)
        let verified = try ProgramSignature.verify(
            clientCode: header("client_code"), timestamp: header("timestamp"), signature: header("signature"),
            method: request.method, path: "/api/v1/integration/payment/redeem-code/status", body: request.body,
            policy: VerificationPolicy(clock: .fixed(Date(timeIntervalSince1970: 1_635_818_400))), signKey: { _ in Self.key })
        #expect(verified == "LPKOPI01")
    }

    @Test func anErrorEnvelopeKeepsTheProgramsCodeEvenWhenUnknown() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(400, #"{"success":false,"code":"ERRNEW49999","message":"something new","extra":1}"#)
        ])
        do {
            let error = try #require(await failure { () async throws(PrakerjaAPIError) in try await client(transport).commitRedeem(code: Self.code) })
            #expect(error.kind == .refused)
            #expect(error.code == "ERRNEW49999")
            #expect(error.message == "something new")
            #expect(error.httpStatus == 400)
            #expect(error.programCode == nil)
            #expect(error.description == "commit-redeem: ERRNEW49999 something new (HTTP 400)")
        }
        let known = ScriptedTransport([ScriptedTransport.json(400, #"{"success":false,"code":"ERRPLT40036","message":"course_code is empty"}"#)])
        do {
            let error = try #require(
                await failure { () async throws(PrakerjaAPIError) in try await client(known).checkQuota(courseCode: "", scheduleCode: "S1") })
            #expect(error.is(.emptyField))
            #expect(error.programCode?.httpStatus == 400)
        }
    }

    @Test func retriesASafeQueryWithBackoffHonouringRetryAfterAndSigningEachAttemptAnew() async throws {
        let clock = SteppingClock()
        let transport = ScriptedTransport([
            .failure(.timeout(.seconds(15))),
            ScriptedTransport.json(503, #"{"success":false,"code":"ERRSYS50301","message":"busy"}"#, headers: [("Retry-After", "4")]),
            Self.success,
        ])
        _ = try await client(transport, clock: clock).redeemStatus(code: Self.code, sequence: .postTest)
        #expect(transport.sent.count == 3)
        #expect(clock.slept.count == 2)
        #expect(clock.slept[0] >= .seconds(1))
        #expect(clock.slept[0] < .seconds(1.2))
        #expect(clock.slept[1] == .seconds(4))
        let timestamps = transport.sent.compactMap { $0.headers.first { $0.name == "timestamp" }?.value }
        #expect(Set(timestamps).count == 3, "each retry is a new signed request, never a replay")
        #expect(Set(transport.sent.map(\.body)).count == 1, "the body is the same bytes on every attempt")
    }

    @Test func neverRetriesWhatChangesState() async throws {
        let clock = SteppingClock()
        let transport = ScriptedTransport([.failure(.connection("reset by peer")), Self.success])
        do {
            let error = try #require(
                await failure { () async throws(PrakerjaAPIError) in try await client(transport, clock: clock).commitRedeem(code: Self.code) })
            #expect(error.kind == .transport)
            #expect(error.attempts == 1)
        }
        #expect(transport.sent.count == 1)
        #expect(clock.slept.isEmpty)
    }

    @Test func givesUpAfterTheLastAttemptWithTheLastFault() async throws {
        let transport = ScriptedTransport(Array(repeating: .failure(.timeout(.seconds(2))), count: 5))
        do {
            let error = try #require(
                await failure { () async throws(PrakerjaAPIError) in try await client(transport).paymentStatus(invoiceCode: "INV1") })
            #expect(error.kind == .timeout)
            #expect(error.attempts == 3)
        }
        #expect(transport.sent.count == 3)
    }

    @Test func somethingThatIsNotTheEnvelopeIsAnInvalidResponse() async throws {
        let html = ScriptedTransport([.success(TransportResponse(status: 502, headers: [], body: Array("<html>Bad gateway</html>".utf8)))])
        do {
            let error = try #require(
                await failure { () async throws(PrakerjaAPIError) in try await client(html, clock: SteppingClock()).commitRedeem(code: Self.code) })
            #expect(error.kind == .undecodable)
            #expect(error.httpStatus == 502)
            #expect(error.message.contains("<html>Bad gateway"))
        }
        let redirect = ScriptedTransport([.success(TransportResponse(status: 302, headers: [("Location", "https://evil.example/")], body: []))])
        do {
            let error = try #require(await failure { () async throws(PrakerjaAPIError) in try await client(redirect).commitRedeem(code: Self.code) })
            #expect(error.message.contains("redirect to https://evil.example/ not followed"))
        }
        let wrongShape = ScriptedTransport([ScriptedTransport.json(200, #"{"success":true,"message":"OK","data":{"redeem_code":"X"}}"#)])
        do {
            let error = try #require(
                await failure { () async throws(PrakerjaAPIError) in try await client(wrongShape).commitRedeem(code: Self.code) })
            #expect(error.kind == .undecodable)
            #expect(error.message.contains("status: is required but missing"))
        }
    }

    @Test func logsMaskPersonalDataAndNeverTheKey() async throws {
        let lines = LogCapture()
        let logger = Logger(label: "capture") { _ in lines.handler }
        let transportWithURL = ScriptedTransport([
            ScriptedTransport.json(
                200,
                #"{"success":true,"message":"OK","data":{"url":"http://x/attendance/verify?state=s","state":"s","course":{"type":2,"learning_method":"webinar"}}}"#
            )
        ])
        _ = try await client(transportWithURL, logger: logger).attendanceVerificationURL(
            code: Self.code, sequence: .session(1), redirectURI: "https://lp.example.id/cb", email: "siti.rahma@example.id")
        let text = lines.all.joined(separator: "\n")
        #expect(!text.isEmpty)
        #expect(!text.contains("siti.rahma@example.id"))
        #expect(text.contains("s*********@example.id"))
        #expect(!text.contains(Self.key))
    }

    @Test func neverSendsTheSameSignedRequestTwice() async throws {
        let clock = SteppingClock()
        let transport = ScriptedTransport([Self.success, Self.success, Self.success])
        let client = client(transport, clock: clock)
        for _ in 0..<2 { _ = try await client.redeemStatus(code: Self.code, sequence: .session(1)) }
        _ = try await client.redeemStatus(code: Self.code, sequence: .session(2))
        let timestamps = transport.sent.compactMap { $0.headers.first { $0.name == "timestamp" }?.value }
        #expect(timestamps[0] != timestamps[1], "an identical request in the same second waits for the next second")
        #expect(timestamps[1] == timestamps[2], "a different body needs no wait")
        #expect(clock.slept.count == 1)
        #expect(clock.slept[0] <= .seconds(1.01))
    }

    @Test func programTimeIsJakartaWallClock() {
        let date = Date(timeIntervalSince1970: 1_635_833_655)  // 2021-11-02T06:14:15Z
        #expect(ProgramTime.format(date) == "2021-11-02 13:14:15")
        #expect(ProgramTime.format(Date(timeIntervalSince1970: 1_640_970_000)) == "2022-01-01 00:00:00")  // 17:00 UTC on New Year's Eve
        #expect(ProgramTime.parse("2021-11-02 13:14:15") == date)
        #expect(ProgramTime.parse("2021-11-02T13:14:15") == nil)
        #expect(ProgramTime.range(date, date.addingTimeInterval(3 * 3600)) == "2021-11-02 13:14:15 - 2021-11-02 16:14:15")
    }

    @Test func environmentsAndBaseURLs() throws {
        #expect(PrakerjaEnvironment.production.baseURL == "https://api.prakerja.go.id")
        #expect(PrakerjaEnvironment.sandbox.baseURL == "https://api-ssn.prakerja.go.id")
        #expect(try PrakerjaEnvironment(baseURL: "http://127.0.0.1:8080/").baseURL == "http://127.0.0.1:8080")
        #expect(throws: PrakerjaAPIError.self) { try PrakerjaEnvironment(baseURL: "ftp://example.id") }
        #expect(throws: PrakerjaAPIError.self) { try PrakerjaEnvironment(baseURL: "not a url") }
    }
}

/// Collects log lines with their metadata.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }

    var handler: some LogHandler { Handler(capture: self) }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.lines.withLock { $0.append("\(event.message) \(merged)") }
        }
    }
}

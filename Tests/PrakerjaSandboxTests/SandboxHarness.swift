import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSandbox
import PrakerjaSigning
import PrakerjaTestSupport
import Testing

/// A running sandbox with two LPs and two DPs, and clients signed as each.
struct SandboxHarness: Sendable {
    let sandbox: RunningSandbox
    let lp: PrakerjaClient, otherLP: PrakerjaClient
    let dp: PrakerjaClient, otherDP: PrakerjaClient
    /// The clock the sandbox verifies signatures by: real time until a test moves it.
    let signatureClock: ShiftedClock

    static let lpClient = try! SandboxClient(role: .lp, code: "LPKOPI01", signKey: "lp-kopi-sign-key-1")
    static let otherLPClient = try! SandboxClient(role: .lp, code: "LPTEKNIK02", signKey: "lp-teknik-sign-key-2")
    static let dpClient = try! SandboxClient(role: .dp, code: "DPMAJU01", signKey: "dp-maju-sign-key-1")
    static let otherDPClient = try! SandboxClient(role: .dp, code: "DPLAIN02", signKey: "dp-lain-sign-key-2")

    static func run<Value: Sendable>(_ body: @Sendable (SandboxHarness) async throws -> Value) async throws -> Value {
        let signatureClock = ShiftedClock()
        let configuration = SandboxConfiguration(
            port: 0, clients: [lpClient, otherLPClient, dpClient, otherDPClient], signatureClock: signatureClock.signingClock)
        return try await Sandbox.withRunning(configuration) { sandbox in
            try await body(
                SandboxHarness(
                    sandbox: sandbox, lp: sandbox.client(for: lpClient, retryPolicy: .never),
                    otherLP: sandbox.client(for: otherLPClient, retryPolicy: .never),
                    dp: sandbox.client(for: dpClient, retryPolicy: .never), otherDP: sandbox.client(for: otherDPClient, retryPolicy: .never),
                    signatureClock: signatureClock))
        }
    }

    /// A client for `credentials` whose signatures always carry the timestamp `offset` seconds from
    /// `now`, so concurrent identical requests from several such clients are distinct signed
    /// requests, not replays. Give every client of one burst the same `now`: read per client, the
    /// wall clock can cross a second between two of them and give both the same timestamp.
    func client(_ credentials: SandboxClient, timestampOffset offset: TimeInterval, from now: Date) -> PrakerjaClient {
        PrakerjaClient(
            environment: try! PrakerjaEnvironment(baseURL: sandbox.baseURL), clientCode: credentials.code,
            signKey: credentials.signKey, retryPolicy: .never, clock: .fixed(now.addingTimeInterval(offset)))
    }

    /// A code bought before the sandbox started, for the LP's course ending in `courseSuffix` (`WEB-01`, `LMS-01`, `OFF-01`).
    func seededCode(_ courseSuffix: String) async throws -> RedeemCode {
        let codes = await sandbox.issuedCodes(provider: Self.lpClient.code).filter { $0.courseCode.hasSuffix(courseSuffix) }
        return try RedeemCode(try #require(codes.first).redeemCode)
    }

    /// Sends the participant's browser to a verification or consent URL; returns the redirect target.
    func visit(_ url: String) async throws -> URLComponents {
        let response = try await AsyncHTTPClientTransport.shared.send(
            TransportRequest(method: "GET", url: url, headers: [], body: []), timeout: .seconds(30))
        #expect(response.status == 302, "\(url) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        return try #require(URLComponents(string: response.header("Location") ?? ""))
    }

    /// Verifies attendance for `sequence` through the program's page, as the participant would.
    @discardableResult
    func verifyAttendance(_ code: RedeemCode, _ sequence: AttendanceSequence, email: String = "peserta@example.id") async throws -> String? {
        let link = try await lp.attendanceVerificationURL(
            code: code, sequence: sequence, redirectURI: "https://lp.example.id/callback?from=test",
            email: email)
        let back = try await visit(link.url)
        #expect(back.host == "lp.example.id")
        #expect(back.queryItems?.first { $0.name == "state" }?.value == link.state)
        #expect(back.queryItems?.first { $0.name == "from" }?.value == "test")
        return back.queryItems?.first { $0.name == "status" }?.value
    }

    /// A raw POST, for requests the typed client refuses to build.
    func post(_ path: String, body: [UInt8], headers: [(String, String)]) async throws -> (status: Int, envelope: ErrorEnvelope?) {
        let response = try await AsyncHTTPClientTransport.shared.send(
            TransportRequest(method: "POST", url: sandbox.baseURL + path, headers: headers.map { ($0.0, $0.1) }, body: body),
            timeout: .seconds(10))
        return (response.status, try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(response.body)))
    }

    /// Signed headers for a raw POST as `credentials`.
    /// Headers signed at `date`, by default the sandbox's own (possibly stepped) clock's now.
    func signedHeaders(_ credentials: SandboxClient, path: String, body: [UInt8], at date: Date? = nil) -> [(String, String)] {
        ProgramSignature(clientCode: credentials.code, signKey: credentials.signKey)
            .headers(method: "POST", path: path, body: body, clock: .fixed(date ?? signatureClock.now)).fields.map { ($0.name, $0.value) }
    }
}

/// Expects `body` to fail with the program's `code`.
func expectFailure<T>(
    _ code: ProgramErrorCode, _ body: () async throws(PrakerjaAPIError) -> T,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    let error = await failure(body)
    #expect(
        error?.code == code.code, "expected \(code.code), got \(error.map(String.init(describing:)) ?? "success")", sourceLocation: sourceLocation)
    if let error { #expect(error.httpStatus == code.httpStatus, sourceLocation: sourceLocation) }
}

import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// The reference LP client's defect switches: each makes the LP's client break one requirement
/// of `Specs/requirements/integration-api.yaml` the way real integrations do, so that
/// `prakerja conformance client` is shown to catch it (`Conformance/defects.md`,
/// `Conformance/expected/reference-lp-client.yaml`).
///
/// A switched client runs `LPIntegrationFlow` against the sandbox, then makes its mistake, so
/// only the mistake is judged; the raw calls are about `PRAT-TC3-001-200`, a code the flow does
/// not touch, so they never repeat a request the flow signed in the same second.
public enum LPClientDefect: String, CaseIterable, Sendable {
    case wrongSignKey = "wrong-sign-key"
    case staleTimestamp = "stale-timestamp"
    case resendsSignedRequest = "resends-signed-request"
    case sendsOtherBytes = "sends-other-bytes"
    case timestampAhead = "timestamp-ahead"
    case statusWithoutSequence = "status-without-sequence"
    case commitsWithoutStatus = "commits-without-status"
    case commitsTwice = "commits-twice"
    case asksOutOfOrder = "asks-out-of-order"
    case hammersOnError = "hammers-on-error"

    /// The requirements of `Specs/requirements/integration-api.yaml` the switch breaks.
    public var requirements: [String] {
        switch self {
        case .wrongSignKey: ["API-CALL-01", "API-SIGN-01"]
        case .staleTimestamp: ["API-SIGN-02"]
        case .resendsSignedRequest: ["API-SIGN-03"]
        case .sendsOtherBytes: ["API-FORM-01"]
        case .timestampAhead: ["API-FORM-02"]
        case .statusWithoutSequence: ["API-FORM-03"]
        case .commitsWithoutStatus: ["API-RDM-01"]
        case .commitsTwice: ["API-RDM-02"]
        case .asksOutOfOrder: ["API-RDM-03"]
        case .hammersOnError: ["API-RETRY-01"]
        }
    }

    /// What the switched client does, in a line.
    public var summary: String {
        switch self {
        case .wrongSignKey: "signs every call with a key that is not its sign_key"
        case .staleTimestamp: "signs a call with a clock ten minutes slow"
        case .resendsSignedRequest: "sends one signed status call again, unchanged, three seconds later (a retry that reuses its headers)"
        case .sendsOtherBytes: "signs the compact JSON and sends it with spaces (json.dumps)"
        case .timestampAhead: "stamps a call five seconds ahead of the clock"
        case .statusWithoutSequence: "asks for a status without the sequence (the 2022 form)"
        case .commitsWithoutStatus: "commits a code without checking its status first"
        case .commitsTwice: "commits a code again after a successful commit"
        case .asksOutOfOrder: "asks for the post-test before session 1"
        case .hammersOnError: "repeats a failing call five times in a row, never giving up"
        }
    }

    /// The code the raw calls are about, and where they go.
    static let rawCode = "PRAT-TC3-001-200", statusPath = Operations.redeemStatus.path

    /// Runs the LP's integration against the sandbox at `baseURL` as the client `clientCode`
    /// with this defect: the flow for `code` (a test code) where the defect leaves it, and the mistake.
    /// - Parameter wait: how the client lets time pass between two sends (`resends-signed-request`);
    ///   a sleep, or, against a sandbox whose signature clock a test steps, that step.
    public func run(
        baseURL: String, clientCode: String, signKey: String, code: RedeemCode,
        wait: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) async throws {
        let environment = try PrakerjaEnvironment(baseURL: baseURL)
        func client(signKey: String = signKey, clock: SigningClock = .system) -> PrakerjaClient {
            PrakerjaClient(environment: environment, clientCode: clientCode, signKey: signKey, retryPolicy: .never, clock: clock)
        }
        // One client for every correctly signed call: it never sends a signed request twice.
        let lp = client()
        let raw = RawStatusCall(url: baseURL + Self.statusPath, signer: ProgramSignature(clientCode: clientCode, signKey: signKey))
        let compact = #"{"redeem_code":"\#(Self.rawCode)","sequence":1}"#
        switch self {
        case .wrongSignKey:
            let stranger = client(signKey: signKey + "-not-mine")
            _ = try? await stranger.redeemStatus(code: code, sequence: .session(1))
            _ = try? await stranger.commitRedeem(code: code)
            return
        case .commitsWithoutStatus:
            _ = try await lp.resetTestCode(code: code)
            _ = try? await lp.commitRedeem(code: code)
            return
        case .hammersOnError:
            _ = try await lp.resetTestCode(code: code)
            // Each repeat a second apart (the client signs each afresh), but never giving up.
            let unknown = try RedeemCode("ZZZZZZZZZZZZ")
            for _ in 0..<5 { _ = try? await lp.redeemStatus(code: unknown, sequence: .session(1)) }
            return
        case .asksOutOfOrder:
            _ = try await lp.resetTestCode(code: code)
            _ = try? await lp.redeemStatus(code: code, sequence: .postTest)
        default: break
        }
        try await LPIntegrationFlow.run(client: lp, code: code) { _ in }
        switch self {
        case .staleTimestamp:
            _ = try? await client(clock: SigningClock { Date().addingTimeInterval(-600) }).redeemStatus(
                code: try RedeemCode(Self.rawCode), sequence: .session(1))
        case .resendsSignedRequest:
            // Later than a repeat within the same second, which the sandbox answers with a warning.
            let headers = raw.signer.headers(method: "POST", path: Self.statusPath, body: Array(compact.utf8))
            try await raw.send(compact, headers: headers)
            try await wait(.seconds(ProgramSignature.repeatInterval + 1))
            try await raw.send(compact, headers: headers)
        case .sendsOtherBytes:
            let headers = raw.signer.headers(method: "POST", path: Self.statusPath, body: Array(compact.utf8))
            try await raw.send(#"{"redeem_code": "\#(Self.rawCode)", "sequence": 1}"#, headers: headers)
        case .timestampAhead:
            let ahead = String(Int64(Date().timeIntervalSince1970) + 5)
            try await raw.send(
                compact, headers: raw.signer.headers(timestamp: ahead, method: "POST", path: Self.statusPath, body: Array(compact.utf8)))
        case .statusWithoutSequence:
            let body = #"{"redeem_code":"\#(Self.rawCode)"}"#
            try await raw.send(body, headers: raw.signer.headers(method: "POST", path: Self.statusPath, body: Array(body.utf8)))
        case .commitsTwice:
            _ = try await lp.redeemStatus(code: code, sequence: .session(1))
            _ = try? await lp.commitRedeem(code: code)
        case .wrongSignKey, .commitsWithoutStatus, .hammersOnError, .asksOutOfOrder: break
        }
    }
}

/// A status call sent as bytes, with headers the caller signed: how the switched client makes
/// the mistakes `PrakerjaClient` never makes.
private struct RawStatusCall {
    let url: String
    let signer: ProgramSignature

    func send(_ body: String, headers: SignedHeaders) async throws {
        _ = try await AsyncHTTPClientTransport.shared.send(
            TransportRequest(method: "POST", url: url, headers: headers.fields, body: Array(body.utf8)), timeout: .seconds(10))
    }
}

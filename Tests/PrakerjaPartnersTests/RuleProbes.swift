import Foundation
import Hummingbird
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import PrakerjaSigning
import PrakerjaTestSupport

/// Whether a partner that verifies the program's scheme answers a GET of `target` validly signed
/// `age` seconds ago and refuses it sent a second time with the same headers `wait` later by the
/// partner's `clock` (a replay: refused for as long as its timestamp is inside the window).
func replayIsRefused(
    baseURL: String, target: String, signedAgo age: TimeInterval = 0, resentAfter wait: Duration = .zero, on clock: ShiftedClock? = nil
) async throws -> Bool {
    let headers = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)
        .headers(timestamp: String(Int64(Date().timeIntervalSince1970 - age)), method: "GET", path: target, body: [UInt8]()).fields
    let request = TransportRequest(method: "GET", url: baseURL + target, headers: headers, body: [])
    let first = try await AsyncHTTPClientTransport.shared.send(request, timeout: .seconds(10))
    clock?.advance(by: wait)
    let again = try await AsyncHTTPClientTransport.shared.send(request, timeout: .seconds(10))
    return first.status == 200 && again.status == 401
}

/// Whether a partner that verifies the program's scheme refuses a GET of `target` without the
/// signature headers, and one with a forged signature.
func unsignedAndForgedAreRefused(_ http: ProgramSignedClient, target: String) async throws -> Bool {
    let unsigned = try await AsyncHTTPClientTransport.shared.send(
        TransportRequest(method: "GET", url: http.baseURL + target, headers: [], body: []), timeout: .seconds(10))
    let forged = try await http.send(method: "GET", target: target, body: []) { headers in
        headers.removeAll { $0.name == "signature" }
        headers.append(("signature", String(repeating: "a", count: 40)))
    }
    return unsigned.status == 401 && forged.status == 401
}

/// Whether a route the contract does not have (an unknown path; `target` with DELETE) is answered
/// `404 not_found` in the error form.
func unknownRoutesAreNotFound(_ http: ProgramSignedClient, target: String) async throws -> Bool {
    var answers: [TransportResponse] = []
    for (method, path) in [("GET", "/v1/no-such-resource"), ("DELETE", target)] {
        answers.append(try await http.send(method: method, target: path, body: []))
    }
    return answers.allSatisfy { answer in
        let error = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]
        return answer.status == 404 && (error?["error"] as? [String: Any])?["code"] as? String == "not_found"
    }
}

/// Whether every name at `key` in `json` (anywhere) is masked (`S*** R********`), and there is one.
func namesAreMasked(_ json: [UInt8], key: String) -> Bool {
    var names: [String] = []
    func collect(_ value: Any) {
        if let object = value as? [String: Any] {
            for (name, inner) in object { if name == key, let text = inner as? String { names.append(text) } else { collect(inner) } }
        } else if let array = value as? [Any] {
            array.forEach(collect)
        }
    }
    if let value = try? JSONSerialization.jsonObject(with: Data(json)) { collect(value) }
    return !names.isEmpty && names.allSatisfy { Masking.isMaskedName($0) }
}

/// Whether `call`, made once to warm the connection, is then answered in less than the
/// `slow-answers` defect's delay at least once in up to 56 calls. The defect holds every call
/// for the delay, so no call to it is ever faster; a machine busy with every other suite can hold
/// up many calls, so the probe stops at the first fast one rather than timing a fixed few. It
/// gets the attempt (1 to 57): two identical signed calls in one second would be a replay.
func answersQuickly(_ call: (Int) async throws -> Void) async throws -> Bool {
    try await call(1)
    for attempt in 2...57 {
        let started = ContinuousClock.now
        try await call(attempt)
        if ContinuousClock.now - started < SlowAnswers<BasicRequestContext>.delay { return true }
    }
    return false
}

/// Whether a refusal of `target` (sent with `body`, POST when there is one) carries no personal
/// data: no e-mail address, phone number, NIK or card number.
func refusalCarriesNoPersonalData(_ http: ProgramSignedClient, target: String, body: [UInt8] = []) async throws -> Bool {
    let answer = try await http.send(method: body.isEmpty ? "GET" : "POST", target: target, body: body)
    return answer.status >= 400 && PersonalDataInText.matches(in: String(decoding: answer.body, as: UTF8.self)).isEmpty
}

/// Whether a request sent as `target` with one character of its query percent-encoded
/// (`limit=%31`) but signed over `target` itself is refused: the signature covers what was sent.
func signatureOverDecodedTargetIsRefused(baseURL: String, target: String) async throws -> Bool {
    let sent = target.replacingOccurrences(of: "limit=1", with: "limit=%31")
    let headers = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)
        .headers(method: "GET", path: target, body: [UInt8]()).fields
    let answer = try await AsyncHTTPClientTransport.shared.send(
        TransportRequest(method: "GET", url: baseURL + sent, headers: headers, body: []), timeout: .seconds(10))
    return sent != target && answer.status == 401
}

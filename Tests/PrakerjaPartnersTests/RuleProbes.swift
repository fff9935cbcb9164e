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

/// The program's headers for `target`, signed at `timestamp` (text, as sent).
private func programHeaders(_ target: String, timestamp: String) -> SignedHeaders {
    ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)
        .headers(timestamp: timestamp, method: "GET", path: target, body: [UInt8]())
}

/// Sends a GET of `target` with exactly `headers` (and `body`).
private func send(
    _ baseURL: String, _ target: String, _ headers: [(name: String, value: String)], body: [UInt8] = []
) async throws -> TransportResponse {
    try await AsyncHTTPClientTransport.shared.send(
        TransportRequest(method: "GET", url: baseURL + target, headers: headers, body: body), timeout: .seconds(10))
}

/// Whether an unsigned GET of `target` is refused 401 with an error whose `field` is absent or
/// a string, never `null`.
func refusalHasNoNullField(baseURL: String, target: String) async throws -> Bool {
    let answer = try await send(baseURL, target, [])
    let error = ((try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any])?["error"] as? [String: Any]
    return answer.status == 401 && error != nil && !(error?["field"] is NSNull)
}

/// Whether a GET of `target` signed 100 s ago, answered, is refused when sent again after a GET of
/// `other` signed 250 s ahead (both inside the window) was answered.
func replayAfterANewerTimestampIsRefused(baseURL: String, target: String, other: String) async throws -> Bool {
    let now = Int64(Date().timeIntervalSince1970)
    let older = programHeaders(target, timestamp: String(now - 100)).fields
    let first = try await send(baseURL, target, older)
    let ahead = try await send(baseURL, other, programHeaders(other, timestamp: String(now + 250)).fields)
    let again = try await send(baseURL, target, older)
    return first.status == 200 && ahead.status == 200 && again.status == 401
}

/// Whether five copies of one signed GET of `target`, sent together, are answered once.
func copiesSentTogetherAreAnsweredOnce(baseURL: String, target: String) async throws -> Bool {
    let headers = programHeaders(target, timestamp: String(Int64(Date().timeIntervalSince1970) - 30)).fields
    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<5 { group.addTask { try await send(baseURL, target, headers).status } }
        return try await group.reduce(into: [Int]()) { $0.append($1) }
    }
    return statuses.filter { $0 == 200 }.count == 1
}

/// Whether a GET of `target` with its right signature in upper-case hex is refused 401.
func upperCaseSignatureIsRefused(baseURL: String, target: String) async throws -> Bool {
    let upper = programHeaders(target, timestamp: String(Int64(Date().timeIntervalSince1970) - 7)).fields.map {
        $0.name == ProgramSignature.signatureHeader ? ($0.name, $0.value.uppercased()) : $0
    }
    return try await send(baseURL, target, upper).status == 401
}

/// Whether a GET of `target` stamped now in milliseconds (signed as sent) is refused 401.
func millisecondTimestampIsRefused(baseURL: String, target: String) async throws -> Bool {
    let headers = programHeaders(target, timestamp: String(Int64(Date().timeIntervalSince1970 * 1000))).fields
    return try await send(baseURL, target, headers).status == 401
}

/// Whether `path` (a contract path without a query) with a slash more, and in upper case, are
/// each answered 404 not_found.
func loosePathsAreNotFound(_ http: ProgramSignedClient, path: String) async throws -> Bool {
    var answers: [TransportResponse] = []
    for loose in [path + "/", path.uppercased()] { answers.append(try await http.send(method: "GET", target: loose, body: [])) }
    return answers.allSatisfy { $0.status == 404 }
}

/// Whether `path` read with `limit` named in upper case, with a parameter without a value or a cache buster (`_`), or
/// with an integer with a fraction or in full-width digits, is each refused 400.
func looseQueriesAreRefused(_ http: ProgramSignedClient, path: String) async throws -> Bool {
    var answers: [TransportResponse] = []
    for query in ["Limit=1", "limit=1&colour=", "limit=1&_=1796400000", "limit=1.5", "limit=%EF%BC%91"] {
        answers.append(try await http.send(method: "GET", target: "\(path)?\(query)", body: []))
    }
    return answers.allSatisfy { $0.status == 400 }
}

/// Whether `path?limit=` a number too large for 64 bits is refused 400 (not failed 500).
func overflowingNumberIsRefused(_ http: ProgramSignedClient, path: String) async throws -> Bool {
    try await http.send(method: "GET", target: path + "?limit=99999999999999999999", body: []).status == 400
}

/// Whether a GET of `target` sent with a body its signature leaves out (signed as if bodiless) is refused 401.
func unsignedBodyIsRefused(baseURL: String, target: String) async throws -> Bool {
    let headers = programHeaders(target, timestamp: String(Int64(Date().timeIntervalSince1970) - 9)).fields
    return try await send(baseURL, target, headers, body: Array(#"{"tampered":true}"#.utf8)).status == 401
}

/// Whether a GET of `target` signed 2^32 s ahead (now, on a 32-bit clock) is refused 401.
func wrappedTimestampIsRefused(baseURL: String, target: String) async throws -> Bool {
    let headers = programHeaders(target, timestamp: String(Int64(Date().timeIntervalSince1970) + (1 << 32))).fields
    return try await send(baseURL, target, headers).status == 401
}

/// Whether DELETE and PATCH of `detail` (one thing's path, which the partner serves by GET) are each 404.
func otherMethodsOnADetailAreNotFound(_ http: ProgramSignedClient, detail: String) async throws -> Bool {
    let served = try await http.send(method: "GET", target: detail, body: []).status == 200
    var answers: [TransportResponse] = []
    for method in ["DELETE", "PATCH"] { answers.append(try await http.send(method: method, target: detail, body: [])) }
    return served && answers.allSatisfy { $0.status == 404 }
}

/// Whether a GET of `target` refused 400 the first time is refused 401 as a replay the second.
func replayOfARefusedCallIsRefused(baseURL: String, target: String) async throws -> Bool {
    let headers = programHeaders(target, timestamp: String(Int64(Date().timeIntervalSince1970) - 11)).fields
    let first = try await send(baseURL, target, headers)
    let again = try await send(baseURL, target, headers)
    return first.status == 400 && again.status == 401
}

/// Whether a GET of `path`/a thing that does not exist, without any signature header, is refused 401 (not looked up: 404).
func unsignedCallForNothingIsRefused(baseURL: String, path: String) async throws -> Bool {
    try await send(baseURL, path + "/NOSUCHTHING", []).status == 401
}

/// Whether the rule that the common switch `name` of the program-signed reference partners
/// breaks holds on the partner `http` talks to, probed on its list at `path` (`/v1/courses`) or
/// on `detail`, the path of one thing it serves (`/v1/courses/C1`).
func signedRoleRuleHolds(_ name: String, _ http: ProgramSignedClient, path: String, detail: String) async throws -> Bool {
    switch name {
    case "null-field-in-refusals": return try await refusalHasNoNullField(baseURL: http.baseURL, target: path + "?limit=1")
    case "prunes-replays-by-newest-timestamp":
        return try await replayAfterANewerTimestampIsRefused(baseURL: http.baseURL, target: path + "?limit=1", other: path + "?limit=2")
    case "answers-copies-sent-together": return try await copiesSentTogetherAreAnsweredOnce(baseURL: http.baseURL, target: path + "?limit=3")
    case "accepts-upper-case-signature": return try await upperCaseSignatureIsRefused(baseURL: http.baseURL, target: path + "?limit=1")
    case "reads-millisecond-timestamps": return try await millisecondTimestampIsRefused(baseURL: http.baseURL, target: path + "?limit=1")
    case "serves-loose-paths": return try await loosePathsAreNotFound(http, path: path)
    case "reads-queries-loosely": return try await looseQueriesAreRefused(http, path: path)
    case "fails-on-overflowing-numbers": return try await overflowingNumberIsRefused(http, path: path)
    case "signs-reads-without-body": return try await unsignedBodyIsRefused(baseURL: http.baseURL, target: path + "?limit=1")
    case "wraps-timestamps-at-32-bits": return try await wrappedTimestampIsRefused(baseURL: http.baseURL, target: path + "?limit=1")
    case "serves-other-methods-on-details": return try await otherMethodsOnADetailAreNotFound(http, detail: detail)
    case "quotes-refused-values": return try await refusalCarriesNoPersonalData(http, target: path + "?nik=3273014508950001")
    case "slow-details":
        // Each call signed at another second: the same target twice in one second would be a replay.
        let now = Int64(Date().timeIntervalSince1970)
        return try await answersQuickly { attempt in
            let answer = try await send(http.baseURL, detail, programHeaders(detail, timestamp: String(now - 40 - Int64(attempt))).fields)
            guard answer.status == 200 else { throw ProbeError("\(detail) answered HTTP \(answer.status)") }
        }
    case "looks-up-before-authenticating": return try await unsignedCallForNothingIsRefused(baseURL: http.baseURL, path: path)
    case "remembers-only-answered-calls": return try await replayOfARefusedCallIsRefused(baseURL: http.baseURL, target: path + "?colour=blue")
    default: throw ProbeError("no common probe for \(name)")
    }
}

/// A probe that does not know the switch it was asked about.
struct ProbeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

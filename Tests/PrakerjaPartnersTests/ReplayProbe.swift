import PrakerjaClient
import PrakerjaSigning
import ReferencePartnerSupport

/// Whether a partner that verifies the program's scheme refuses a validly signed GET of `target`
/// sent a second time with the same headers (a replay).
func replayIsRefused(baseURL: String, target: String) async throws -> Bool {
    let headers = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)
        .headers(method: "GET", path: target, body: [UInt8]()).fields
    let request = TransportRequest(method: "GET", url: baseURL + target, headers: headers, body: [])
    let first = try await AsyncHTTPClientTransport.shared.send(request, timeout: .seconds(10))
    let again = try await AsyncHTTPClientTransport.shared.send(request, timeout: .seconds(10))
    return first.status == 200 && again.status == 401
}

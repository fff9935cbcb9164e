// The peer that does the sandbox's work plainly: `redeem-code/status` written directly on
// Hummingbird, as an LP's developer would without the kit. The same steps as the sandbox (the body
// read, the HMAC-SHA1 signature checked inside its window, the signature remembered against
// replays, the request decoded, the code looked up under a lock, the answer encoded as the
// program's envelope), with swift-crypto, Foundation's JSON coders and a set; none of the kit's
// pipeline (no call log, no error model, no lenient verification, no refusal naming its field).
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PrakerjaClient
import Synchronization

/// The plain server's routes: `path` answers a signed status call from `answers` (keyed by redeem code).
func plainRouter(path: String, signKeys: [String: String], answers: [String: RedeemStatus]) -> Router<BasicRequestContext> {
    let keys = signKeys.mapValues { SymmetricKey(data: Data($0.utf8)) }
    let seen = Mutex(Set<String>())
    let state = Mutex(answers)
    let digits = Array("0123456789abcdef".utf8)
    let router = Router()
    router.post(RouterPath(path)) { request, _ -> Response in
        let body = try await request.body.collect(upTo: 1 << 20)
        guard let client = request.headers[HTTPField.Name("client_code")!], let key = keys[client],
            let timestamp = request.headers[HTTPField.Name("timestamp")!], let seconds = Double(timestamp),
            abs(Date().timeIntervalSince1970 - seconds) <= 300, let signature = request.headers[HTTPField.Name("signature")!]
        else { throw HTTPError(.unauthorized) }
        var message = Data((client + timestamp + "POST" + path).utf8)
        message.append(contentsOf: body.readableBytesView)
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key)
        let hex = String(decoding: code.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
        guard hex == signature else { throw HTTPError(.unauthorized) }
        guard seen.withLock({ $0.insert(signature).inserted }) else { throw HTTPError(.conflict) }
        let call = try JSONDecoder().decode(RedeemStatusRequest.self, from: Data(body.readableBytesView))
        guard let status = state.withLock({ $0[call.redeemCode.value] }) else { throw HTTPError(.notFound) }
        let answer = try JSONEncoder().encode(SuccessEnvelope(message: "OK", data: status))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: answer)))
    }
    return router
}

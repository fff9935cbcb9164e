import Foundation
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaSigning

extension PaymentSuite {
    static let notificationGroup = CheckGroup(
        id: "payment.notification", title: "Notifications",
        checks: [
            Check(
                define(
                    "notification.signature-valid", "After a top-up the partner sends the program a notification signed with its key",
                    clause: "TopUpNotification: SHA256withRSA over POST:path:hex(SHA-256(minified body)):X-TIMESTAMP",
                    tags: ["notification", "security"], inputs: [wallet, "notifications"])
            ) { context in
                guard let listener = context.config.notifications else { throw CheckError.kit("the config has no notifications listener") }
                guard case .snap(_, _, _, _, let pem?) = context.config.credentials else {
                    return .notApplicable("the config gives no credentials.partnerPublicKey to verify notifications with")
                }
                let publicKey: SNAPPublicKey
                do { publicKey = try SNAPPublicKey(pem: pem) } catch { throw CheckError.kit("credentials.partnerPublicKey: \(error)") }
                let (arrivals, arrival) = AsyncStream.makeStream(of: (headers: [String: String], body: [UInt8]).self)
                let router = Router()
                router.post(RouterPath(listener.path)) { request, _ -> Response in
                    var request = request
                    let body = try await BodyReader.read(&request, limit: 1 << 20)
                    var headers: [String: String] = [:]
                    for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
                    arrival.yield((headers, body))
                    return Response(
                        status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: .init(string: #"{"responseCode":"2000000","responseMessage":"Successful"}"#)))
                }
                let probe = try PaymentProbe(context)
                let account = try probe.account("verifiedWallet", number: "customerNumber")
                let reference = context.uniqueReference()
                let found: (headers: [String: String], body: [UInt8])?
                do {
                    found = try await HTTPServerRunner.withRunning(router, host: listener.host, port: listener.port) { _ in
                        let topUp = try await probe.call("emoney-topup", try probe.topUpBody(account, reference: reference))
                        guard topUp.succeeded else { throw CheckError.partner("a valid top-up was refused: HTTP \(topUp.status)") }
                        return try await withDeadline(.seconds(10)) {
                            for await notification in arrivals where String(decoding: notification.body, as: UTF8.self).contains(reference) {
                                return notification
                            }
                            return nil
                        } ?? nil
                    }
                } catch let error as CheckError {
                    throw error
                } catch {
                    throw CheckError.kit("the kit could not listen on \(listener.host):\(listener.port): \(error)")
                }
                guard let found else {
                    return .fail(
                        "no notification arrived",
                        findings: [
                            Finding(
                                "no notification for the top-up within 10 s", location: listener.url,
                                expected: "a signed TopUpNotification for \(reference)", actual: "nothing")
                        ])
                }
                do {
                    try SNAPAsymmetricSignature.verifyNotification(
                        timestamp: found.headers["x-timestamp"], signature: found.headers["x-signature"], method: "POST", path: listener.path,
                        body: found.body, policy: VerificationPolicy(), publicKey: publicKey)
                } catch {
                    return .fail(
                        "the notification's signature does not verify",
                        findings: [
                            Finding(
                                "the notification is not signed with the partner's registered key", location: "POST \(listener.path) X-SIGNATURE",
                                expected: "SHA256withRSA by the key in credentials.partnerPublicKey", actual: "\(error)")
                        ])
                }
                return .pass("a notification for \(reference) arrived, signed with the partner's key")
            }
        ])
}

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
                    "notification.signature-valid",
                    "After a top-up the partner sends the program a notification, signed with its key, that reports the top-up as it was made",
                    requirements: ["PAY-NOTE-01", "PAY-NOTE-02"],
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
                let found: (topUp: ProbeAnswer, notification: (headers: [String: String], body: [UInt8])?)
                do {
                    found = try await HTTPServerRunner.withRunning(router, host: listener.host, port: listener.port) { _ in
                        let topUp = try await probe.call("emoney-topup", try probe.topUpBody(account, reference: reference))
                        guard topUp.succeeded else { throw CheckError.partner("a valid top-up was \(describe(topUp))") }
                        let notification =
                            try await withDeadline(.seconds(10)) { () async -> (headers: [String: String], body: [UInt8])? in
                                for await notification in arrivals where String(decoding: notification.body, as: UTF8.self).contains(reference) {
                                    return notification
                                }
                                return nil
                            } ?? nil
                        return (topUp, notification)
                    }
                } catch let error as CheckError {
                    throw error
                } catch {
                    throw CheckError.kit("the kit could not listen on \(listener.host):\(listener.port): \(error)")
                }
                guard let notification = found.notification else {
                    return .fail(
                        "no notification arrived",
                        findings: [
                            Finding(
                                "no notification for the top-up within 10 s", location: listener.url,
                                expected: "a signed TopUpNotification for \(reference)", actual: "nothing")
                        ])
                }
                var findings: [Finding] = []
                do {
                    try SNAPAsymmetricSignature.verifyNotification(
                        timestamp: notification.headers["x-timestamp"], signature: notification.headers["x-signature"], method: "POST",
                        path: listener.path, body: notification.body, policy: VerificationPolicy(), publicKey: publicKey)
                } catch {
                    findings.append(
                        Finding(
                            "the notification is not signed with the partner's registered key", location: "POST \(listener.path) X-SIGNATURE",
                            expected: "SHA256withRSA by the key in credentials.partnerPublicKey", actual: "\(error)"))
                }
                findings += notificationContent(notification, reporting: found.topUp, reference: reference, listener: listener)
                return .judge(findings, pass: "a notification for \(reference) arrived, signed with the partner's key, reporting the top-up") { _ in
                    findings.summary
                }
            }
        ])

    /// Where a notification disagrees with the top-up it reports, or its headers with the contract.
    static func notificationContent(
        _ notification: (headers: [String: String], body: [UInt8]), reporting topUp: ProbeAnswer, reference: String, listener: NotificationListener
    ) -> [Finding] {
        let location = "POST \(listener.path)"
        guard let body = try? JSONValue.parse(notification.body) else {
            return [
                Finding(
                    "the notification is not JSON", location: location, expected: "a TopUpNotification", actual: Redaction.body(notification.body))
            ]
        }
        func text(_ value: JSONValue?) -> String? { if case .string(let text)? = value { text } else { value?.serialized } }
        let expectations: [(String, String?, String?)] = [
            ("/partnerReferenceNo", reference, text(body["partnerReferenceNo"])),
            ("/referenceNo", topUp.text("referenceNo"), text(body["referenceNo"])),
            ("/serviceCode", topUp.operation.serviceCode, text(body["serviceCode"])),
            ("/latestTransactionStatus", "00", text(body["latestTransactionStatus"])),
            ("/amount/value", topUp.rupiah("amount")?.snapValue, text(body["amount"]?["value"])),
            ("/amount/currency", "IDR", text(body["amount"]?["currency"])),
        ]
        var findings = expectations.compactMap { pointer, expected, actual -> Finding? in
            guard expected != actual else { return nil }
            return Finding(
                "the notification does not report the top-up as it was made", location: "\(location) \(pointer)", expected: expected ?? "(none)",
                actual: actual ?? "(none)")
        }
        if let stamp = notification.headers["x-timestamp"], let date = try? SNAPTimestamp.parse(stamp) {
            if abs(date.timeIntervalSinceNow) > 300 {
                findings.append(
                    Finding(
                        "the notification's X-TIMESTAMP is not the time it was sent", location: "\(location) X-TIMESTAMP",
                        expected: "within 300 s of now", actual: stamp))
            }
        } else {
            findings.append(
                Finding(
                    "the notification has no valid X-TIMESTAMP", location: "\(location) X-TIMESTAMP", expected: "like 2021-11-02T13:14:15+07:00",
                    actual: notification.headers["x-timestamp"] ?? "(none)"))
        }
        let partnerID = notification.headers["x-partner-id"] ?? ""
        if partnerID.isEmpty || (listener.partnerID.map { $0 != partnerID } ?? false) {
            findings.append(
                Finding(
                    "the notification does not name its sender", location: "\(location) X-PARTNER-ID",
                    expected: listener.partnerID ?? "the partner's id", actual: partnerID.isEmpty ? "(none)" : partnerID))
        }
        return findings
    }
}

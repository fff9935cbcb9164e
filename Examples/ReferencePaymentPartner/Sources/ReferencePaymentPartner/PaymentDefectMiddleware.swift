import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning
import ReferencePartnerSupport

/// The protocol-level defects, applied around the SDK's adapter: the adapter stays correct, and
/// this middleware makes the partner behave as if it were not.
/// - `accepts-bad-signature` and `accepts-stale-timestamp` re-sign a transaction call correctly
///   (with a fresh timestamp for a stale one) before the adapter checks it;
/// - `accepts-replayed-request` gives every transaction call a fresh X-EXTERNAL-ID;
/// - `unmasked-name`, `wrong-response-code`, `amount-as-number` and `echoes-nik` rewrite the response.
struct PaymentDefectMiddleware: RouterMiddleware {
    let defects: Set<PaymentDefect>
    let clientSecret: String
    let window: TimestampWindow
    let ledger: ReferencePaymentLedger

    func handle(_ request: Request, context: BasicRequestContext,
                next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        let isTransaction = request.uri.path != "/v1.0/access-token/b2b"
        var request = request
        var requestBody: [UInt8] = []
        let rewritesRequest = isTransaction && !defects.isDisjoint(with: [.acceptsBadSignature, .acceptsStaleTimestamp])
        let rewritesResponse = !defects.isDisjoint(with: [.unmaskedName, .wrongResponseCode, .amountAsNumber, .echoesNIK])
        let forgetsExternalIDs = isTransaction && defects.contains(.acceptsReplayedRequest)
        if rewritesRequest || rewritesResponse || forgetsExternalIDs {
            requestBody = (try? await BodyReader.read(request, limit: 1 << 20)) ?? []
            var head = request.head
            if rewritesRequest { resign(&head, body: requestBody) }
            if forgetsExternalIDs, head.headerFields[HTTPField.Name("X-EXTERNAL-ID")!] != nil {
                head.headerFields[HTTPField.Name("X-EXTERNAL-ID")!] = PaymentPartnerClient.newExternalID()
            }
            request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: requestBody)))
        }
        var response = try await next(request, context)
        guard rewritesResponse else { return response }
        try await ResponseRewriting.rewriteJSON(&response) { rewrite($0, requestBody: requestBody) }
        return response
    }

    /// Replaces X-SIGNATURE (and a stale X-TIMESTAMP) with what a correct client would have sent:
    /// any signature with `accepts-bad-signature`; with `accepts-stale-timestamp`, only a signature
    /// that is right for its stale timestamp, so that switch breaks the window and nothing else.
    private func resign(_ head: inout HTTPRequest, body: [UInt8]) {
        let timestampName = HTTPField.Name("X-TIMESTAMP")!, signatureName = HTTPField.Name("X-SIGNATURE")!
        guard let token = SNAPSymmetricSignature.bearerToken(from: head.headerFields[.authorization]) else { return }
        let signer = SNAPSymmetricSignature(clientSecret: clientSecret)
        func signature(at timestamp: String) -> String? {
            try? signer.signature(method: head.method.rawValue, path: head.path ?? "/", accessToken: token, body: body, timestamp: timestamp)
        }
        let sent = head.headerFields[timestampName] ?? SNAPTimestamp.format(Date())
        var timestamp = sent
        var resign = defects.contains(.acceptsBadSignature)
        if defects.contains(.acceptsStaleTimestamp), (try? window.check(try SNAPTimestamp.parse(sent), now: Date())) == nil,
           let expected = signature(at: sent), expected == head.headerFields[signatureName] {
            timestamp = SNAPTimestamp.format(Date())
            head.headerFields[timestampName] = timestamp
            resign = true
        }
        if resign, let fresh = signature(at: timestamp) { head.headerFields[signatureName] = fresh }
    }

    private func rewrite(_ object: [String: Any], requestBody: [UInt8]) -> [String: Any] {
        var object = object
        if defects.contains(.wrongResponseCode), let code = object["responseCode"] as? String, code.hasPrefix("200") {
            object["responseCode"] = "200"
        }
        if defects.contains(.unmaskedName), let name = holderName(for: requestBody) {
            for key in ["customerName", "beneficiaryAccountName"] where object[key] != nil { object[key] = name }
        }
        if defects.contains(.echoesNIK), let nik = recipientNIK(in: requestBody) {
            var info = object["additionalInfo"] as? [String: Any] ?? [:]
            info["nik"] = nik
            object["additionalInfo"] = info
        }
        if defects.contains(.amountAsNumber) {
            for key in ["amount", "feeAmount"] {
                if var amount = object[key] as? [String: Any], let value = amount["value"] as? String, let number = Double(value) {
                    amount["value"] = number
                    object[key] = amount
                }
            }
        }
        return object
    }

    /// The recipient's NIK the request carries.
    private func recipientNIK(in requestBody: [UInt8]) -> String? {
        guard let request = (try? JSONSerialization.jsonObject(with: Data(requestBody))) as? [String: Any] else { return nil }
        return (request["additionalInfo"] as? [String: Any])?["nik"] as? String
    }

    /// The full name of the account the request is about.
    private func holderName(for requestBody: [UInt8]) -> String? {
        guard let request = (try? JSONSerialization.jsonObject(with: Data(requestBody))) as? [String: Any] else { return nil }
        let phone = (request["customerNumber"] as? String).flatMap { try? PhoneNumber($0) }
        let account = request["beneficiaryAccountNo"] as? String
        return ledger.accounts.first { seeded in
            switch seeded.reference {
            case .eWallet(let number): number == phone
            case .bank(let number): number == account
            }
        }?.account.holderName
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaSigning
import Synchronization

/// The protocol-level defects, applied around the SDK's adapter: the adapter stays correct, and
/// this middleware makes the partner behave as if it were not.
/// - `accepts-bad-signature` and `accepts-stale-timestamp` re-sign a transaction call correctly
///   (with a fresh timestamp for a stale one) before the adapter checks it;
/// - `accepts-replayed-request` gives every transaction call a fresh X-EXTERNAL-ID;
/// - `accepts-unauthenticated` signs a call that has no token with the last token the adapter issued;
/// - `accepts-forged-token-request` signs every token request again with the program's key;
/// - `unmasked-name`, `wrong-response-code`, `amount-as-number` and `echoes-nik` rewrite the response;
/// - `unknown-reference-pending` answers a status the adapter did not find as pending.
struct PaymentDefectMiddleware: RouterMiddleware {
    let defects: Set<PaymentDefect>
    let clientSecret: String
    let window: TimestampWindow
    let ledger: ReferencePaymentLedger
    /// The token requests it has signed (each at its own timestamp: the adapter refuses a repeat).
    private let signedTokenRequests = SignatureSet()
    /// The last token the adapter issued (middleware wraps each route, so it cannot ask for one).
    private let lastIssuedToken = LastIssuedToken()

    init(defects: Set<PaymentDefect>, clientSecret: String, window: TimestampWindow, ledger: ReferencePaymentLedger) {
        self.defects = defects
        self.clientSecret = clientSecret
        self.window = window
        self.ledger = ledger
    }

    func handle(
        _ request: Request, context: SignedJSONContext,
        next: (Request, SignedJSONContext) async throws -> Response
    ) async throws -> Response {
        let isTransaction = request.uri.path != PaymentPartnerAdapter.Path.accessToken
        var request = request
        var requestBody: [UInt8] = []
        let rewritesRequest = isTransaction && !defects.isDisjoint(with: [.acceptsBadSignature, .acceptsStaleTimestamp])
        let rewritesResponse = !defects.isDisjoint(with: [.unmaskedName, .wrongResponseCode, .amountAsNumber, .echoesNIK])
        let forgetsExternalIDs = isTransaction && defects.contains(.acceptsReplayedRequest)
        let letsInUnauthenticated = isTransaction && defects.contains(.acceptsUnauthenticated) && request.headers[.authorization] == nil
        let answersUnknownAsPending =
            defects.contains(.unknownReferencePending)
            && [PaymentPartnerAdapter.Path.topUpStatus, PaymentPartnerAdapter.Path.transferStatus].contains(request.uri.path)
        if !isTransaction, defects.contains(.acceptsForgedTokenRequest), let fields = freshTokenRequestHeaders() {
            var head = request.head
            for field in fields { head.headerFields[HTTPField.Name(field.name)!] = field.value }
            request = Request(head: head, body: request.body)
        }
        if rewritesRequest || rewritesResponse || forgetsExternalIDs || letsInUnauthenticated || answersUnknownAsPending {
            requestBody = (try? await BodyReader.read(&request, limit: 1 << 20)) ?? []
            var head = request.head
            if letsInUnauthenticated, let token = lastIssuedToken.value {
                head.headerFields[.authorization] = "Bearer " + token
                sign(&head, body: requestBody, at: head.headerFields[.snapTimestamp] ?? SNAPTimestamp.format(Date()))
            }
            if rewritesRequest { resign(&head, body: requestBody) }
            if forgetsExternalIDs, head.headerFields[.snapExternalID] != nil {
                head.headerFields[.snapExternalID] = PaymentPartnerClient.newExternalID()
            }
            request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: requestBody)))
        }
        var response = try await ResponseRewriting.response(request, context, next)
        if !isTransaction, defects.contains(.acceptsUnauthenticated), response.status == .ok,
            let token = try await ResponseRewriting.readJSON(&response)?["accessToken"] as? String
        {
            lastIssuedToken.value = token
        }
        if answersUnknownAsPending, response.status == .notFound { try await answerAsPending(&response, requestBody: requestBody) }
        guard rewritesResponse else { return response }
        try await ResponseRewriting.rewriteJSON(&response) { rewrite($0, requestBody: requestBody) }
        return response
    }

    /// Token-request headers signed with the program's key at a timestamp not signed before.
    private func freshTokenRequestHeaders() -> [(name: String, value: String)]? {
        let key = try! SNAPPrivateKey(pem: TestCredentials.programPrivateKeyPEM)
        let now = Date()
        return signedTokenRequests.first(
            of: (5..<205).lazy.compactMap { secondsBack in
                try? SNAPAsymmetricSignature.tokenHeaders(
                    privateKey: key, clientID: TestCredentials.clientID,
                    timestamp: SNAPTimestamp.format(now.addingTimeInterval(-Double(secondsBack))))
            })
    }

    /// Turns the adapter's 404xx01 for a status into a pending transaction.
    private func answerAsPending(_ response: inout Response, requestBody: [UInt8]) async throws {
        let request = (try? JSONSerialization.jsonObject(with: Data(requestBody))) as? [String: Any] ?? [:]
        response.status = .ok
        try await ResponseRewriting.rewriteJSON(&response) { refusal in
            let code = refusal["responseCode"] as? String ?? "4043901"
            let zero: [String: Any] = ["value": "0.00", "currency": "IDR"]
            return [
                "responseCode": "200" + code.dropFirst(3).prefix(2) + "00", "responseMessage": "Successful",
                "originalPartnerReferenceNo": request["originalPartnerReferenceNo"] ?? "", "originalReferenceNo": "",
                "serviceCode": request["serviceCode"] ?? "", "latestTransactionStatus": "03", "transactionStatusDesc": "Pending",
                "amount": zero, "feeAmount": zero,
            ]
        }
    }

    /// Sets X-SIGNATURE to the transaction signature for `timestamp` and the request's token.
    private func sign(_ head: inout HTTPRequest, body: [UInt8], at timestamp: String) {
        guard let token = SNAPSymmetricSignature.bearerToken(from: head.headerFields[.authorization]),
            let signature = try? SNAPSymmetricSignature(clientSecret: clientSecret).signature(
                method: head.method.rawValue, path: head.path ?? "/", accessToken: token, body: body, timestamp: timestamp)
        else { return }
        head.headerFields[.snapSignature] = signature
    }

    /// Replaces X-SIGNATURE (and a stale X-TIMESTAMP) with what a correct client would have sent:
    /// any signature with `accepts-bad-signature`; with `accepts-stale-timestamp`, only a signature
    /// that is right for its stale timestamp, so that switch breaks the window and nothing else.
    private func resign(_ head: inout HTTPRequest, body: [UInt8]) {
        let timestampName = HTTPField.Name.snapTimestamp, signatureName = HTTPField.Name.snapSignature
        guard let token = SNAPSymmetricSignature.bearerToken(from: head.headerFields[.authorization]) else { return }
        let signer = SNAPSymmetricSignature(clientSecret: clientSecret)
        let sent = head.headerFields[timestampName] ?? SNAPTimestamp.format(Date())
        if defects.contains(.acceptsStaleTimestamp), (try? window.check(try SNAPTimestamp.parse(sent), now: Date())) == nil,
            let expected = try? signer.signature(
                method: head.method.rawValue, path: head.path ?? "/", accessToken: token, body: body, timestamp: sent),
            expected == head.headerFields[signatureName]
        {
            let fresh = SNAPTimestamp.format(Date())
            head.headerFields[timestampName] = fresh
            sign(&head, body: body, at: fresh)
        } else if defects.contains(.acceptsBadSignature) {
            sign(&head, body: body, at: sent)
        }
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

/// The last access token the adapter issued, shared by the middleware's copies.
final class LastIssuedToken: Sendable {
    private let token = Mutex<String?>(nil)

    var value: String? {
        get { token.withLock { $0 } }
        set { token.withLock { $0 = newValue } }
    }
}

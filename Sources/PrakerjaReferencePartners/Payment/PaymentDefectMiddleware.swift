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
/// - `accepts-forged-token-request` signs a token request whose signature does not verify again
///   with the program's key;
/// - `token-ignores-timestamp` and `accepts-replayed-token-request` put fresh headers on a correctly
///   signed token request that is stale or already answered;
/// - `accepts-unknown-token` swaps a bearer token the adapter never issued, correctly signed over,
///   for the last one it issued, and signs again;
/// - `accepts-long-external-id` cuts an X-EXTERNAL-ID over 36 characters to 36;
/// - `accepts-other-clients-token` replaces an X-PARTNER-ID other than the program's with the
///   program's, so a token is accepted from whoever presents it;
/// - `accepts-any-currency`, `accepts-any-month` and `reuse-answers-original` rewrite the body
///   (another currency to IDR; a month outside 1-4 to 1; a used partnerReferenceNo's content to
///   the original's) and sign it again;
/// - `unmasked-name`, `wrong-response-code`, `amount-as-number`, `echoes-nik` and
///   `echoes-nik-in-refusals` rewrite the response;
/// - `unknown-reference-pending` answers a status the adapter did not find as pending;
/// - `leaks-internal-errors` answers a body the adapter could not read with a 500 and a stack trace;
/// - `compares-signature-prefix`, `accepts-future-timestamp` and `ignores-timestamp-offset` re-sign
///   a call whose signature is right in its first 16 digits, whose timestamp is ahead of the
///   window, or stamp it with its digits read as Jakarta time;
/// - `token-skips-undecodable-signature` and `short-token-replay-memory` put fresh headers on a
///   token request whose signature is not base64, or that repeats one older than the last two;
/// - `accepts-token-without-scheme` adds `Bearer ` to an Authorization header without it;
/// - `external-id-per-signature` gives a fresh X-EXTERNAL-ID to a call reusing one under another
///   signature, `short-external-id-memory` to one reusing one first used over a second ago;
/// - `restamped-retry-pays-again` pays a retry whose transactionDate alone differs as a new disbursement;
/// - `refusals-answered-200` answers an inquiry's 404 with HTTP 200; `refusal-uses-up-reference`
///   answers a disbursement whose reference was refused before as a conflict;
/// - `accepts-loose-amounts` and `empty-reference-as-present` rewrite a disbursement's amount read as
///   any decimal (`6E+5`) into two decimals, and an empty partnerReferenceNo into one of its own.
struct PaymentDefectMiddleware: RouterMiddleware {
    let defects: Set<PaymentDefect>
    let clientSecret: String
    let window: TimestampWindow
    let ledger: ReferencePaymentLedger
    /// The partner's clock (`short-external-id-memory` measures "a second after" by it).
    let clock: SigningClock
    /// Every token request signature the adapter has seen or will see: those that reached it
    /// (`accepts-replayed-token-request` tells a repeat by them) and those this middleware signed
    /// as stand-ins, so a stand-in never repeats a request the adapter already answered (a stand-in
    /// signed at the same second as an earlier request would be that request again).
    private let tokenRequestSignatures = SignatureSet()
    /// The last token the adapter issued (middleware wraps each route, so it cannot ask for one).
    private let lastIssuedToken = LastIssuedToken()
    /// The last two token request signatures that reached the adapter (`short-token-replay-memory`).
    private let recentTokenRequests = Guarded<[String]>([])
    /// Each disbursement's partnerReferenceNo, the transactionDate it first came with and the rest of
    /// its body (`restamped-retry-pays-again`).
    private let firstStamps = Guarded<[String: (stamp: String, content: Data)]>([:])
    /// The partnerReferenceNos of refused disbursements (`refusal-uses-up-reference`).
    private let refusedReferences = Guarded<Set<String>>([])
    /// Each X-EXTERNAL-ID seen and the signature it came with (`external-id-per-signature`).
    private let externalIDSignatures = Guarded<[String: String]>([:])
    /// Each X-EXTERNAL-ID seen and when it first came (`short-external-id-memory`).
    private let externalIDArrivals = Guarded<[String: Date]>([:])
    private let programKey = try! SNAPPublicKey(pem: TestCredentials.programPublicKeyPEM)

    init(defects: Set<PaymentDefect>, clientSecret: String, window: TimestampWindow, ledger: ReferencePaymentLedger, clock: SigningClock) {
        self.defects = defects
        self.clientSecret = clientSecret
        self.window = window
        self.ledger = ledger
        self.clock = clock
    }

    func handle(
        _ request: Request, context: SignedJSONContext,
        next: (Request, SignedJSONContext) async throws -> Response
    ) async throws -> Response {
        let isTransaction = request.uri.path != PaymentPartnerAdapter.Path.accessToken
        var request = request
        var requestBody: [UInt8] = []
        let rewritesRequest =
            isTransaction
            && !defects.isDisjoint(with: [
                .acceptsBadSignature, .acceptsStaleTimestamp, .comparesSignaturePrefix, .acceptsFutureTimestamp, .ignoresTimestampOffset,
            ])
        let addsScheme =
            isTransaction && defects.contains(.acceptsTokenWithoutScheme)
            && request.headers[.authorization].map { !$0.hasPrefix("Bearer ") } == true
        let keysExternalIDWithSignature = isTransaction && defects.contains(.externalIDPerSignature) && request.headers[.snapExternalID] != nil
        let forgetsOldExternalIDs = isTransaction && defects.contains(.shortExternalIDMemory) && request.headers[.snapExternalID] != nil
        let rewritesResponse = !defects.isDisjoint(with: [.unmaskedName, .wrongResponseCode, .amountAsNumber, .echoesNIK, .echoesNIKInRefusals])
        let isDisbursement = [PaymentPartnerAdapter.Path.topUp, PaymentPartnerAdapter.Path.intrabankTransfer].contains(request.uri.path)
        let remembersRefusals = isDisbursement && defects.contains(.refusalUsesUpReference)
        let rewritesBody =
            isDisbursement
            && !defects.isDisjoint(with: [
                .acceptsAnyCurrency, .acceptsAnyMonth, .reuseAnswersOriginal, .acceptsLooseAmounts, .emptyReferenceAsPresent,
                .restampedRetryPaysAgain,
            ])
        let swapsUnknownToken = isTransaction && defects.contains(.acceptsUnknownToken) && request.headers[.authorization] != nil
        let forgetsExternalIDs = isTransaction && defects.contains(.acceptsReplayedRequest)
        let cutsExternalID = isTransaction && defects.contains(.acceptsLongExternalID) && (request.headers[.snapExternalID]?.utf8.count ?? 0) > 36
        let ignoresPartnerID =
            isTransaction && defects.contains(.acceptsOtherClientsToken)
            && request.headers[.snapPartnerID].map { $0 != TestCredentials.clientID } == true
        let letsInUnauthenticated = isTransaction && defects.contains(.acceptsUnauthenticated) && request.headers[.authorization] == nil
        let answersUnknownAsPending =
            defects.contains(.unknownReferencePending)
            && [PaymentPartnerAdapter.Path.topUpStatus, PaymentPartnerAdapter.Path.transferStatus].contains(request.uri.path)
        if !isTransaction, tokenRequestNeedsStandIn(request.headers), let fields = freshTokenRequestHeaders() {
            var head = request.head
            for field in fields { head.headerFields[HTTPField.Name(field.name)!] = field.value }
            request = Request(head: head, body: request.body)
        }
        if rewritesRequest || rewritesResponse || forgetsExternalIDs || letsInUnauthenticated || answersUnknownAsPending || rewritesBody
            || swapsUnknownToken || ignoresPartnerID || cutsExternalID || addsScheme || keysExternalIDWithSignature || remembersRefusals
            || forgetsOldExternalIDs
        {
            requestBody = (try? await BodyReader.read(&request, limit: 1 << 20)) ?? []
            var head = request.head
            if addsScheme, let token = head.headerFields[.authorization] { head.headerFields[.authorization] = "Bearer " + token }
            if keysExternalIDWithSignature, let id = head.headerFields[.snapExternalID] {
                let signature = head.headerFields[.snapSignature] ?? ""
                let reused = externalIDSignatures.withLock { seen in
                    defer { if seen[id] == nil { seen[id] = signature } }
                    return seen[id].map { $0 != signature } ?? false
                }
                if reused { head.headerFields[.snapExternalID] = PaymentPartnerClient.newExternalID() }
            }
            if forgetsOldExternalIDs, let id = head.headerFields[.snapExternalID] {
                let now = clock.now()
                let forgotten = externalIDArrivals.withLock { arrivals in
                    defer { if arrivals[id] == nil { arrivals[id] = now } }
                    return arrivals[id].map { now.timeIntervalSince($0) > 1 } ?? false
                }
                if forgotten { head.headerFields[.snapExternalID] = PaymentPartnerClient.newExternalID() }
            }
            if letsInUnauthenticated, let token = lastIssuedToken.value {
                head.headerFields[.authorization] = "Bearer " + token
                sign(&head, body: requestBody, at: head.headerFields[.snapTimestamp] ?? SNAPTimestamp.format(Date()))
            }
            if rewritesRequest { resign(&head, body: requestBody) }
            if rewritesBody, let rewritten = await rewrittenDisbursement(requestBody) {
                requestBody = rewritten
                sign(&head, body: requestBody, at: head.headerFields[.snapTimestamp] ?? SNAPTimestamp.format(Date()))
            }
            if swapsUnknownToken { swapUnknownToken(&head, body: requestBody) }
            if ignoresPartnerID { head.headerFields[.snapPartnerID] = TestCredentials.clientID }
            if cutsExternalID, let id = head.headerFields[.snapExternalID] { head.headerFields[.snapExternalID] = String(id.prefix(36)) }
            if forgetsExternalIDs, head.headerFields[.snapExternalID] != nil {
                head.headerFields[.snapExternalID] = PaymentPartnerClient.newExternalID()
            }
            request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: requestBody)))
        }
        let reference =
            remembersRefusals ? (try? JSONSerialization.jsonObject(with: Data(requestBody)) as? [String: Any])?["partnerReferenceNo"] as? String : nil
        if let reference, refusedReferences.withLock({ $0.contains(reference) }) {
            let service = request.uri.path == PaymentPartnerAdapter.Path.topUp ? "38" : "17"
            return JSONResponse.make(.conflict, Array(#"{"responseCode":"409\#(service)01","responseMessage":"Conflict"}"#.utf8))
        }
        var response = try await ResponseRewriting.response(request, context, next)
        if let reference, response.status != .ok { refusedReferences.withLock { _ = $0.insert(reference) } }
        if defects.contains(.refusalsAnswered200), response.status == .notFound,
            [PaymentPartnerAdapter.Path.eMoneyAccountInquiry, PaymentPartnerAdapter.Path.bankAccountInquiry].contains(request.uri.path)
        {
            response.status = .ok
        }
        if !isTransaction, !defects.isDisjoint(with: [.acceptsUnauthenticated, .acceptsUnknownToken]), response.status == .ok,
            let token = try await ResponseRewriting.readJSON(&response)?["accessToken"] as? String
        {
            lastIssuedToken.value = token
        }
        if answersUnknownAsPending, response.status == .notFound { try await answerAsPending(&response, requestBody: requestBody) }
        if defects.contains(.leaksInternalErrors), response.status == .badRequest { try await leakInternals(&response) }
        guard rewritesResponse else { return response }
        try await ResponseRewriting.rewriteJSON(&response) { rewrite($0, requestBody: requestBody) }
        return response
    }

    /// Token-request headers signed with the program's key at a timestamp not signed before.
    private func freshTokenRequestHeaders() -> [(name: String, value: String)]? {
        let key = try! SNAPPrivateKey(pem: TestCredentials.programPrivateKeyPEM)
        let now = Date()
        return tokenRequestSignatures.first(
            of: (5..<205).lazy.compactMap { secondsBack in
                try? SNAPAsymmetricSignature.tokenHeaders(
                    privateKey: key, clientID: TestCredentials.clientID,
                    timestamp: SNAPTimestamp.format(now.addingTimeInterval(-Double(secondsBack))))
            })
    }

    /// Whether a token request is one the adapter would refuse for the reason a switch that is on
    /// ignores: a signature that does not verify (`accepts-forged-token-request`), or, correctly
    /// signed, a stale timestamp (`token-ignores-timestamp`) or a request already answered
    /// (`accepts-replayed-token-request`). Each switch lets through only its own case.
    private func tokenRequestNeedsStandIn(_ headers: HTTPFields) -> Bool {
        guard
            !defects.isDisjoint(with: [
                .acceptsForgedTokenRequest, .tokenIgnoresTimestamp, .acceptsReplayedTokenRequest, .tokenSkipsUndecodableSignature,
                .shortTokenReplayMemory,
            ])
        else { return false }
        let timestamp = headers[.snapTimestamp] ?? "", signature = headers[.snapSignature] ?? ""
        if defects.contains(.tokenSkipsUndecodableSignature), Data(base64Encoded: signature) == nil { return true }
        let verifies =
            (try? SNAPAsymmetricSignature.verifyToken(
                clientID: headers[.snapClientKey], timestamp: timestamp, signature: signature,
                policy: VerificationPolicy(window: TimestampWindow(toleranceSeconds: 1 << 30)), publicKey: { _ in programKey })) != nil
        guard verifies else { return defects.contains(.acceptsForgedTokenRequest) }
        let stale = (try? window.check(try SNAPTimestamp.parse(timestamp), now: Date())) == nil
        let repeated = !tokenRequestSignatures.insert(signature)
        let forgotten = recentTokenRequests.withLock { recent in
            defer { recent = Array((recent + [signature]).suffix(2)) }
            return repeated && !recent.contains(signature)
        }
        return (defects.contains(.tokenIgnoresTimestamp) && stale) || (defects.contains(.acceptsReplayedTokenRequest) && repeated)
            || (defects.contains(.shortTokenReplayMemory) && forgotten)
    }

    /// Replaces a bearer token the adapter never issued, when the call is correctly signed over
    /// it, with the last token the adapter issued, and signs the call again.
    private func swapUnknownToken(_ head: inout HTTPRequest, body: [UInt8]) {
        guard let token = SNAPSymmetricSignature.bearerToken(from: head.headerFields[.authorization]), let issued = lastIssuedToken.value,
            token != issued, let timestamp = head.headerFields[.snapTimestamp],
            let expected = try? SNAPSymmetricSignature(clientSecret: clientSecret).signature(
                method: head.method.rawValue, path: head.path ?? "/", accessToken: token, body: body, timestamp: timestamp),
            expected == head.headerFields[.snapSignature]
        else { return }
        head.headerFields[.authorization] = "Bearer " + issued
        sign(&head, body: body, at: timestamp)
    }

    /// The disbursement body as the adapter should see it with `accepts-any-currency` (every
    /// currency IDR), `accepts-any-month` (a month outside 1-4 the first) and `reuse-answers-original` (a used partnerReferenceNo's money-moving
    /// fields those of its first payment); nil when nothing changes.
    private func rewrittenDisbursement(_ body: [UInt8]) async -> [UInt8]? {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else { return nil }
        var changed = false
        if defects.contains(.acceptsAnyCurrency) {
            for key in ["amount", "feeAmount"] {
                guard var amount = object[key] as? [String: Any], let currency = amount["currency"] as? String, currency != "IDR" else { continue }
                amount["currency"] = "IDR"
                object[key] = amount
                changed = true
            }
        }
        if defects.contains(.acceptsAnyMonth), var info = object["additionalInfo"] as? [String: Any], let month = info["incentiveMonth"] as? Int,
            !(1...4).contains(month)
        {
            info["incentiveMonth"] = 1
            object["additionalInfo"] = info
            changed = true
        }
        if defects.contains(.acceptsLooseAmounts) {
            for key in ["amount", "feeAmount"] {
                guard var amount = object[key] as? [String: Any], let value = amount["value"] as? String, let number = Double(value),
                    number >= 0, number < 1e15, number.rounded() == number
                else { continue }
                let canonical = Rupiah(integerLiteral: Int64(number)).snapValue
                guard canonical != value else { continue }
                amount["value"] = canonical
                object[key] = amount
                changed = true
            }
        }
        if defects.contains(.emptyReferenceAsPresent), (object["partnerReferenceNo"] as? String)?.isEmpty == true {
            object["partnerReferenceNo"] = "PRK-EMPTY-" + UUID().uuidString.prefix(8)
            changed = true
        }
        if defects.contains(.restampedRetryPaysAgain), let reference = object["partnerReferenceNo"] as? String,
            let stamp = object["transactionDate"] as? String
        {
            // A retry: everything but the stamp as it first came (a conflicting reuse stays the adapter's).
            var rest = object
            rest["transactionDate"] = nil
            let content = (try? JSONSerialization.data(withJSONObject: rest, options: .sortedKeys)) ?? Data()
            let first = firstStamps.withLock { stamps in
                defer { if stamps[reference] == nil { stamps[reference] = (stamp, content) } }
                return stamps[reference]
            }
            if let first, first.stamp != stamp, first.content == content {
                object["partnerReferenceNo"] = reference + "-R"
                changed = true
            }
        }
        if defects.contains(.reuseAnswersOriginal), let reference = object["partnerReferenceNo"] as? String,
            let original = try? await ledger.disbursement(partnerReferenceNo: reference)?.disbursement
        {
            object["amount"] = ["value": original.amount.snapValue, "currency": "IDR"]
            if object["feeAmount"] != nil { object["feeAmount"] = ["value": original.fee.snapValue, "currency": "IDR"] }
            switch original.account {
            case .eWallet(let phone): object["customerNumber"] = "62" + phone.nationalNumber
            case .bank(let number): object["beneficiaryAccountNo"] = number
            }
            object["additionalInfo"] = ["nik": original.recipientNIK.digits, "incentiveMonth": original.incentiveMonth]
            changed = true
        }
        guard changed, let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return nil }
        return Array(data)
    }

    /// Turns the adapter's 400xx00 (a body it could not read) into a server failure that shows its stack.
    private func leakInternals(_ response: inout Response) async throws {
        guard let refusal = try await ResponseRewriting.readJSON(&response), let code = refusal["responseCode"] as? String, code.hasSuffix("00")
        else { return }
        response.status = .internalServerError
        try await ResponseRewriting.rewriteJSON(&response) { _ in
            [
                "responseCode": "500" + code.dropFirst(3).prefix(2) + "00",
                "responseMessage":
                    "Fatal error: Unexpectedly found nil while unwrapping an Optional value: file PaymentPartnerAdapter.swift, line 142\n"
                    + "0 prakerja 0x000055d3c1a2b4f0 $s16PrakerjaPartners7decodeyxAA7RequestVKF + 240",
            ]
        }
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
        } else if let expected = try? signer.signature(
            method: head.method.rawValue, path: head.path ?? "/", accessToken: token, body: body, timestamp: sent)
        {
            let received = head.headerFields[signatureName] ?? ""
            if defects.contains(.comparesSignaturePrefix), received != expected, received.prefix(16) == expected.prefix(16) {
                head.headerFields[signatureName] = expected
            } else if received == expected, defects.contains(.acceptsFutureTimestamp), let signedAt = try? SNAPTimestamp.parse(sent),
                signedAt.timeIntervalSinceNow > Double(window.toleranceSeconds)
            {
                let fresh = SNAPTimestamp.format(Date())
                head.headerFields[timestampName] = fresh
                sign(&head, body: body, at: fresh)
            } else if received == expected, defects.contains(.ignoresTimestampOffset), sent.count > 19, !sent.hasSuffix("+07:00") {
                // The digits as if they were Jakarta's clock: now in UTC reads seven hours stale.
                let asJakarta = sent.prefix(19) + "+07:00"
                head.headerFields[timestampName] = String(asJakarta)
                sign(&head, body: body, at: String(asJakarta))
            }
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
        if defects.contains(.echoesNIKInRefusals), let code = object["responseCode"] as? String, !code.hasPrefix("200"),
            let nik = recipientNIK(in: requestBody)
        {
            object["responseMessage"] = "\(object["responseMessage"] as? String ?? "Refused") (NIK \(nik))"
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

/// A value the middleware's copies share, behind a lock.
final class Guarded<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) { self.value = Mutex(value) }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result { value.withLock { body(&$0) } }
}

/// The last access token the adapter issued, shared by the middleware's copies.
final class LastIssuedToken: Sendable {
    private let token = Mutex<String?>(nil)

    var value: String? {
        get { token.withLock { $0 } }
        set { token.withLock { $0 = newValue } }
    }
}

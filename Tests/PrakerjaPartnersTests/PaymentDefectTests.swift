import Foundation
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaReferencePartners
import PrakerjaSigning
import PrakerjaTestSupport
import Testing

/// Each defect switch breaks its rule, and only with the switch on: the probe for the rule holds
/// against the correct partner and fails against the one with the defect.
@Suite struct PaymentDefectTests {
    /// Whether the rule `defect` breaks holds at the partner in `h`.
    static func ruleHolds(_ defect: PaymentDefect, _ h: PaymentHarness) async throws -> Bool {
        let siti = h.account(.verified)
        switch defect {
        case .doubleCreditOnRetry:
            _ = try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-D1"))
            _ = try? await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-D1"))
            return h.partner.ledger.credited(to: siti.reference) == 600_000
        case .acceptsBadSignature:
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp, body: try body(siti),
                adjust: { headers in
                    headers.removeAll { $0.name == "X-SIGNATURE" }
                    headers.append(("X-SIGNATURE", Data(repeating: 1, count: 64).base64EncodedString()))
                })
            return response.status == 401 && h.partner.ledger.credited(to: siti.reference) == .zero
        case .acceptsStaleTimestamp:
            let stale = SNAPTimestamp.format(Date().addingTimeInterval(-900))
            let token = try await h.client.accessToken()
            let headers = try SNAPSymmetricSignature(clientSecret: TestCredentials.clientSecret).headers(
                method: "POST", path: PaymentPartnerAdapter.Path.topUp, accessToken: token, body: try body(siti), timestamp: stale,
                partnerID: TestCredentials.clientID, externalID: PaymentPartnerClient.newExternalID(), channelID: "95221")
            let response = try await h.send(PaymentPartnerAdapter.Path.topUp, body: try body(siti), headers: headers.fields)
            return response.status == 401 && h.partner.ledger.credited(to: siti.reference) == .zero
        case .feeDeducted:
            let paid = try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-D2"))
            return paid.amount.value == "600000.00" && paid.feeAmount.value == "0.00" && h.partner.ledger.credited(to: siti.reference) == 600_000
        case .ignoresKYC:
            _ = try? await h.client.topUp(PaymentHarness.topUp(h.account(.pending), reference: "PRK-D3"))
            return h.partner.ledger.payments(for: "PRK-D3") == 0
        case .ignoresNIKMismatch:
            _ = try? await h.client.topUp(PaymentHarness.topUp(h.account(.verified, holderIsRecipient: false), reference: "PRK-D4"))
            return h.partner.ledger.payments(for: "PRK-D4") == 0
        case .unmaskedName:
            let phone = try #require(siti.reference.phoneNumber)
            let facts = try await h.client.eMoneyAccountInquiry(
                EMoneyAccountInquiryRequest(
                    partnerReferenceNo: "INQ-D", customerNumber: "62" + phone.nationalNumber, additionalInfo: RecipientInfo(nik: siti.recipientNIK)))
            return facts.customerName != siti.account.holderName && facts.customerName == Masking.name(siti.account.holderName)
        case .wrongResponseCode:
            let paid = try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-D5"))
            return SNAPResponseCode(paid.responseCode) == SNAPResponseCode(.success, service: .topUp)
        case .amountAsNumber:
            let response = try await h.client.signedCall(path: PaymentPartnerAdapter.Path.topUp, body: try body(siti, reference: "PRK-D6"))
            let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            return ((object?["amount"] as? [String: Any])?["value"] as? String) == "600000.00"
        case .serverErrorOnBadInput:
            var object = try JSONSerialization.jsonObject(with: Data(try body(siti, reference: "PRK-D7"))) as? [String: Any] ?? [:]
            object["partnerReferenceNo"] = nil
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp, body: Array(try JSONSerialization.data(withJSONObject: object)))
            return response.status == 400
        case .echoesNIK:
            let phone = try #require(siti.reference.phoneNumber)
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.eMoneyAccountInquiry,
                body: try StreamingJSONEncoder().encode(
                    EMoneyAccountInquiryRequest(
                        partnerReferenceNo: "INQ-D8", customerNumber: "62" + phone.nationalNumber,
                        additionalInfo: RecipientInfo(nik: siti.recipientNIK))))
            return response.status == 200 && !String(decoding: response.body, as: UTF8.self).contains(siti.recipientNIK.digits)
        case .acceptsAnyAmount:
            _ = try? await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-D9", amount: 500_000))
            return h.partner.ledger.payments(for: "PRK-D9") == 0
        case .acceptsReplayedRequest:
            let (first, again) = try await twoTopUps(h, siti, references: ("PRK-D10", "PRK-D10"))
            return first.status == 200 && again.status == 409
        case .acceptsUnauthenticated:
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp, body: try body(siti, reference: "PRK-D12"),
                adjust: { headers in
                    headers.removeAll { $0.name == "Authorization" || $0.name == "X-SIGNATURE" }
                })
            return response.status == 401 && h.partner.ledger.payments(for: "PRK-D12") == 0
        case .acceptsForgedTokenRequest:
            let response = try await h.send(
                PaymentPartnerAdapter.Path.accessToken, body: Array(#"{"grantType":"client_credentials"}"#.utf8),
                headers: [
                    ("X-TIMESTAMP", SNAPTimestamp.format(Date())), ("X-CLIENT-KEY", TestCredentials.clientID),
                    ("X-SIGNATURE", Data(repeating: 7, count: 256).base64EncodedString()),
                ])
            return response.status == 401
        case .unknownReferencePending:
            let status = try StreamingJSONEncoder().encode(StatusRequest(originalPartnerReferenceNo: "PRK-NEVER-USED", serviceCode: "38"))
            return try await h.client.signedCall(path: PaymentPartnerAdapter.Path.topUpStatus, body: status).status == 404
        case .slowAnswers:
            return try await answersQuickly { attempt in
                let status = try StreamingJSONEncoder().encode(StatusRequest(originalPartnerReferenceNo: "PRK-D13-\(attempt)", serviceCode: "38"))
                _ = try await h.client.signedCall(path: PaymentPartnerAdapter.Path.topUpStatus, body: status)
            }
        case .tokenIgnoresTimestamp:
            return try await tokenRequest(h, at: Date().addingTimeInterval(-310)).status == 401
        case .acceptsReplayedTokenRequest:
            let second = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3).rounded(.down))
            let first = try await tokenRequest(h, at: second)
            let again = try await tokenRequest(h, at: second)
            return first.status == 200 && again.status == 401
        case .acceptsUnknownToken:
            _ = try await h.client.accessToken()  // a token was issued, just not this one
            let body = try body(siti, reference: "PRK-D14")
            let headers = try SNAPSymmetricSignature(clientSecret: TestCredentials.clientSecret).headers(
                method: "POST", path: PaymentPartnerAdapter.Path.topUp, accessToken: "never-issued", body: body,
                timestamp: SNAPTimestamp.format(Date()), partnerID: TestCredentials.clientID, externalID: PaymentPartnerClient.newExternalID(),
                channelID: "95221")
            let response = try await h.send(PaymentPartnerAdapter.Path.topUp, body: body, headers: headers.fields)
            return response.status == 401 && h.partner.ledger.payments(for: "PRK-D14") == 0
        case .wideTimestampWindow:
            let token = try await h.client.accessToken()
            let body = try body(siti, reference: "PRK-D15")
            let headers = try SNAPSymmetricSignature(clientSecret: TestCredentials.clientSecret).headers(
                method: "POST", path: PaymentPartnerAdapter.Path.topUp, accessToken: token, body: body,
                timestamp: SNAPTimestamp.format(Date().addingTimeInterval(-310)), partnerID: TestCredentials.clientID,
                externalID: PaymentPartnerClient.newExternalID(), channelID: "95221")
            let response = try await h.send(PaymentPartnerAdapter.Path.topUp, body: body, headers: headers.fields)
            return response.status == 401 && h.partner.ledger.payments(for: "PRK-D15") == 0
        case .echoesNIKInRefusals:
            let pending = h.account(.pending)
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp, body: try StreamingJSONEncoder().encode(PaymentHarness.topUp(pending, reference: "PRK-D16")))
            return response.status == 403 && !String(decoding: response.body, as: UTF8.self).contains(pending.recipientNIK.digits)
        case .transferSkipsProfile:
            let pending = h.account(.pending, eWallet: false)
            _ = try? await h.client.transfer(
                TransferRequest(
                    partnerReferenceNo: "PRK-D17", amount: SNAPAmount(600_000),
                    beneficiaryAccountNo: try #require(pending.reference.bankAccountNumber), remark: "Insentif Prakerja 1/4",
                    transactionDate: SNAPTimestamp.format(Date()), additionalInfo: DisbursementInfo(nik: pending.recipientNIK, incentiveMonth: 1)))
            return h.partner.ledger.payments(for: "PRK-D17") == 0
        case .acceptsAnyCurrency:
            let dollars = String(decoding: try body(siti, reference: "PRK-D18"), as: UTF8.self)
                .replacingOccurrences(of: #""currency":"IDR""#, with: #""currency":"USD""#)
            let response = try await h.client.signedCall(path: PaymentPartnerAdapter.Path.topUp, body: Array(dollars.utf8))
            return response.status == 400 && h.partner.ledger.payments(for: "PRK-D18") == 0
        case .acceptsAnyMonth:
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp,
                body: try StreamingJSONEncoder().encode(PaymentHarness.topUp(siti, reference: "PRK-D22", month: 5)))
            return response.status == 400 && h.partner.ledger.payments(for: "PRK-D22") == 0
        case .acceptsOtherClientsToken:
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp, body: try body(siti, reference: "PRK-D23"),
                adjust: { headers in headers = headers.map { $0.name == "X-PARTNER-ID" ? ($0.name, "PRAKERJA-OTHER-99") : $0 } })
            return response.status == 401 && h.partner.ledger.payments(for: "PRK-D23") == 0
        case .acceptsLongExternalID:
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp, body: try body(siti, reference: "PRK-D24"),
                externalID: PaymentPartnerClient.newExternalID() + String(repeating: "1", count: 37))
            return response.status == 400 && h.partner.ledger.payments(for: "PRK-D24") == 0
        case .reuseAnswersOriginal:
            _ = try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-D19"))
            let reuse = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp,
                body: try StreamingJSONEncoder().encode(PaymentHarness.topUp(siti, reference: "PRK-D19", month: 2)))
            return reuse.status == 409
        case .notificationMisreports:
            // What the partner's notifications say after they leave it: a successful Rp600,000.00 top-up, as signed.
            let transport = try #require(h.partner.configuration.notifications?.transport)
            let receiver = NotificationReceiver()
            return try await HTTPServerRunner.withRunning(receiver.router()) { url in
                let body = try StreamingJSONEncoder().encode(
                    TopUpNotification(
                        partnerReferenceNo: "PRK-D20", referenceNo: "REF1", serviceCode: "38", latestTransactionStatus: "00",
                        amount: SNAPAmount(600_000), transactionDate: SNAPTimestamp.format(Date())))
                let signed = try SNAPAsymmetricSignature.notificationHeaders(
                    privateKey: try SNAPPrivateKey(pem: TestCredentials.partnerPrivateKeyPEM), method: "POST", path: "/program/notify", body: body,
                    timestamp: SNAPTimestamp.format(Date()))
                _ = try await transport.send(
                    TransportRequest(method: "POST", url: url + "/program/notify", headers: signed.fields, body: body), timeout: .seconds(30))
                let received = try #require(await receiver.first())
                return received.validSignature && received.notification.amount.value == "600000.00"
                    && received.notification.latestTransactionStatus == "00"
            }
        case .leaksInternalErrors:
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp, body: try body(siti, reference: "PRK-D21"),
                adjust: { headers in headers = headers.map { $0.name.lowercased() == "content-type" ? ($0.name, "text/plain") : $0 } })
            return response.status == 400 && PaymentHarness.code(response) == "4003800"
                && !String(decoding: response.body, as: UTF8.self).contains("Fatal error")
        case .comparesSignaturePrefix:
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp, body: try body(siti, reference: "PRK-D25"),
                adjust: { headers in
                    headers = headers.map { $0.name == "X-SIGNATURE" ? ($0.name, rightFor16Digits($0.value)) : $0 }
                })
            return response.status == 401 && h.partner.ledger.payments(for: "PRK-D25") == 0
        case .acceptsFutureTimestamp, .ignoresTimestampOffset:
            // Ahead of the window, written in Jakarta's offset; then now, written in UTC.
            let token = try await h.client.accessToken()
            let ahead = try body(siti, reference: "PRK-D26")
            let aheadHeaders = try SNAPSymmetricSignature(clientSecret: TestCredentials.clientSecret).headers(
                method: "POST", path: PaymentPartnerAdapter.Path.topUp, accessToken: token, body: ahead,
                timestamp: SNAPTimestamp.format(Date().addingTimeInterval(900)), partnerID: TestCredentials.clientID,
                externalID: PaymentPartnerClient.newExternalID(), channelID: "95221")
            let refused = try await h.send(PaymentPartnerAdapter.Path.topUp, body: ahead, headers: aheadHeaders.fields).status == 401
            let now = try body(siti, reference: "PRK-D27")
            let utcHeaders = try SNAPSymmetricSignature(clientSecret: TestCredentials.clientSecret).headers(
                method: "POST", path: PaymentPartnerAdapter.Path.topUp, accessToken: token, body: now,
                timestamp: SNAPTimestamp.format(Date(), utcOffsetSeconds: 0), partnerID: TestCredentials.clientID,
                externalID: PaymentPartnerClient.newExternalID(), channelID: "95221")
            let answered = try await h.send(PaymentPartnerAdapter.Path.topUp, body: now, headers: utcHeaders.fields).status == 200
            return refused && answered && h.partner.ledger.payments(for: "PRK-D26") == 0
        case .tokenSkipsUndecodableSignature:
            let response = try await h.send(
                PaymentPartnerAdapter.Path.accessToken, body: Array(#"{"grantType":"client_credentials"}"#.utf8),
                headers: [("X-TIMESTAMP", SNAPTimestamp.format(Date())), ("X-CLIENT-KEY", TestCredentials.clientID), ("X-SIGNATURE", "not*base64!")])
            return response.status == 401
        case .acceptsTokenWithoutScheme:
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.topUp, body: try body(siti, reference: "PRK-D28"),
                adjust: { headers in
                    headers = headers.map { $0.name == "Authorization" ? ($0.name, String($0.value.dropFirst("Bearer ".count))) : $0 }
                })
            return response.status == 401 && h.partner.ledger.payments(for: "PRK-D28") == 0
        case .shortTokenReplayMemory:
            let second = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3).rounded(.down))
            let first = try await tokenRequest(h, at: second)
            for back in [7.0, 9, 11] { _ = try await tokenRequest(h, at: second.addingTimeInterval(-back)) }
            let again = try await tokenRequest(h, at: second)
            return first.status == 200 && again.status == 401
        case .externalIDPerSignature:
            let (first, reused) = try await twoTopUps(h, siti, references: ("PRK-D29", "PRK-D30"))
            return first.status == 200 && reused.status == 409 && h.partner.ledger.payments(for: "PRK-D30") == 0
        case .shortExternalIDMemory:
            let (first, reused) = try await twoTopUps(h, siti, references: ("PRK-D35", "PRK-D36"), apart: .seconds(2))
            return first.status == 200 && reused.status == 409 && h.partner.ledger.payments(for: "PRK-D36") == 0
        case .acceptsLooseAmounts:
            let loose = String(decoding: try body(siti, reference: "PRK-D31"), as: UTF8.self)
                .replacingOccurrences(of: #""value":"600000.00""#, with: #""value":"6E+5""#)
            let response = try await h.client.signedCall(path: PaymentPartnerAdapter.Path.topUp, body: Array(loose.utf8))
            return response.status == 400 && h.partner.ledger.payments(for: "PRK-D31") == 0
        case .emptyReferenceAsPresent:
            let empty = String(decoding: try body(siti, reference: "PRK-D32"), as: UTF8.self)
                .replacingOccurrences(of: #""partnerReferenceNo":"PRK-D32""#, with: #""partnerReferenceNo":"""#)
            let response = try await h.client.signedCall(path: PaymentPartnerAdapter.Path.topUp, body: Array(empty.utf8))
            return response.status == 400 && PaymentHarness.code(response) == "4003802" && h.partner.ledger.credited(to: siti.reference) == .zero
        case .refusalsAnswered200:
            let response = try await h.client.signedCall(
                path: PaymentPartnerAdapter.Path.eMoneyAccountInquiry,
                body: try StreamingJSONEncoder().encode(
                    EMoneyAccountInquiryRequest(
                        partnerReferenceNo: "INQ-D33", customerNumber: "6281234560000", additionalInfo: RecipientInfo(nik: siti.recipientNIK))))
            return response.status == 404 && PaymentHarness.code(response)?.hasPrefix("404") == true
        case .refusalUsesUpReference:
            _ = try? await h.client.topUp(PaymentHarness.topUp(h.account(.pending), reference: "PRK-D34"))
            let corrected = try await h.client.signedCall(path: PaymentPartnerAdapter.Path.topUp, body: try body(siti, reference: "PRK-D34"))
            return corrected.status == 200 && h.partner.ledger.payments(for: "PRK-D34") == 1
        case .restampedRetryPaysAgain:
            _ = try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-D35"))
            var object = try JSONSerialization.jsonObject(with: Data(try body(siti, reference: "PRK-D35"))) as? [String: Any] ?? [:]
            object["transactionDate"] = SNAPTimestamp.format(Date().addingTimeInterval(60))
            _ = try await h.client.signedCall(path: PaymentPartnerAdapter.Path.topUp, body: Array(try JSONSerialization.data(withJSONObject: object)))
            return h.partner.ledger.credited(to: siti.reference) == 600_000
        case .badNotificationSignature:
            // The key the partner signs notifications with verifies against the key it registered.
            let key = try #require(h.partner.configuration.notifications?.privateKey)
            let body = Array(#"{"partnerReferenceNo":"PRK-D11"}"#.utf8), timestamp = SNAPTimestamp.format(Date())
            let signature = try SNAPAsymmetricSignature.notificationSignature(
                privateKey: key, method: "POST", path: "/n", body: body, timestamp: timestamp)
            return
                (try? SNAPAsymmetricSignature.verifyNotification(
                    timestamp: timestamp, signature: signature, method: "POST", path: "/n", body: body,
                    policy: VerificationPolicy(), publicKey: try SNAPPublicKey(pem: TestCredentials.partnerPublicKeyPEM))) != nil
        }
    }

    /// `signature`'s first 16 digits, then the rest reversed (wrong, unless it reads the same backwards).
    static func rightFor16Digits(_ signature: String) -> String {
        let rest: String = String(signature.dropFirst(16).reversed())
        return String(signature.prefix(16)) + rest
    }

    /// Two signed top-ups to `seeded` under these references, sharing one X-EXTERNAL-ID.
    static func twoTopUps(
        _ h: PaymentHarness, _ seeded: ReferencePaymentLedger.SeededAccount, references: (String, String), apart: Duration = .zero
    ) async throws -> (TransportResponse, TransportResponse) {
        let externalID = PaymentPartnerClient.newExternalID()
        let first = try await h.client.signedCall(
            path: PaymentPartnerAdapter.Path.topUp, body: try body(seeded, reference: references.0), externalID: externalID)
        if apart > .zero { try #require(h.shifted, "a harness with its own clock").advance(by: apart) }
        let second = try await h.client.signedCall(
            path: PaymentPartnerAdapter.Path.topUp, body: try body(seeded, reference: references.1), externalID: externalID)
        return (first, second)
    }

    /// A token request correctly signed with the program's key at `date`.
    static func tokenRequest(_ h: PaymentHarness, at date: Date) async throws -> TransportResponse {
        let headers = try SNAPAsymmetricSignature.tokenHeaders(
            privateKey: try SNAPPrivateKey(pem: TestCredentials.programPrivateKeyPEM), clientID: TestCredentials.clientID,
            timestamp: SNAPTimestamp.format(date))
        return try await h.send(
            PaymentPartnerAdapter.Path.accessToken, body: Array(#"{"grantType":"client_credentials"}"#.utf8), headers: headers.fields)
    }

    static func body(_ seeded: ReferencePaymentLedger.SeededAccount, reference: String = "PRK-DS") throws -> [UInt8] {
        try StreamingJSONEncoder().encode(PaymentHarness.topUp(seeded, reference: reference))
    }

    @Test(arguments: PaymentDefect.allCases)
    func theSwitchBreaksExactlyItsRule(_ defect: PaymentDefect) async throws {
        // Notifications go nowhere (a closed port); only their signing key is looked at.
        let notifyURL = "http://127.0.0.1:9/prakerja/notifications"
        let correct = try await PaymentHarness.run(notifyURL: notifyURL) { try await Self.ruleHolds(defect, $0) }
        #expect(correct, "the correct partner keeps the rule \(defect.rawValue) breaks")
        let broken = try await PaymentHarness.run(defects: [defect], notifyURL: notifyURL) { try await Self.ruleHolds(defect, $0) }
        #expect(!broken, "\(defect.rawValue) breaks its rule")
    }
}

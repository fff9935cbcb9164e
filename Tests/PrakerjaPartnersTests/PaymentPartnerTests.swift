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

@Suite struct PaymentPartnerTests {
    @Test func inquiryTopUpStatusAndASignedNotification() async throws {
        let receiver = NotificationReceiver()
        try await HTTPServerRunner.withRunning(receiver.router()) { programURL in
            try await PaymentHarness.run(notifyURL: programURL + "/program/notify") { h in
                let siti = h.account(.verified)
                let phone = try #require(siti.reference.phoneNumber)
                let inquiry = try await h.client.eMoneyAccountInquiry(
                    EMoneyAccountInquiryRequest(
                        partnerReferenceNo: "INQ-1", customerNumber: "62" + phone.nationalNumber,
                        additionalInfo: RecipientInfo(nik: siti.recipientNIK)))
                #expect(inquiry.responseCode == "2003700")
                #expect(inquiry.customerName == "S*** R********")
                #expect(inquiry.customerNumber == "62812*****801")
                #expect(inquiry.additionalInfo == AccountFacts(kycStatus: .verified, nikMatch: true))

                let paid = try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-1"))
                #expect(paid.responseCode == "2003800")
                #expect(paid.amount.value == "600000.00")
                #expect(paid.feeAmount.value == "0.00")
                #expect(paid.customerName == "S*** R********")
                #expect(h.partner.ledger.credited(to: siti.reference) == 600_000)

                let status = try await h.client.status(StatusRequest(originalPartnerReferenceNo: "PRK-1", serviceCode: "38"), channel: .topUp)
                #expect(status.responseCode == "2003900")
                #expect(status.latestTransactionStatus == "00")
                #expect(status.originalReferenceNo == paid.referenceNo)

                let notification = try #require(await receiver.first())
                #expect(notification.validSignature)
                #expect(notification.notification.referenceNo == paid.referenceNo)
                #expect(notification.notification.amount.value == "600000.00")
            }
        }
    }

    @Test func aBankTransferAndItsStatus() async throws {
        try await PaymentHarness.run { h in
            let budi = h.account(.verified, eWallet: false)
            let number = try #require(budi.reference.bankAccountNumber)
            let facts = try await h.client.bankAccountInquiry(
                BankAccountInquiryRequest(
                    partnerReferenceNo: "INQ-2", beneficiaryAccountNo: number, additionalInfo: RecipientInfo(nik: budi.recipientNIK)))
            #expect(facts.beneficiaryAccountNo == Masking.accountNumber(number))
            #expect(facts.additionalInfo.nikMatch)
            let transfer = try await h.client.transfer(
                TransferRequest(
                    partnerReferenceNo: "PRK-T1", amount: SNAPAmount(600_000), beneficiaryAccountNo: number, remark: "Insentif 1/4",
                    transactionDate: SNAPTimestamp.format(Date()), additionalInfo: DisbursementInfo(nik: budi.recipientNIK, incentiveMonth: 1)))
            #expect(transfer.responseCode == "2001700")
            let status = try await h.client.status(
                StatusRequest(originalPartnerReferenceNo: "PRK-T1", serviceCode: "17"), channel: .intrabankTransfer)
            #expect(status.responseCode == "2003600")
            let wrongService = await failure { () async throws(PrakerjaAPIError) in
                try await h.client.status(StatusRequest(originalPartnerReferenceNo: "PRK-T1", serviceCode: "17"), channel: .topUp)
            }
            #expect(wrongService?.code == "4003901")
            let unknown = await failure { () async throws(PrakerjaAPIError) in
                try await h.client.status(StatusRequest(originalPartnerReferenceNo: "NOPE", serviceCode: "38"), channel: .topUp)
            }
            #expect(unknown?.code == "4043901")
        }
    }
}

/// Money safety: never a double credit, never a payment the program's profile forbids.
@Suite struct PaymentMoneySafetyTests {
    @Test func fiftyConcurrentTopUpsWithOneReferenceCreditOnce() async throws {
        try await PaymentHarness.run { h in
            let siti = h.account(.verified)
            let request = PaymentHarness.topUp(siti, reference: "PRK-RACE")
            let references = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<50 { group.addTask { try? await h.client.topUp(request).referenceNo } }
                return await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(references.compactMap { $0 }.count == 50, "every attempt gets the (original) success")
            #expect(Set(references.compactMap { $0 }).count == 1, "all of them the same referenceNo")
            #expect(h.partner.ledger.credited(to: siti.reference) == 600_000)
            #expect(h.partner.ledger.payments(for: "PRK-RACE") == 1)
        }
    }

    @Test func aRetryReturnsTheOriginalAndOtherContentIsAConflict() async throws {
        try await PaymentHarness.run { h in
            let siti = h.account(.verified)
            let first = try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-RETRY"))
            let retry = try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-RETRY"))
            #expect(retry.referenceNo == first.referenceNo)
            #expect(retry.transactionDate == first.transactionDate)
            #expect(h.partner.ledger.credited(to: siti.reference) == 600_000)
            let conflict = await failure { () async throws(PrakerjaAPIError) in
                try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-RETRY", month: 2))
            }
            #expect(conflict?.code == "4093801")
            #expect(h.partner.ledger.credited(to: siti.reference) == 600_000)
        }
    }

    @Test func aReusedExternalIDIsAConflict() async throws {
        let clock = SteppingClock(Date())
        try await PaymentHarness.run(clock: clock.signingClock) { h in
            let siti = h.account(.verified)
            let body = try StreamingJSONEncoder().encode(PaymentHarness.topUp(siti, reference: "PRK-EXT-1"))
            let first = try await h.client.signedCall(path: "/v1.0/emoney/topup", body: body, externalID: "0000000000000000001")
            #expect(PaymentHarness.code(first) == "2003800")
            let other = try StreamingJSONEncoder().encode(PaymentHarness.topUp(siti, reference: "PRK-EXT-2"))
            clock.advance(by: .seconds(2))  // a new timestamp, so a new signature: only the external ID repeats
            let second = try await h.client.signedCall(path: "/v1.0/emoney/topup", body: other, externalID: "0000000000000000001")
            #expect(second.status == 409)
            #expect(PaymentHarness.code(second) == "4093800")
            #expect(h.partner.ledger.payments(for: "PRK-EXT-2") == 0)
        }
    }

    @Test(arguments: [(KYCStatus.pending, "4033815"), (.unverified, "4033815"), (.rejected, "4033815")])
    func anAccountThatIsNotKYCVerifiedIsNeverPaid(_ kyc: KYCStatus, _ code: String) async throws {
        try await PaymentHarness.run { h in
            let seeded = h.account(kyc)
            let refusal = await failure { () async throws(PrakerjaAPIError) in
                try await h.client.topUp(PaymentHarness.topUp(seeded, reference: "PRK-KYC"))
            }
            #expect(refusal?.code == code)
            #expect(refusal?.httpStatus == 403)
            #expect(h.partner.ledger.credited(to: seeded.reference) == .zero)
        }
    }

    @Test func profileViolationsAreRefusedWithTheirCodes() async throws {
        try await PaymentHarness.run { h in
            let yusuf = h.account(.verified, holderIsRecipient: false)
            let mismatch = await failure { () async throws(PrakerjaAPIError) in
                try await h.client.topUp(PaymentHarness.topUp(yusuf, reference: "PRK-NIK"))
            }
            #expect(mismatch?.code == "4033805")
            #expect(h.partner.ledger.credited(to: yusuf.reference) == .zero)
            let siti = h.account(.verified)
            let short = await failure { () async throws(PrakerjaAPIError) in
                try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-AMT", amount: 500_000))
            }
            #expect(short?.code == "4043813")
            let fee = await failure { () async throws(PrakerjaAPIError) in
                try await h.client.topUp(PaymentHarness.topUp(siti, reference: "PRK-FEE", amount: 600_000, fee: 2_500))
            }
            #expect(fee?.code == "4043813")
            #expect(fee?.message.contains("feeAmount") == true)
            #expect(h.partner.ledger.credited(to: siti.reference) == .zero)
            let unknown = await failure { () async throws(PrakerjaAPIError) in
                try await h.client.eMoneyAccountInquiry(
                    EMoneyAccountInquiryRequest(
                        partnerReferenceNo: "INQ-X", customerNumber: "6281299999999", additionalInfo: RecipientInfo(nik: siti.recipientNIK)))
            }
            #expect(unknown?.code == "4043711")
        }
    }
}

import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSandbox
import PrakerjaTestSupport
import Testing

@Suite struct PaymentFlowTests {
    static let siti = try! KartuPrakerjaNumber("4001000000000001")
    static let course = "LPKOPI01-WEB-01", schedule = "LPKOPI01-WEB-01-B"

    /// send-otp, then the OTP the participant received.
    func startPurchase(_ h: SandboxHarness, participant: KartuPrakerjaNumber = siti, schedule: String = schedule) async throws -> (PaymentOTP, String)
    {
        let otp = try await h.dp.sendPaymentOTP(
            userPlatformID: "user-1", prakerjaID: participant, courseCode: Self.course,
            scheduleCode: schedule, amount: 750_000)
        #expect(otp.phoneNumber.contains("*"))
        let code = try #require(await h.sandbox.otp(forPaymentToken: otp.paymentToken))
        return (otp, code)
    }

    @Test func aPurchaseTakesASeatChargesTheBalanceAndIssuesARedeemCode() async throws {
        try await SandboxHarness.run { h in
            let before = try await h.dp.checkQuota(courseCode: Self.course, scheduleCode: Self.schedule).quota
            let issuedBefore = await h.sandbox.issuedCodes(provider: "LPKOPI01").count
            let (otp, code) = try await startPurchase(h)
            let paid = try await h.dp.authorizePayment(
                paymentToken: otp.paymentToken, otp: code, invoiceURL: "https://dp.example.id/inv/1",
                invoiceCode: "INV-1")
            #expect(paid.status == "SUCCESS")
            #expect(paid.amount == 750_000)
            #expect(paid.prakerjaName == "Siti Rahmawati")
            #expect(try await h.dp.checkQuota(courseCode: Self.course, scheduleCode: Self.schedule).quota == before - 1)
            let issued = await h.sandbox.issuedCodes(provider: "LPKOPI01")
            #expect(issued.count == issuedBefore + 1)
            #expect(issued.contains { $0.invoiceCode == "INV-1" && $0.scheduleCode == Self.schedule })
            let status = try await h.dp.paymentStatus(invoiceCode: "INV-1")
            #expect(status.transactionCode == paid.transactionCode)
            #expect(status.createdAt != nil)
            await expectFailure(.paymentAlreadyAuthorized) { () async throws(PrakerjaAPIError) in
                try await h.dp.authorizePayment(
                    paymentToken: otp.paymentToken, otp: code, invoiceURL: "https://dp.example.id/inv/1", invoiceCode: "INV-1")
            }
            await expectFailure(.invoiceNotFound) { () async throws(PrakerjaAPIError) in try await h.otherDP.paymentStatus(invoiceCode: "INV-1") }

            // A second purchase may not reuse the invoice code; the balance (1,000,000) now covers no second 750,000 course.
            let budi = try KartuPrakerjaNumber("4001000000000002")
            let (second, secondCode) = try await startPurchase(h, participant: budi)
            await expectFailure(.invoiceCodeUsed) { () async throws(PrakerjaAPIError) in
                try await h.dp.authorizePayment(
                    paymentToken: second.paymentToken, otp: secondCode, invoiceURL: "https://dp.example.id/inv/1", invoiceCode: "INV-1")
            }
            await expectFailure(.insufficientBalance) { () async throws(PrakerjaAPIError) in
                try await h.dp.sendPaymentOTP(
                    userPlatformID: "user-1", prakerjaID: Self.siti, courseCode: Self.course,
                    scheduleCode: Self.schedule, amount: 750_000)
            }

            // Void returns the seat and the balance, once; the redeem code's purchase is then cancelled.
            await expectFailure(.transactionNotFound) { () async throws(PrakerjaAPIError) in
                try await h.dp.voidPayment(invoiceCode: "INV-1", transactionCode: "TRX-WRONG")
            }
            #expect(try await h.dp.voidPayment(invoiceCode: "INV-1", transactionCode: paid.transactionCode).status == "CANCELLED")
            await expectFailure(.alreadyCancelled) { () async throws(PrakerjaAPIError) in
                try await h.dp.voidPayment(invoiceCode: "INV-1", transactionCode: paid.transactionCode)
            }
            #expect(try await h.dp.checkQuota(courseCode: Self.course, scheduleCode: Self.schedule).quota == before)
            let cancelled = try #require(await h.sandbox.issuedCodes(provider: "LPKOPI01").first { $0.invoiceCode == "INV-1" })
            #expect(cancelled.status == "transaction-cancelled")
            let cancelledCode = try RedeemCode(cancelled.redeemCode)
            await expectFailure(.transactionCancelled) { () async throws(PrakerjaAPIError) in
                try await h.lp.redeemStatus(code: cancelledCode, sequence: .session(1))
            }
            _ = try await startPurchase(h)  // the refunded balance buys again
            // One platform account per card: the card bought as user-1 on this platform.
            await expectFailure(.cardOnAnotherAccount) { () async throws(PrakerjaAPIError) in
                try await h.dp.sendPaymentOTP(
                    userPlatformID: "another-account", prakerjaID: Self.siti, courseCode: Self.course, scheduleCode: Self.schedule, amount: 750_000)
            }
        }
    }

    @Test func aRedeemedTrainingCannotBeVoided() async throws {
        try await SandboxHarness.run { h in
            let (otp, code) = try await startPurchase(h, schedule: "LPKOPI01-WEB-01-B")
            let paid = try await h.dp.authorizePayment(
                paymentToken: otp.paymentToken, otp: code, invoiceURL: "https://dp.example.id/i/9", invoiceCode: "INV-9")
            let redeem = try RedeemCode(
                try #require(await h.sandbox.issuedCodes(provider: "LPKOPI01").first { $0.invoiceCode == "INV-9" }).redeemCode)
            h.sandbox.clock.advance(by: 7 * 24 * 3600)  // session 1 of schedule B
            try await h.verifyAttendance(redeem, .session(1))
            _ = try await h.lp.commitRedeem(code: redeem)
            await expectFailure(.voidAfterRedeem) { () async throws(PrakerjaAPIError) in
                try await h.dp.voidPayment(invoiceCode: "INV-9", transactionCode: paid.transactionCode)
            }
        }
    }

    @Test func wrongOTPsLockTheTokenAndOTPsExpire() async throws {
        try await SandboxHarness.run { h in
            let (otp, code) = try await startPurchase(h)
            let wrong = code == "000000" ? "111111" : "000000"
            for attemptsLeft in [2, 1] {
                let error = await failure { () async throws(PrakerjaAPIError) in
                    try await h.dp.authorizePayment(
                        paymentToken: otp.paymentToken, otp: wrong, invoiceURL: "https://dp.example.id/i", invoiceCode: "INV-L")
                }
                #expect(error?.is(.wrongOTP) == true)
                #expect(error?.message.contains("\(attemptsLeft) attempt") == true)
            }
            await expectFailure(.otpLocked) { () async throws(PrakerjaAPIError) in
                try await h.dp.authorizePayment(
                    paymentToken: otp.paymentToken, otp: wrong, invoiceURL: "https://dp.example.id/i", invoiceCode: "INV-L")
            }
            await expectFailure(.otpLocked) { () async throws(PrakerjaAPIError) in
                try await h.dp.authorizePayment(
                    paymentToken: otp.paymentToken, otp: code, invoiceURL: "https://dp.example.id/i", invoiceCode: "INV-L")
            }
            let (late, lateCode) = try await startPurchase(h)
            h.sandbox.clock.advance(by: 301)
            await expectFailure(.otpExpired) { () async throws(PrakerjaAPIError) in
                try await h.dp.authorizePayment(
                    paymentToken: late.paymentToken, otp: lateCode, invoiceURL: "https://dp.example.id/i", invoiceCode: "INV-E")
            }
            await expectFailure(.invalidPaymentToken) { () async throws(PrakerjaAPIError) in
                try await h.dp.authorizePayment(paymentToken: "0000", otp: lateCode, invoiceURL: "https://dp.example.id/i", invoiceCode: "INV-E")
            }
            // Another platform cannot use this platform's token.
            let (mine, mineCode) = try await startPurchase(h)
            await expectFailure(.invalidPaymentToken) { () async throws(PrakerjaAPIError) in
                try await h.otherDP.authorizePayment(
                    paymentToken: mine.paymentToken, otp: mineCode, invoiceURL: "https://dp.example.id/i", invoiceCode: "INV-X")
            }
        }
    }

    @Test func sendOTPChecksScheduleParticipantAndAmount() async throws {
        try await SandboxHarness.run { h in
            func otp(
                participant: String = "4001000000000001", course: String = Self.course, schedule: String = Self.schedule,
                amount: Rupiah = 750_000
            ) async -> PrakerjaAPIError? {
                await failure { () async throws(PrakerjaAPIError) in
                    try await h.dp.sendPaymentOTP(
                        userPlatformID: "user-1", prakerjaID: try! KartuPrakerjaNumber(participant),
                        courseCode: course, scheduleCode: schedule, amount: amount)
                }
            }
            #expect(await otp(course: "NO-SUCH-COURSE")?.is(.courseNotFound) == true)
            #expect(await otp(schedule: "LPKOPI01-OFF-01-A")?.is(.scheduleNotFound) == true)
            #expect(await otp(participant: "4001999999999999")?.is(.participantNotFound) == true)
            #expect(await otp(participant: "4001000000000005")?.is(.participantNotEligible) == true)  // 17
            #expect(await otp(participant: "4001000000000006")?.is(.participantNotEligible) == true)  // 65
            #expect(await otp(participant: "4001000000000007")?.is(.insufficientBalance) == true)
            #expect(await otp(amount: 700_000)?.is(.amountMismatch) == true)
            let empty = await otp(course: "", schedule: "")
            #expect(empty?.is(.emptyField) == true)
            #expect(empty.map { "\($0)" }?.contains("course_code, schedule_code") == true, "every empty field is named")
            await expectFailure(.emptyField) { () async throws(PrakerjaAPIError) in
                try await h.dp.checkQuota(courseCode: "", scheduleCode: Self.schedule)
            }
            await expectFailure(.scheduleNotFound) { () async throws(PrakerjaAPIError) in
                try await h.dp.checkQuota(courseCode: Self.course, scheduleCode: "NOPE")
            }
            // Schedule C has one seat: the first purchase takes it.
            let (last, lastCode) = try await startPurchase(h, schedule: "LPKOPI01-WEB-01-C")
            _ = try await h.dp.authorizePayment(
                paymentToken: last.paymentToken, otp: lastCode, invoiceURL: "https://dp.example.id/i/c", invoiceCode: "INV-C")
            #expect(await otp(participant: "4001000000000003", schedule: "LPKOPI01-WEB-01-C")?.is(.quotaExhausted) == true)
            // Schedule A's first session starts in 30 minutes; an hour later it is too late to buy.
            h.sandbox.clock.advance(by: 3600)
            #expect(await otp(participant: "4001000000000004", schedule: "LPKOPI01-WEB-01-A")?.is(.scheduleStarted) == true)
        }
    }

    @Test func fiftyConcurrentAuthorizationsPayOnce() async throws {
        try await SandboxHarness.run { h in
            let quota = try await h.dp.checkQuota(courseCode: Self.course, scheduleCode: Self.schedule).quota
            let (otp, code) = try await startPurchase(h)
            // One instant for all fifty, each a second apart: read per client, the wall clock could
            // cross a second between two of them and give both the same timestamp (a replay).
            let now = Date()
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<50 {
                    let client = h.client(SandboxHarness.dpClient, timestampOffset: -Double(index), from: now)
                    group.addTask {
                        (await failure { () async throws(PrakerjaAPIError) in
                            try await client.authorizePayment(
                                paymentToken: otp.paymentToken, otp: code, invoiceURL: "https://dp.example.id/i/50",
                                invoiceCode: "INV-50")
                        })?.code ?? "success"
                    }
                }
                return await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            }
            #expect(outcomes == ["success": 1, ProgramErrorCode.paymentAlreadyAuthorized.code: 49])
            #expect(try await h.dp.checkQuota(courseCode: Self.course, scheduleCode: Self.schedule).quota == quota - 1)
            #expect(await h.sandbox.issuedCodes(provider: "LPKOPI01").filter { $0.invoiceCode == "INV-50" }.count == 1)
            // Siti's balance was charged once: 250,000 is left, too little for a second course.
            await expectFailure(.insufficientBalance) { () async throws(PrakerjaAPIError) in
                try await h.dp.sendPaymentOTP(
                    userPlatformID: "user-1", prakerjaID: Self.siti, courseCode: "LPKOPI01-LMS-01",
                    scheduleCode: "LPKOPI01-LMS-01-A", amount: 500_000)
            }
        }
    }
}

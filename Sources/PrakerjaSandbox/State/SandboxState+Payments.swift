import Foundation
import PrakerjaClient
import PrakerjaModels

/// Purchases on digital platforms: quota, OTP, authorisation, status and void.
extension SandboxStore {
    /// OTPs live five minutes; three wrong ones lock the payment token.
    static let otpLifetime: TimeInterval = 300
    static let maximumWrongOTPs = 3

    mutating func quota(_ request: QuotaRequest) throws(SandboxFailure) -> Quota {
        try Self.requireFilled(["course_code": request.courseCode, "schedule_code": request.scheduleCode])
        let schedule = try schedule(request.scheduleCode, of: request.courseCode)
        return Quota(scheduleCode: schedule.code, courseCode: schedule.courseCode, quota: schedule.quota)
    }

    mutating func sendOTP(_ request: SendOTPRequest, platform: String) throws(SandboxFailure) -> PaymentOTP {
        try Self.requireFilled([
            "user_platform_id": request.userPlatformID, "course_code": request.courseCode,
            "schedule_code": request.scheduleCode,
        ])
        let schedule = try schedule(request.scheduleCode, of: request.courseCode)
        let course = courses[request.courseCode]!
        guard now < schedule.purchaseDeadline else {
            throw SandboxFailure(.scheduleStarted, "\(schedule.code) closed for purchase at \(ProgramTime.format(schedule.purchaseDeadline))")
        }
        guard schedule.quota > 0 else { throw SandboxFailure(.quotaExhausted, "\(schedule.code) has no seats left") }
        guard let participant = participants[request.prakerjaID.digits] else {
            throw SandboxFailure(.participantNotFound, "no recipient has prakerja_id \(request.prakerjaID.masked)")
        }
        if let account = platformAccounts["\(platform)|\(participant.prakerjaID)"], account != request.userPlatformID {
            throw SandboxFailure(
                .cardOnAnotherAccount,
                "prakerja_id \(request.prakerjaID.masked) buys on \(platform) through another account; one platform account per card")
        }
        let age =
            CalendarDate(now).year - participant.birthDate.year
            - ((CalendarDate(now).month, CalendarDate(now).day) < (participant.birthDate.month, participant.birthDate.day) ? 1 : 0)
        guard (18...64).contains(age) else {
            throw SandboxFailure(.participantNotEligible, "the recipient is \(age); Kartu Prakerja is for ages 18-64")
        }
        guard request.amount.amount == course.price else {
            throw SandboxFailure(.amountMismatch, "amount \(request.amount.amount) is not the price of \(course.code), \(course.price)")
        }
        guard participant.balance >= course.price else {
            throw SandboxFailure(.insufficientBalance, "the training balance is \(participant.balance), below \(course.price)")
        }
        let token = Self.token()
        let otp = String(format: "%06d", Int.random(in: 0...999_999))
        pendingPayments[token] = PendingPayment(
            token: token, platformCode: platform, userPlatformID: request.userPlatformID, participantID: participant.prakerjaID,
            courseCode: course.code,
            scheduleCode: schedule.code, amount: course.price, otp: otp, expiresAt: now + Self.otpLifetime)
        logger.notice(
            "OTP sent by SMS (sandbox: shown here)",
            metadata: [
                "payment_token": "\(token)", "otp": "\(otp)", "phone": "\(participant.phone.masked)",
            ])
        return PaymentOTP(paymentToken: token, expiredAt: ProgramTime.format(now + Self.otpLifetime), phoneNumber: participant.phone.masked)
    }

    mutating func authorize(_ request: AuthorizePaymentRequest, authorization: String?, platform: String) throws(SandboxFailure) -> Payment {
        guard let authorization, authorization.hasPrefix("Payment "), let pending = pendingPayments[String(authorization.dropFirst(8))],
            pending.platformCode == platform
        else {
            throw SandboxFailure(.invalidPaymentToken, "send Authorization: Payment <payment_token> with a token from send-otp")
        }
        let token = pending.token
        guard pending.completedInvoice == nil else {
            throw SandboxFailure(.paymentAlreadyAuthorized, "this payment token already paid invoice \(pending.completedInvoice!)")
        }
        guard pending.wrongAttempts < Self.maximumWrongOTPs else {
            throw SandboxFailure(.otpLocked, "the payment token is locked after \(Self.maximumWrongOTPs) wrong OTPs; start again with send-otp")
        }
        guard now <= pending.expiresAt else { throw SandboxFailure(.otpExpired, "the OTP expired at \(ProgramTime.format(pending.expiresAt))") }
        try Self.requireFilled(["otp": request.otp, "invoice_url": request.invoiceURL, "invoice_code": request.invoiceCode])
        guard request.otp == pending.otp else {
            pendingPayments[token]!.wrongAttempts += 1
            let left = Self.maximumWrongOTPs - pendingPayments[token]!.wrongAttempts
            if left == 0 {
                throw SandboxFailure(.otpLocked, "wrong OTP; the payment token is now locked after \(Self.maximumWrongOTPs) wrong OTPs")
            }
            throw SandboxFailure(.wrongOTP, "wrong OTP; \(left) attempt\(left == 1 ? "" : "s") left")
        }
        guard payments["\(platform)|\(request.invoiceCode)"] == nil else {
            throw SandboxFailure(.invoiceCodeUsed, "invoice_code \(request.invoiceCode) was already used for another payment")
        }
        guard schedules[pending.scheduleCode]!.quota > 0 else {
            throw SandboxFailure(.quotaExhausted, "\(pending.scheduleCode) sold its last seat meanwhile")
        }
        guard participants[pending.participantID]!.balance >= pending.amount else {
            throw SandboxFailure(.insufficientBalance, "the training balance is below \(pending.amount)")
        }
        let account = "\(platform)|\(pending.participantID)"
        if let holder = platformAccounts[account], holder != pending.userPlatformID {
            throw SandboxFailure(.cardOnAnotherAccount, "the card bought on \(platform) through another account meanwhile")
        }
        platformAccounts[account] = pending.userPlatformID
        schedules[pending.scheduleCode]!.quota -= 1
        participants[pending.participantID]!.balance -= pending.amount
        let course = courses[pending.courseCode]!
        var redeemCode = Self.randomCode()
        while redeemCodes[redeemCode] != nil { redeemCode = Self.randomCode() }
        redeemCodes[redeemCode] = RedeemCodeRecord(
            code: redeemCode, providerCode: course.providerCode, courseCode: course.code, scheduleCode: pending.scheduleCode,
            invoiceCode: request.invoiceCode, platformCode: platform, participantID: pending.participantID, state: .active,
            redeemedAt: nil, attendance: [:], isTestCode: false, failsVerification: false)
        let payment = PaymentRecord(
            invoiceCode: request.invoiceCode, transactionCode: "TRX-" + Self.randomCode(length: 10), platformCode: platform,
            participantID: pending.participantID, scheduleCode: pending.scheduleCode, amount: pending.amount, redeemCode: redeemCode,
            createdAt: now)
        payments["\(platform)|\(request.invoiceCode)"] = payment
        pendingPayments[token]!.completedInvoice = request.invoiceCode
        logger.info(
            "payment authorized; redeem code issued",
            metadata: [
                "invoice_code": "\(request.invoiceCode)", "redeem_code": "\(redeemCode)", "provider": "\(course.providerCode)",
            ])
        return view(of: payment, includeCreatedAt: false)
    }

    mutating func paymentStatus(_ request: PaymentStatusRequest, platform: String) throws(SandboxFailure) -> Payment {
        try Self.requireFilled(["invoice_code": request.invoiceCode])
        guard let payment = payments["\(platform)|\(request.invoiceCode)"] else {
            throw SandboxFailure(.invoiceNotFound, "no payment with invoice_code \(request.invoiceCode) on this platform")
        }
        return view(of: payment, includeCreatedAt: true)
    }

    mutating func void(_ request: VoidPaymentRequest, platform: String) throws(SandboxFailure) -> Payment {
        try Self.requireFilled(["invoice_code": request.invoiceCode, "transaction_code": request.transactionCode])
        let key = "\(platform)|\(request.invoiceCode)"
        guard let payment = payments[key], payment.transactionCode == request.transactionCode else {
            throw SandboxFailure(.transactionNotFound, "no transaction \(request.transactionCode) for invoice \(request.invoiceCode)")
        }
        guard !payment.cancelled else { throw SandboxFailure(.alreadyCancelled, "transaction \(request.transactionCode) was already cancelled") }
        guard redeemCodes[payment.redeemCode]?.state != .redeemed else {
            throw SandboxFailure(.voidAfterRedeem, "the training was redeemed; the payment cannot be voided")
        }
        payments[key]!.cancelled = true
        schedules[payment.scheduleCode]!.quota += 1
        participants[payment.participantID]!.balance += payment.amount
        redeemCodes[payment.redeemCode]?.state = .transactionCancelled
        return view(of: payments[key]!, includeCreatedAt: false)
    }

    /// The OTP sent for a payment token (the sandbox's stand-in for the participant's phone).
    mutating func otp(forPaymentToken token: String) -> String? { pendingPayments[token]?.otp }

    private mutating func schedule(_ scheduleCode: String, of courseCode: String) throws(SandboxFailure) -> SandboxSchedule {
        guard courses[courseCode] != nil else { throw SandboxFailure(.courseNotFound, "course \(courseCode.prefix(64)) does not exist") }
        guard let schedule = schedules[scheduleCode], schedule.courseCode == courseCode else {
            throw SandboxFailure(.scheduleNotFound, "schedule \(scheduleCode.prefix(64)) does not exist for course \(courseCode.prefix(64))")
        }
        return schedule
    }

    private mutating func view(of payment: PaymentRecord, includeCreatedAt: Bool) -> Payment {
        Payment(
            invoiceCode: payment.invoiceCode, transactionCode: payment.transactionCode, amount: payment.amount,
            status: payment.cancelled ? "CANCELLED" : "SUCCESS", prakerjaName: participants[payment.participantID]?.name ?? "",
            createdAt: includeCreatedAt ? ProgramTime.format(payment.createdAt) : nil)
    }

    /// ERRPLT40036 for the first field that is empty.
    static func requireFilled(_ fields: KeyValuePairs<String, String>) throws(SandboxFailure) {
        let empty = fields.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.map(\.key)
        if !empty.isEmpty {
            throw SandboxFailure(
                .emptyField,
                "\(empty.joined(separator: ", ")): \(empty.count == 1 ? "a mandatory field is" : "mandatory fields are") missing or empty")
        }
    }
}

import PrakerjaModels

/// `payment/quota-schedule` request.
public struct QuotaRequest: Codable, Sendable, Hashable {
    public let courseCode: String
    public let scheduleCode: String

    public init(courseCode: String, scheduleCode: String) {
        self.courseCode = courseCode
        self.scheduleCode = scheduleCode
    }

    enum CodingKeys: String, CodingKey { case courseCode = "course_code", scheduleCode = "schedule_code" }
}

/// Seats left on a schedule.
public struct Quota: Codable, Sendable, Hashable {
    public let scheduleCode: String
    public let courseCode: String
    public let quota: Int

    public init(scheduleCode: String, courseCode: String, quota: Int) {
        self.scheduleCode = scheduleCode
        self.courseCode = courseCode
        self.quota = quota
    }

    enum CodingKeys: String, CodingKey { case scheduleCode = "schedule_code", courseCode = "course_code", quota }
}

/// `payment/send-otp` request: start a purchase; the program texts the participant an OTP.
public struct SendOTPRequest: Codable, Sendable, Hashable {
    /// The participant's account ID on the platform.
    public let userPlatformID: String
    /// The participant's Kartu Prakerja number.
    public let prakerjaID: KartuPrakerjaNumber
    public let courseCode: String
    public let scheduleCode: String
    /// Whole rupiah; must equal the course's price.
    public let amount: Rupiah

    public init(userPlatformID: String, prakerjaID: KartuPrakerjaNumber, courseCode: String, scheduleCode: String, amount: Rupiah) {
        self.userPlatformID = userPlatformID
        self.prakerjaID = prakerjaID
        self.courseCode = courseCode
        self.scheduleCode = scheduleCode
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey {
        case userPlatformID = "user_platform_id", prakerjaID = "prakerja_id", courseCode = "course_code"
        case scheduleCode = "schedule_code", amount
    }
}

/// The payment token to authorise with, and where the OTP went (masked).
public struct PaymentOTP: Codable, Sendable, Hashable {
    public let paymentToken: String
    public let expiredAt: String
    public let phoneNumber: String

    public init(paymentToken: String, expiredAt: String, phoneNumber: String) {
        self.paymentToken = paymentToken
        self.expiredAt = expiredAt
        self.phoneNumber = phoneNumber
    }

    enum CodingKeys: String, CodingKey { case paymentToken = "payment_token", expiredAt = "expired_at", phoneNumber = "phone_number" }
}

/// `payment/authorize` request, sent with `Authorization: Payment <payment_token>`.
public struct AuthorizePaymentRequest: Codable, Sendable, Hashable {
    public let otp: String
    public let invoiceURL: String
    /// The platform's invoice code; unique.
    public let invoiceCode: String

    public init(otp: String, invoiceURL: String, invoiceCode: String) {
        self.otp = otp
        self.invoiceURL = invoiceURL
        self.invoiceCode = invoiceCode
    }

    enum CodingKeys: String, CodingKey { case otp, invoiceURL = "invoice_url", invoiceCode = "invoice_code" }
}

/// A payment: its invoice, the program's transaction code, and where it stands.
public struct Payment: Codable, Sendable, Hashable {
    public let invoiceCode: String
    public let transactionCode: String
    public let amount: Int64
    /// `SUCCESS` or `CANCELLED`.
    public let status: String
    public let prakerjaName: String
    /// When the payment was made (status only).
    public let createdAt: String?

    public init(invoiceCode: String, transactionCode: String, amount: Int64, status: String, prakerjaName: String, createdAt: String?) {
        self.invoiceCode = invoiceCode
        self.transactionCode = transactionCode
        self.amount = amount
        self.status = status
        self.prakerjaName = prakerjaName
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case invoiceCode = "invoice_code", transactionCode = "transaction_code", amount, status
        case prakerjaName = "prakerja_name", createdAt = "created_at"
    }
}

/// `payment/status` request.
public struct PaymentStatusRequest: Codable, Sendable, Hashable {
    public let invoiceCode: String

    public init(invoiceCode: String) { self.invoiceCode = invoiceCode }

    enum CodingKeys: String, CodingKey { case invoiceCode = "invoice_code" }
}

/// `payment/void` request.
public struct VoidPaymentRequest: Codable, Sendable, Hashable {
    public let invoiceCode: String
    public let transactionCode: String

    public init(invoiceCode: String, transactionCode: String) {
        self.invoiceCode = invoiceCode
        self.transactionCode = transactionCode
    }

    enum CodingKeys: String, CodingKey { case invoiceCode = "invoice_code", transactionCode = "transaction_code" }
}

import Foundation

/// A training purchase on a digital platform, paid from the recipient's training balance.
public struct Invoice: Hashable, Sendable, Codable {
    public let code: String
    /// The program's transaction code, once the payment is authorised.
    public let transactionCode: String?
    public let courseCode: String
    public let scheduleCode: String
    public let amount: Rupiah
    public let status: InvoiceStatus
    public let createdAt: Date

    public init(
        code: String, transactionCode: String?, courseCode: String, scheduleCode: String,
        amount: Rupiah, status: InvoiceStatus, createdAt: Date
    ) throws(FieldError) {
        self.code = try Identifier.validated(code, field: "code")
        self.transactionCode = try transactionCode.map { (value) throws(FieldError) in try Identifier.validated(value, field: "transactionCode") }
        self.courseCode = try Identifier.validated(courseCode, field: "courseCode")
        self.scheduleCode = try Identifier.validated(scheduleCode, field: "scheduleCode")
        guard amount > .zero else { throw FieldError(field: "amount", reason: "must be more than Rp0") }
        if status == .success, transactionCode == nil {
            throw FieldError(field: "transactionCode", reason: "is required once the invoice is paid")
        }
        self.amount = amount
        self.status = status
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey { case code, transactionCode, courseCode, scheduleCode, amount, status, createdAt }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let code = try c.decode(String.self, forKey: .code)
        let transaction = try c.decodeIfPresent(String.self, forKey: .transactionCode)
        let course = try c.decode(String.self, forKey: .courseCode), schedule = try c.decode(String.self, forKey: .scheduleCode)
        let amount = try c.decode(Rupiah.self, forKey: .amount), status = try c.decode(InvoiceStatus.self, forKey: .status)
        let created = try c.decodeTimestamp(forKey: .createdAt)
        self = try c.validate { () throws(FieldError) in
            try Invoice(
                code: code, transactionCode: transaction, courseCode: course, scheduleCode: schedule,
                amount: amount, status: status, createdAt: created)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encodeIfPresent(transactionCode, forKey: .transactionCode)
        try c.encode(courseCode, forKey: .courseCode)
        try c.encode(scheduleCode, forKey: .scheduleCode)
        try c.encode(amount, forKey: .amount)
        try c.encode(status, forKey: .status)
        try c.encodeTimestamp(createdAt, forKey: .createdAt)
    }
}

/// Where a purchase stands.
public enum InvoiceStatus: String, Sendable, Codable, CaseIterable, WireEnumeration {
    /// Waiting for the participant's OTP.
    case pending = "PENDING"
    /// Paid: the seat is taken and the balance is charged.
    case success = "SUCCESS"
    /// Voided by the platform; the balance is returned.
    case cancelled = "CANCELLED"
    /// Authorisation failed.
    case failed = "FAILED"
}

import Foundation
import PrakerjaClient
import PrakerjaModels

/// A Kartu Prakerja recipient the sandbox knows.
struct Participant: Sendable {
    let prakerjaID: String
    let name: String
    let email: String
    let phone: PhoneNumber
    let birthDate: CalendarDate
    var balance: Int64
}

/// A course an LP offers.
struct SandboxCourse: Sendable {
    let code: String
    let providerCode: String
    let title: String
    let method: LearningMethod
    let price: Int64
}

/// A dated run of a course: live sessions, or a self-paced period.
struct SandboxSchedule: Sendable {
    let code: String
    let courseCode: String
    /// Start and end of each live session, in order; empty for self-paced.
    let sessions: [(start: Date, end: Date)]
    /// For self-paced courses: when learning may start and must end.
    let period: (start: Date, end: Date)
    var quota: Int

    /// When buying closes: the first live session's start, or the end of a self-paced period.
    var purchaseDeadline: Date { sessions.first?.start ?? period.end }
}

/// A redeem code and everything that happened to it.
struct RedeemCodeRecord: Sendable {
    enum State: String, Sendable {
        case active, redeemed, cancelled
        case transactionCancelled = "transaction-cancelled"
    }

    enum Attendance: Int, Sendable {
        case notVerified = 0, verified = 1, failed = 2
    }

    let code: String
    let providerCode: String
    let courseCode: String
    let scheduleCode: String
    let invoiceCode: String
    let platformCode: String
    let participantID: String
    var state: State
    var redeemedAt: Date?
    /// Attendance per sequence (1-10, 999).
    var attendance: [Int: Attendance]
    /// Test codes skip the usage window; some fail verification on purpose.
    let isTestCode: Bool
    let failsVerification: Bool

    func attendance(_ sequence: Int) -> Attendance { attendance[sequence] ?? .notVerified }
}

/// A purchase in progress: the OTP sent and the attempts made.
struct PendingPayment: Sendable {
    let token: String
    let platformCode: String
    /// The platform's account for the buyer (`user_platform_id`).
    let userPlatformID: String
    let participantID: String
    let courseCode: String
    let scheduleCode: String
    let amount: Int64
    let otp: String
    let expiresAt: Date
    var wrongAttempts = 0
    var completedInvoice: String?
}

/// A completed purchase.
struct PaymentRecord: Sendable {
    let invoiceCode: String
    let transactionCode: String
    let platformCode: String
    let participantID: String
    let scheduleCode: String
    let amount: Int64
    let redeemCode: String
    let createdAt: Date
    var cancelled = false
}

/// A pending attendance verification, waiting for the participant's browser.
struct AttendanceVerification: Sendable {
    let recordKey: String
    let sequence: Int
    let redirectURI: String
    let email: String
}

/// A task submission and its feedback.
struct TaskRecord: Sendable {
    let scope: TaskScope
    let sequence: Int
    var fileURL: String
    var submittedAt: Date
    var feedback: TaskStatus.Feedback?
}

/// A consent given on the SSO page, waiting to be exchanged.
struct SSOGrant: Sendable {
    let platformCode: String
    let participantID: String
    let scopes: Set<String>
    let expiresAt: Date
    var used = false
}

/// An access token for a participant's profile.
struct SSOSession: Sendable {
    let platformCode: String
    let participantID: String
    let scopes: Set<String>
    let expiresAt: Date
}

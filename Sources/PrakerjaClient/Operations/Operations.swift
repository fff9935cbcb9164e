/// Every endpoint of the program's integration API (`DOMAIN.md` section 3).
public enum Operations {
    // Training institutions (LP).
    public static let redeemStatus = Operation<RedeemStatusRequest, RedeemStatus>(
        "redeem-status", "payment/redeem-code/status", role: .lp, safeToRetry: true)
    public static let commitRedeem = Operation<RedeemCodeRequest, RedeemCodeState>(
        "commit-redeem", "payment/redeem-code/commit", role: .lp)
    public static let resetTestCode = Operation<RedeemCodeRequest, RedeemCodeState>(
        "reset-test-code", "payment/redeem-code/reset", role: .lp)
    public static let attendanceURL = Operation<AttendanceURLRequest, AttendanceURL>(
        "attendance-url", "oauth/url-generate", role: .lp)
    public static let submitTask = Operation<TaskSubmissionRequest, TaskStatus>(
        "submit-task", "tpm/submission", role: .lp)
    public static let taskStatus = Operation<TaskReference, TaskStatus>(
        "task-status", "tpm/submission/status", role: .lp, safeToRetry: true)
    public static let sendTaskFeedback = Operation<TaskFeedbackRequest, TaskStatus>(
        "send-task-feedback", "tpm/feedback/submission", role: .lp)

    // Digital platforms (DP).
    public static let checkQuota = Operation<QuotaRequest, Quota>(
        "check-quota", "payment/quota-schedule", role: .dp, safeToRetry: true)
    public static let sendPaymentOTP = Operation<SendOTPRequest, PaymentOTP>(
        "send-payment-otp", "payment/send-otp", role: .dp)
    public static let authorizePayment = Operation<AuthorizePaymentRequest, Payment>(
        "authorize-payment", "payment/authorize", role: .dp)
    public static let paymentStatus = Operation<PaymentStatusRequest, Payment>(
        "payment-status", "payment/status", role: .dp, safeToRetry: true)
    public static let voidPayment = Operation<VoidPaymentRequest, Payment>(
        "void-payment", "payment/void", role: .dp)
    public static let exchangeSSOCode = Operation<SSOTokenRequest, SSOToken>(
        "exchange-sso-code", "sso/token", role: .dp)
    public static let userProfile = Operation<SSOProfileRequest, UserProfile>(
        "user-profile", "sso/profile", role: .dp, safeToRetry: true)

    public static let all: [any AnyOperation] = [
        redeemStatus, commitRedeem, resetTestCode, attendanceURL, submitTask, taskStatus, sendTaskFeedback,
        checkQuota, sendPaymentOTP, authorizePayment, paymentStatus, voidPayment, exchangeSSOCode, userProfile,
    ]

    public static func named(_ id: String) -> (any AnyOperation)? { all.first { $0.id == id } }
}

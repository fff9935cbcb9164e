/// Every endpoint of the program's integration API (`DOMAIN.md` section 3).
public enum Operations {
    // Training institutions (LP).
    public static let redeemStatus = IntegrationOperation<RedeemStatusRequest, RedeemStatus>(
        "redeem-status", "payment/redeem-code/status", role: .lp, safeToRetry: true)
    public static let commitRedeem = IntegrationOperation<RedeemCodeRequest, RedeemCodeState>(
        "commit-redeem", "payment/redeem-code/commit", role: .lp)
    public static let resetTestCode = IntegrationOperation<RedeemCodeRequest, RedeemCodeState>(
        "reset-test-code", "payment/redeem-code/reset", role: .lp)
    public static let attendanceURL = IntegrationOperation<AttendanceURLRequest, AttendanceURL>(
        "attendance-url", "oauth/url-generate", role: .lp)
    public static let submitTask = IntegrationOperation<TaskSubmissionRequest, TaskStatus>(
        "submit-task", "tpm/submission", role: .lp)
    public static let taskStatus = IntegrationOperation<TaskReference, TaskStatus>(
        "task-status", "tpm/submission/status", role: .lp, safeToRetry: true)
    public static let sendTaskFeedback = IntegrationOperation<TaskFeedbackRequest, TaskStatus>(
        "send-task-feedback", "tpm/feedback/submission", role: .lp)

    // Digital platforms (DP).
    public static let checkQuota = IntegrationOperation<QuotaRequest, Quota>(
        "check-quota", "payment/quota-schedule", role: .dp, safeToRetry: true)
    public static let sendPaymentOTP = IntegrationOperation<SendOTPRequest, PaymentOTP>(
        "send-payment-otp", "payment/send-otp", role: .dp)
    public static let authorizePayment = IntegrationOperation<AuthorizePaymentRequest, Payment>(
        "authorize-payment", "payment/authorize", role: .dp)
    public static let paymentStatus = IntegrationOperation<PaymentStatusRequest, Payment>(
        "payment-status", "payment/status", role: .dp, safeToRetry: true)
    public static let voidPayment = IntegrationOperation<VoidPaymentRequest, Payment>(
        "void-payment", "payment/void", role: .dp)
    public static let exchangeSSOCode = IntegrationOperation<SSOTokenRequest, SSOToken>(
        "exchange-sso-code", "sso/token", role: .dp)
    public static let userProfile = IntegrationOperation<SSOProfileRequest, UserProfile>(
        "user-profile", "sso/profile", role: .dp, safeToRetry: true)

    public static let all: [any AnyIntegrationOperation] = [
        redeemStatus, commitRedeem, resetTestCode, attendanceURL, submitTask, taskStatus, sendTaskFeedback,
        checkQuota, sendPaymentOTP, authorizePayment, paymentStatus, voidPayment, exchangeSSOCode, userProfile,
    ]

    public static func named(_ id: String) -> (any AnyIntegrationOperation)? { all.first { $0.id == id } }
}

/// An error code of the program's integration API, with the HTTP status it comes with and what it means.
///
/// The catalogue below is what `Specs/prakerja-integration.openapi.yaml` documents and what the
/// sandbox returns. The real program may return codes not listed here; `PrakerjaAPIError` keeps
/// any code as a string.
public struct ProgramErrorCode: Hashable, Sendable, CustomStringConvertible {
    public let code: String
    public let httpStatus: Int
    public let meaning: String

    package init(_ code: String, _ httpStatus: Int, _ meaning: String) {
        self.code = code
        self.httpStatus = httpStatus
        self.meaning = meaning
    }

    public var description: String { code }

    // Authentication (the three signature headers).
    public static let missingHeader = ProgramErrorCode("ERRAUT40101", 401, "a signature header (client_code, timestamp, signature) is missing")
    public static let unknownClient = ProgramErrorCode("ERRAUT40102", 401, "the client_code is not registered")
    public static let malformedTimestamp = ProgramErrorCode("ERRAUT40103", 401, "the timestamp header is not Unix seconds")
    public static let staleTimestamp = ProgramErrorCode("ERRAUT40104", 401, "the timestamp is more than 300 seconds from the server's clock")
    public static let malformedSignature = ProgramErrorCode("ERRAUT40105", 401, "the signature header is not 40 lowercase hex digits")
    public static let signatureMismatch = ProgramErrorCode("ERRAUT40106", 401, "the signature does not match the request")
    public static let replayedRequest = ProgramErrorCode("ERRAUT40107", 401, "this signed request was already received")
    public static let roleNotAllowed = ProgramErrorCode("ERRAUT40301", 403, "the client's role (LP or DP) may not call this endpoint")

    // The request itself.
    public static let malformedJSON = ProgramErrorCode("ERRREQ40001", 400, "the body is not a JSON object")
    public static let invalidField = ProgramErrorCode("ERRREQ40002", 400, "a field has the wrong type or format")
    public static let bodyTooLarge = ProgramErrorCode("ERRREQ41301", 413, "the body is larger than 1 MiB")
    public static let unknownEndpoint = ProgramErrorCode("ERRREQ40401", 404, "no such endpoint")
    public static let methodNotAllowed = ProgramErrorCode("ERRREQ40501", 405, "endpoints accept POST only")
    public static let emptyField = ProgramErrorCode("ERRPLT40036", 400, "a mandatory field is missing or empty")

    // Redeem codes.
    public static let redeemCodeNotFound = ProgramErrorCode("ERRRDM40001", 400, "the redeem code does not exist")
    public static let wrongTrainingType = ProgramErrorCode(
        "ERRRDM40002", 400, "the sequence does not fit the training type (a self-paced course has only sessions 1 and 999)")
    public static let notThisProvidersCode = ProgramErrorCode("ERRRDM40003", 400, "the redeem code belongs to another training institution")
    public static let redeemCodeCancelled = ProgramErrorCode("ERRRDM40004", 400, "the redeem code was cancelled")
    public static let transactionCancelled = ProgramErrorCode("ERRRDM40005", 400, "the purchase behind the redeem code was cancelled")
    public static let alreadyUsed = ProgramErrorCode("ERRRDM40006", 400, "the redeem code was already used (committed)")
    public static let outsideUsageWindow = ProgramErrorCode(
        "ERRRDM40007", 400, "the code is usable only from 1 hour before to 1 hour after the session start")
    public static let sequenceOutOfOrder = ProgramErrorCode("ERRRDM40008", 400, "the previous session's attendance is not verified")
    public static let postTestTooEarly = ProgramErrorCode("ERRRDM40009", 400, "the post-test (999) comes after every session is attended and over")
    public static let noSuchSession = ProgramErrorCode("ERRRDM40010", 400, "the course has no session with this sequence")
    public static let notRedeemed = ProgramErrorCode("ERRRDM40011", 400, "the redeem code must be committed after session 1 first")
    public static let attendanceNotVerified = ProgramErrorCode("ERRRDM40012", 400, "session 1 attendance must be verified before the commit")
    public static let notATestCode = ProgramErrorCode("ERRRDM40013", 400, "only PRAT- test codes can be reset, and only in the sandbox")

    // Attendance verification.
    public static let emailAlreadyUsed = ProgramErrorCode("ERRATT40001", 400, "the email was already used by another participant for this course")
    public static let invalidRedirectURI = ProgramErrorCode("ERRATT40002", 400, "redirect_uri must be an absolute http or https URL")
    public static let attendanceAlreadyVerified = ProgramErrorCode("ERRATT40003", 400, "attendance for this sequence is already verified")
    public static let invalidEmail = ProgramErrorCode("ERRATT40004", 400, "email is not an e-mail address")

    // Self-practice tasks (TPM) and practical skills tests (UK).
    public static let scopeSequenceMismatch = ProgramErrorCode("ERRTPM40001", 400, "scope tpm takes sequences 1-998, scope uk takes 999")
    public static let taskNotFound = ProgramErrorCode("ERRTPM40002", 400, "no submission for this redeem code, scope and sequence")
    public static let invalidFileURL = ProgramErrorCode("ERRTPM40003", 400, "url_file must be an https URL")
    public static let postTestNotAttended = ProgramErrorCode(
        "ERRTPM40004", 400, "a practical skills test (uk) needs the post-test attendance verified")
    public static let taskAlreadyReviewed = ProgramErrorCode("ERRTPM40005", 400, "the submission already has the LP's feedback")

    // Digital-platform payments.
    public static let courseNotFound = ProgramErrorCode("ERRPLT40001", 400, "the course does not exist")
    public static let scheduleNotFound = ProgramErrorCode("ERRPLT40002", 400, "the schedule does not exist for this course")
    public static let scheduleStarted = ProgramErrorCode("ERRPLT40003", 400, "a training must be bought before its schedule starts")
    public static let quotaExhausted = ProgramErrorCode("ERRPLT40004", 400, "the schedule has no seats left")
    public static let participantNotFound = ProgramErrorCode("ERRPLT40005", 400, "no Kartu Prakerja recipient has this prakerja_id")
    public static let participantNotEligible = ProgramErrorCode("ERRPLT40006", 400, "the recipient is outside the ages 18-64")
    public static let insufficientBalance = ProgramErrorCode("ERRPLT40007", 400, "the recipient's training balance is below the amount")
    public static let amountMismatch = ProgramErrorCode("ERRPLT40008", 400, "the amount is not the course's price")
    public static let invalidPaymentToken = ProgramErrorCode(
        "ERRPLT40009", 400, "the Authorization: Payment token is missing, unknown or another platform's")
    public static let wrongOTP = ProgramErrorCode("ERRPLT40010", 400, "the OTP is wrong")
    public static let otpLocked = ProgramErrorCode("ERRPLT40011", 400, "three wrong OTPs: the payment token is locked")
    public static let otpExpired = ProgramErrorCode("ERRPLT40012", 400, "the OTP expired (5 minutes)")
    public static let invoiceCodeUsed = ProgramErrorCode("ERRPLT40013", 400, "the invoice_code was already used for another payment")
    public static let invoiceNotFound = ProgramErrorCode("ERRPLT40014", 400, "no payment with this invoice_code for this platform")
    public static let paymentAlreadyAuthorized = ProgramErrorCode("ERRPLT40015", 400, "the payment token was already used for a successful payment")
    public static let cardOnAnotherAccount = ProgramErrorCode(
        "ERRPLT40016", 400, "the card already buys on this platform through another account (one platform account per card)")
    public static let alreadyCancelled = ProgramErrorCode("ERRPLT40028", 400, "the transaction was already cancelled")
    public static let transactionNotFound = ProgramErrorCode("ERRVOD40001", 400, "no transaction with this invoice_code and transaction_code")
    public static let voidAfterRedeem = ProgramErrorCode("ERRVOD40002", 400, "the training was already redeemed, so the payment cannot be voided")

    // Single sign-on.
    public static let invalidSSOCode = ProgramErrorCode("ERRSSO40001", 400, "the SSO code is unknown, expired or for another client")
    public static let ssoCodeUsed = ProgramErrorCode("ERRSSO40002", 400, "the SSO code was already exchanged")
    public static let invalidAccessToken = ProgramErrorCode("ERRSSO40003", 400, "the access token is unknown, expired or for another client")

    /// Every code in the catalogue.
    public static let all: [ProgramErrorCode] = [
        missingHeader, unknownClient, malformedTimestamp, staleTimestamp, malformedSignature, signatureMismatch, replayedRequest,
        roleNotAllowed, malformedJSON, invalidField, bodyTooLarge, unknownEndpoint, methodNotAllowed, emptyField,
        redeemCodeNotFound, wrongTrainingType, notThisProvidersCode, redeemCodeCancelled, transactionCancelled, alreadyUsed,
        outsideUsageWindow, sequenceOutOfOrder, postTestTooEarly, noSuchSession, notRedeemed, attendanceNotVerified, notATestCode,
        emailAlreadyUsed, invalidRedirectURI, attendanceAlreadyVerified, invalidEmail,
        scopeSequenceMismatch, taskNotFound, invalidFileURL, postTestNotAttended, taskAlreadyReviewed,
        courseNotFound, scheduleNotFound, scheduleStarted, quotaExhausted, participantNotFound, participantNotEligible,
        insufficientBalance, amountMismatch, invalidPaymentToken, wrongOTP, otpLocked, otpExpired, invoiceCodeUsed,
        invoiceNotFound, paymentAlreadyAuthorized, cardOnAnotherAccount, alreadyCancelled, transactionNotFound, voidAfterRedeem,
        invalidSSOCode, ssoCodeUsed, invalidAccessToken,
    ]
}

import Foundation
import Logging
import PrakerjaModels
import PrakerjaSigning

/// A typed client for the program's integration API, for training institutions (LP) and digital
/// platforms (DP).
///
/// Every request is encoded once and signed over exactly the bytes sent, with a fresh timestamp
/// per attempt. Status and quota queries are retried on transient faults (see `RetryPolicy`);
/// nothing that changes state is ever retried. Failures are `PrakerjaAPIError`s carrying the
/// program's code. Logs go to the `Logger` given, with personal data and secrets masked.
public struct PrakerjaClient: Sendable {
    public let environment: PrakerjaEnvironment
    public let clientCode: String
    private let signer: UniqueProgramSigner
    private let transport: any PrakerjaTransport
    private let retryPolicy: RetryPolicy
    private let timeout: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - timeout: the default per-call timeout; each method takes its own too.
    ///   - logger: where requests, responses and retries are logged, at debug level, with personal data
    ///     masked; silent by default. Each call may pass its own (with its request's metadata).
    public init(
        environment: PrakerjaEnvironment, clientCode: String, signKey: String,
        transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared, retryPolicy: RetryPolicy = .standard,
        timeout: Duration = .seconds(15), clock: SigningClock = .system,
        logger: Logger = Logger(label: "prakerja.client", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.environment = environment
        self.clientCode = clientCode
        self.signer = UniqueProgramSigner(clientCode: clientCode, signKey: signKey, clock: clock, sleep: retryPolicy.sleep)
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.timeout = timeout
        self.logger = logger
    }

    // MARK: Training institutions

    /// A redeem code's status for a session (1-10) or the post-test (999). Retried on transient faults.
    public func redeemStatus(
        code: RedeemCode, sequence: AttendanceSequence, timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> RedeemStatus {
        try await send(Operations.redeemStatus, RedeemStatusRequest(redeemCode: code, sequence: sequence), timeout: timeout, logger: logger)
    }

    /// Declares the code used, once, after session 1's attendance is verified. Never retried.
    public func commitRedeem(code: RedeemCode, timeout: Duration? = nil, logger: Logger? = nil) async throws(PrakerjaAPIError) -> RedeemCodeState {
        try await send(Operations.commitRedeem, RedeemCodeRequest(redeemCode: code), timeout: timeout, logger: logger)
    }

    /// The page where the participant verifies attendance; they return to `redirectURI` with `state`.
    public func attendanceVerificationURL(
        code: RedeemCode, sequence: AttendanceSequence, redirectURI: String, email: String,
        timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> AttendanceURL {
        try await send(
            Operations.attendanceURL,
            AttendanceURLRequest(redeemCode: code, redirectURI: redirectURI, email: email, sequence: sequence), timeout: timeout, logger: logger)
    }

    /// Submits a participant's self-practice task (`tpm`, 1-998) or practical skills test (`uk`, 999).
    public func submitTask(
        code: RedeemCode, scope: TaskScope, sequence: Int, fileURL: String,
        timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> TaskStatus {
        try await send(
            Operations.submitTask, TaskSubmissionRequest(redeemCode: code, scope: scope, sequence: sequence, urlFile: fileURL),
            timeout: timeout, logger: logger)
    }

    /// A submission and its feedback. Retried on transient faults.
    public func taskStatus(
        code: RedeemCode, scope: TaskScope, sequence: Int, timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> TaskStatus {
        try await send(Operations.taskStatus, TaskReference(redeemCode: code, scope: scope, sequence: sequence), timeout: timeout, logger: logger)
    }

    /// Sends the LP's feedback on a submission.
    public func sendTaskFeedback(
        code: RedeemCode, scope: TaskScope, sequence: Int, notes: String, fileURL: String? = nil,
        timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> TaskStatus {
        try await send(
            Operations.sendTaskFeedback,
            TaskFeedbackRequest(redeemCode: code, scope: scope, sequence: sequence, notes: notes, urlFile: fileURL), timeout: timeout, logger: logger)
    }

    /// Resets a `PRAT-` test code to its scenario's start (sandbox only).
    public func resetTestCode(code: RedeemCode, timeout: Duration? = nil, logger: Logger? = nil) async throws(PrakerjaAPIError) -> RedeemCodeState {
        try await send(Operations.resetTestCode, RedeemCodeRequest(redeemCode: code), timeout: timeout, logger: logger)
    }

    // MARK: Digital platforms

    /// Seats left on a schedule. Retried on transient faults.
    public func checkQuota(
        courseCode: String, scheduleCode: String, timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> Quota {
        try await send(Operations.checkQuota, QuotaRequest(courseCode: courseCode, scheduleCode: scheduleCode), timeout: timeout, logger: logger)
    }

    /// Starts a purchase: the program texts the participant an OTP and returns the payment token.
    public func sendPaymentOTP(
        userPlatformID: String, prakerjaID: KartuPrakerjaNumber, courseCode: String, scheduleCode: String,
        amount: Rupiah, timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> PaymentOTP {
        try await send(
            Operations.sendPaymentOTP,
            SendOTPRequest(
                userPlatformID: userPlatformID, prakerjaID: prakerjaID, courseCode: courseCode,
                scheduleCode: scheduleCode, amount: amount), timeout: timeout, logger: logger)
    }

    /// Completes a purchase with the participant's OTP. Never retried: check `paymentStatus` after a timeout.
    public func authorizePayment(
        paymentToken: String, otp: String, invoiceURL: String, invoiceCode: String,
        timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> Payment {
        try await send(
            Operations.authorizePayment, AuthorizePaymentRequest(otp: otp, invoiceURL: invoiceURL, invoiceCode: invoiceCode),
            headers: [("Authorization", "Payment \(paymentToken)")], timeout: timeout, logger: logger)
    }

    /// A payment by invoice code. Retried on transient faults.
    public func paymentStatus(invoiceCode: String, timeout: Duration? = nil, logger: Logger? = nil) async throws(PrakerjaAPIError) -> Payment {
        try await send(Operations.paymentStatus, PaymentStatusRequest(invoiceCode: invoiceCode), timeout: timeout, logger: logger)
    }

    /// Cancels a payment; the seat and the balance are returned.
    public func voidPayment(
        invoiceCode: String, transactionCode: String, timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> Payment {
        try await send(
            Operations.voidPayment, VoidPaymentRequest(invoiceCode: invoiceCode, transactionCode: transactionCode), timeout: timeout, logger: logger)
    }

    /// Where to send a participant to consent to sharing their profile (no request is made).
    public func ssoConsentURL(redirectURI: String, state: String, scope: [String] = ["name", "email", "prakerjaid", "notelp"]) -> String {
        var components = URLComponents(string: environment.baseURL + "/sso/authorize")!
        components.queryItems = [
            URLQueryItem(name: "client_id", value: clientCode), URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "scope", value: scope.joined(separator: " ")), URLQueryItem(name: "state", value: state),
        ]
        return components.string!
    }

    /// Exchanges the code from the consent redirect for tokens.
    public func exchangeSSOCode(_ code: String, timeout: Duration? = nil, logger: Logger? = nil) async throws(PrakerjaAPIError) -> SSOToken {
        try await send(Operations.exchangeSSOCode, SSOTokenRequest(code: code), timeout: timeout, logger: logger)
    }

    /// The consenting participant's profile. Retried on transient faults.
    public func userProfile(accessToken: String, timeout: Duration? = nil, logger: Logger? = nil) async throws(PrakerjaAPIError) -> UserProfile {
        try await send(Operations.userProfile, SSOProfileRequest(accessToken: accessToken), timeout: timeout, logger: logger)
    }

    // MARK: Any operation

    /// Calls `operation` with `request`, returning the envelope's `data`.
    public func send<Request, Response>(
        _ operation: IntegrationOperation<Request, Response>, _ request: Request,
        headers: [(String, String)] = [], timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> Response {
        let body: [UInt8]
        do {
            body = try StreamingJSONEncoder().encode(request)
        } catch {
            throw PrakerjaAPIError(kind: .invalidRequest, message: "cannot encode the request: \(error)", operation: operation.id)
        }
        let (response, attempts) = try await exchange(
            operation, body: body, headers: headers, timeout: timeout ?? self.timeout,
            logger: logger ?? self.logger)
        do {
            return try Self.decoder.decode(SuccessEnvelope<Response>.self, from: response.body).data
        } catch {
            if let failure = Self.error(in: response, operation: operation.id, attempts: attempts) { throw failure }
            throw PrakerjaAPIError(
                kind: .undecodable, message: "success envelope does not match the contract: \(Self.describe(error))",
                httpStatus: response.status, operation: operation.id, attempts: attempts)
        }
    }

    /// Decodes a request of `type` from JSON (validating it) and encodes it as the client sends requests.
    package static func encodeRequest(decoding type: any (Codable & Sendable).Type, from json: [UInt8]) throws -> [UInt8] {
        try StreamingJSONEncoder().encode(try decoder.decode(type, from: json))
    }

    /// Calls `operation` with a body already encoded (by `prakerja api`); returns the success envelope's bytes.
    public func sendEncoded(
        _ operation: any AnyIntegrationOperation, body: [UInt8], headers: [(String, String)] = [],
        timeout: Duration? = nil, logger: Logger? = nil
    ) async throws(PrakerjaAPIError) -> [UInt8] {
        let (response, attempts) = try await exchange(
            operation, body: body, headers: headers, timeout: timeout ?? self.timeout,
            logger: logger ?? self.logger)
        if let failure = Self.error(in: response, operation: operation.id, attempts: attempts) { throw failure }
        return response.body
    }

    /// Sends, retrying when allowed, and returns a 2xx response (the caller decodes it) or throws the error a non-2xx response carried.
    private func exchange(
        _ operation: any AnyIntegrationOperation, body: [UInt8], headers: [(String, String)],
        timeout: Duration, logger: Logger
    ) async throws(PrakerjaAPIError) -> (response: TransportResponse, attempts: Int) {
        let url = environment.baseURL + operation.path
        let maximumAttempts = operation.isSafeToRetry ? retryPolicy.maximumAttempts : 1
        var attempt = 0
        while true {
            attempt += 1
            let signed = await signer.headers(method: "POST", path: operation.path, body: body)
            let request = TransportRequest(method: "POST", url: url, headers: signed.fields + headers.map { ($0.0, $0.1) }, body: body)
            logger.debug(
                "prakerja request",
                metadata: [
                    "operation": "\(operation.id)", "attempt": "\(attempt)", "client_code": "\(clientCode)",
                    "body": "\(PersonalDataRedactor.redactJSON(String(decoding: body, as: UTF8.self)))",
                ])
            let started = ContinuousClock.now
            let outcome: Result<TransportResponse, TransportError>
            do { outcome = .success(try await transport.send(request, timeout: timeout)) } catch { outcome = .failure(error) }
            let retryAfter: Duration?
            let failure: PrakerjaAPIError
            switch outcome {
            case .success(let response):
                logger.debug(
                    "prakerja response",
                    metadata: [
                        "operation": "\(operation.id)", "attempt": "\(attempt)", "status": "\(response.status)",
                        "duration": "\(ContinuousClock.now - started)",
                        "body": "\(PersonalDataRedactor.redactJSON(String(decoding: response.body.prefix(4096), as: UTF8.self)))",
                    ])
                if (200..<300).contains(response.status) { return (response, attempt) }
                let error =
                    Self.error(in: response, operation: operation.id, attempts: attempt)
                    ?? PrakerjaAPIError(
                        kind: .undecodable, message: "success envelope with HTTP \(response.status)",
                        httpStatus: response.status, operation: operation.id, attempts: attempt,
                        responseBody: String(decoding: response.body.prefix(4096), as: UTF8.self))
                guard RetryPolicy.transientStatuses.contains(response.status) else { throw error }
                failure = error
                retryAfter = RetryPolicy.retryAfter(response.header("Retry-After"))
            case .failure(let error):
                failure = PrakerjaAPIError(error, operation: operation.id, attempts: attempt)
                retryAfter = nil
                logger.debug("prakerja no response", metadata: ["operation": "\(operation.id)", "attempt": "\(attempt)", "error": "\(error)"])
            }
            guard attempt < maximumAttempts else { throw failure }
            let delay = retryPolicy.delay(after: attempt, retryAfter: retryAfter)
            logger.debug("prakerja retry", metadata: ["operation": "\(operation.id)", "delay": "\(delay)", "reason": "\(failure.message)"])
            do { try await retryPolicy.sleep(delay) } catch { throw failure }
        }
    }

    /// The error a response carries, or nil for a success envelope.
    private static func error(in response: TransportResponse, operation: String, attempts: Int) -> PrakerjaAPIError? {
        let data = response.body
        let body = String(decoding: response.body.prefix(4096), as: UTF8.self)
        guard let kind = try? decoder.decode(EnvelopeKind.self, from: data) else {
            let snippet = String(decoding: response.body.prefix(120), as: UTF8.self)
            let location = response.header("Location").map { ", redirect to \($0) not followed" } ?? ""
            return PrakerjaAPIError(
                kind: .undecodable, message: "not the program's JSON envelope\(location): \(snippet)",
                httpStatus: response.status, operation: operation, attempts: attempts, responseBody: body)
        }
        if kind.success { return nil }
        guard let envelope = try? decoder.decode(ErrorEnvelope.self, from: data) else {
            return PrakerjaAPIError(
                kind: .undecodable, message: "error envelope without a code and message",
                httpStatus: response.status, operation: operation, attempts: attempts, responseBody: body)
        }
        return PrakerjaAPIError(
            kind: .refused, code: envelope.code, message: envelope.message, httpStatus: response.status,
            operation: operation, attempts: attempts, responseBody: body)
    }

    private static func describe(_ error: any Error) -> String {
        (error as? DecodingError).map { FieldError($0).description } ?? String(describing: error)
    }

    static let decoder = CompactJSONDecoder()
}

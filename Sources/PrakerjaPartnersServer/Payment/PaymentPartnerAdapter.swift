import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning

/// Serves a `PaymentPartnerService` as the SNAP BI contract of `Specs/payment-partner.openapi.yaml`.
///
/// The adapter owns everything that is protocol, so an implementation holds only its accounts and
/// ledger: B2B tokens (SHA256withRSA), transaction signatures (HMAC-SHA512) inside a timestamp
/// window, replayed requests and reused X-EXTERNAL-IDs (409xx00), mandatory fields (400xx02) and
/// formats (400xx01), bodies over the limit (413xx00), 7-digit response codes, masked names and
/// account numbers, and `partnerReferenceNo` idempotency: requests with one reference are served
/// one at a time, a retry returns the original result, other content with the same reference gets
/// 409xx01. After each new disbursement it can notify the program, signed with the partner's key.
public struct PaymentPartnerAdapter: Sendable {
    /// Where and how to send the partner's signed notifications.
    public struct NotificationTarget: Sendable {
        public let url: String
        /// Sent as X-PARTNER-ID.
        public let partnerID: String
        public let privateKey: SNAPPrivateKey
        public let transport: any PrakerjaTransport

        public init(url: String, partnerID: String, privateKey: SNAPPrivateKey,
                    transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared) {
            self.url = url
            self.partnerID = partnerID
            self.privateKey = privateKey
            self.transport = transport
        }
    }

    public struct Configuration: Sendable {
        public var clients: [SNAPClientCredentials]
        public var window: TimestampWindow
        public var clock: SigningClock
        public var tokenLifetimeSeconds: Int
        public var maximumBodyBytes: Int
        public var notifications: NotificationTarget?

        public init(clients: [SNAPClientCredentials], window: TimestampWindow = .standard, clock: SigningClock = .system,
                    tokenLifetimeSeconds: Int = 900, maximumBodyBytes: Int = 1 << 20, notifications: NotificationTarget? = nil) {
            self.clients = clients
            self.window = window
            self.clock = clock
            self.tokenLifetimeSeconds = tokenLifetimeSeconds
            self.maximumBodyBytes = maximumBodyBytes
            self.notifications = notifications
        }
    }

    /// The contract's paths.
    public enum Path {
        public static let accessToken = "/v1.0/access-token/b2b"
        public static let eMoneyAccountInquiry = "/v1.0/emoney/account-inquiry"
        public static let bankAccountInquiry = "/v1.0/account-inquiry-internal"
        public static let topUp = "/v1.0/emoney/topup"
        public static let intrabankTransfer = "/v1.0/transfer-intrabank"
        public static let topUpStatus = "/v1.0/emoney/topup-status"
        public static let transferStatus = "/v1.0/transfer/status"
    }

    let service: any PaymentPartnerService
    let configuration: Configuration
    let logger: Logger
    private let tokens: AccessTokens
    private let policy: VerificationPolicy
    private let exclusion = KeyedExclusion()
    private let secrets: [String: String]
    private let publicKeys: [String: SNAPPublicKey]

    public init(service: any PaymentPartnerService, configuration: Configuration,
                logger: Logger = Logger(label: "prakerja.payment-partner", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.service = service
        self.configuration = configuration
        self.logger = logger
        self.tokens = AccessTokens(lifetime: TimeInterval(configuration.tokenLifetimeSeconds))
        self.policy = VerificationPolicy(window: configuration.window, clock: configuration.clock, replayGuard: ReplayGuard(capacity: 1_000_000))
        self.secrets = Dictionary(configuration.clients.map { ($0.clientID, $0.clientSecret) }, uniquingKeysWith: { $1 })
        self.publicKeys = Dictionary(configuration.clients.map { ($0.clientID, $0.publicKey) }, uniquingKeysWith: { $1 })
    }

    /// Adds the contract's routes to `router`.
    public func mount(on router: Router<BasicRequestContext>) {
        router.post(RouterPath(Path.accessToken)) { request, _ in await accessToken(request) }
        route(router, Path.eMoneyAccountInquiry, .eMoneyAccountInquiry) { (body: EMoneyAccountInquiryRequest) throws(SNAPError) in
            try await eMoneyInquiry(body)
        }
        route(router, Path.bankAccountInquiry, .bankAccountInquiry) { (body: BankAccountInquiryRequest) throws(SNAPError) in
            try await bankInquiry(body)
        }
        route(router, Path.topUp, .topUp) { (body: TopUpRequest) throws(SNAPError) in try await topUp(body) }
        route(router, Path.intrabankTransfer, .intrabankTransfer) { (body: TransferRequest) throws(SNAPError) in try await transfer(body) }
        route(router, Path.topUpStatus, .topUpStatus) { (body: StatusRequest) throws(SNAPError) in try await status(body, channel: .topUp) }
        route(router, Path.transferStatus, .transferStatus) { (body: StatusRequest) throws(SNAPError) in
            try await status(body, channel: .intrabankTransfer)
        }
    }

    // MARK: The request pipeline

    /// A refusal with its SNAP outcome and the detail the message names.
    struct SNAPError: Error {
        let outcome: SNAPOutcome
        let detail: String?

        init(_ outcome: SNAPOutcome, _ detail: String? = nil) {
            self.outcome = outcome
            self.detail = detail
        }
    }

    private func route<Body: Decodable & Sendable, Result: Encodable & Sendable>(
        _ router: Router<BasicRequestContext>, _ path: String, _ service: SNAPService,
        _ perform: @escaping @Sendable (Body) async throws(SNAPError) -> Result
    ) {
        router.post(RouterPath(path)) { request, _ in
            await respond(request, service: service) { (body: [UInt8]) throws(SNAPError) in
                try authenticateTransaction(request, body: body)
                return try await perform(try decode(Body.self, body))
            }
        }
    }

    /// Reads the body, runs `work`, and answers with its result or its SNAP failure.
    private func respond(_ request: Request, service: SNAPService,
                         _ work: ([UInt8]) async throws(SNAPError) -> some Encodable) async -> Response {
        do throws(SNAPError) {
            let body: [UInt8]
            do {
                body = try await BodyReader.read(request, limit: configuration.maximumBodyBytes)
            } catch .tooLarge {
                throw SNAPError(.bodyTooLarge, "the body is over \(configuration.maximumBodyBytes) bytes")
            } catch {
                throw SNAPError(.invalidFieldFormat, "body")
            }
            return Self.json(200, try Self.encode(try await work(body)))
        } catch {
            let code = SNAPResponseCode(error.outcome, service: service)
            let message = error.detail.map { error.outcome == .unauthorized ? "\(error.outcome.message). \($0)" : "\(error.outcome.message) \($0)" }
                ?? error.outcome.message
            if error.outcome.httpStatus >= 500 { logger.error("payment partner failure", metadata: ["code": "\(code)", "detail": "\(message)"]) }
            return Self.json(error.outcome.httpStatus, (try? Self.encode(SNAPFailure(responseCode: code.description, responseMessage: message))) ?? [])
        }
    }

    private func accessToken(_ request: Request) async -> Response {
        await respond(request, service: .accessToken) { (body: [UInt8]) throws(SNAPError) in
            let headers = request.headers
            let clientID: String
            do throws(SignatureError) {
                clientID = try SNAPAsymmetricSignature.verifyToken(
                    clientID: headers[Self.clientKey], timestamp: headers[Self.timestamp], signature: headers[Self.signature],
                    policy: policy, publicKey: { publicKeys[$0] })
            } catch {
                throw SNAPError(.unauthorized, error.description)
            }
            let grant = try decode(AccessTokenRequest.self, body)
            guard grant.grantType == "client_credentials" else { throw SNAPError(.invalidFieldFormat, "grantType") }
            let token = tokens.issue(for: clientID, now: configuration.clock.now())
            return AccessTokenResponse(responseCode: SNAPResponseCode(.success, service: .accessToken).description, responseMessage: "Successful",
                                       accessToken: token, tokenType: "Bearer", expiresIn: String(configuration.tokenLifetimeSeconds))
        }
    }

    /// Checks a transaction call: mandatory headers, the bearer token, the signature, the window,
    /// replays and the X-EXTERNAL-ID.
    private func authenticateTransaction(_ request: Request, body: [UInt8]) throws(SNAPError) {
        let headers = request.headers
        for name in [Self.externalID, Self.channelID] where (headers[name] ?? "").isEmpty {
            throw SNAPError(.invalidMandatoryField, name.rawName)
        }
        let partnerID = headers[Self.partnerID]
        guard let token = SNAPSymmetricSignature.bearerToken(from: headers[.authorization]),
              let owner = tokens.client(of: token, now: configuration.clock.now()), partnerID == nil || owner == partnerID
        else { throw SNAPError(.invalidToken) }
        do throws(SignatureError) {
            _ = try SNAPSymmetricSignature.verify(
                partnerID: partnerID, accessToken: token, timestamp: headers[Self.timestamp], signature: headers[Self.signature],
                externalID: headers[Self.externalID], method: request.method.rawValue, path: request.uri.path, body: body,
                policy: policy, clientSecret: { secrets[$0] })
        } catch {
            switch error {
            case .duplicateExternalID, .replayed: throw SNAPError(.conflict, "X-EXTERNAL-ID \(headers[Self.externalID] ?? "") was already used today")
            case .bodyNotJSON(let syntax): throw SNAPError(.invalidFieldFormat, "body: not JSON at byte \(syntax.offset): \(syntax.reason)")
            default: throw SNAPError(.unauthorized, error.description)
            }
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, _ body: [UInt8]) throws(SNAPError) -> Value {
        do {
            return try CompactJSONDecoder(refusesNullForOptionals: true).decode(type, from: body)
        } catch let error as DecodingError {
            let field = FieldError(error)
            switch error {
            case .keyNotFound, .valueNotFound: throw SNAPError(.invalidMandatoryField, field.field)
            default: throw SNAPError(.invalidFieldFormat, field.field.isEmpty ? "body" : field.field)
            }
        } catch {
            throw SNAPError(.invalidFieldFormat, "body")
        }
    }

    // MARK: Operations

    private func eMoneyInquiry(_ body: EMoneyAccountInquiryRequest) async throws(SNAPError) -> EMoneyAccountInquiryResponse {
        try Self.checkReference(body.partnerReferenceNo, field: "partnerReferenceNo")
        let phone = try Self.phone(body.customerNumber)
        let account = try await lookUp(.eWallet(phone))
        return EMoneyAccountInquiryResponse(
            responseCode: SNAPResponseCode(.success, service: .eMoneyAccountInquiry).description, responseMessage: "Successful",
            referenceNo: Self.reference("INQ"), partnerReferenceNo: body.partnerReferenceNo, customerNumber: Masking.phone("62" + phone.nationalNumber),
            customerName: Masking.name(account.holderName),
            additionalInfo: AccountFacts(kycStatus: account.kycStatus, nikMatch: account.holderNIK == body.additionalInfo.nik))
    }

    private func bankInquiry(_ body: BankAccountInquiryRequest) async throws(SNAPError) -> BankAccountInquiryResponse {
        try Self.checkReference(body.partnerReferenceNo, field: "partnerReferenceNo")
        let number = try Self.accountNumber(body.beneficiaryAccountNo)
        let account = try await lookUp(.bank(accountNumber: number))
        return BankAccountInquiryResponse(
            responseCode: SNAPResponseCode(.success, service: .bankAccountInquiry).description, responseMessage: "Successful",
            referenceNo: Self.reference("INQ"), partnerReferenceNo: body.partnerReferenceNo, beneficiaryAccountNo: Masking.accountNumber(number),
            beneficiaryAccountName: Masking.name(account.holderName),
            additionalInfo: AccountFacts(kycStatus: account.kycStatus, nikMatch: account.holderNIK == body.additionalInfo.nik))
    }

    private func topUp(_ body: TopUpRequest) async throws(SNAPError) -> TopUpResponse {
        try Self.checkReference(body.partnerReferenceNo, field: "partnerReferenceNo")
        try Self.checkLength(body.notes, maximum: 256, field: "notes")
        let phone = try Self.phone(body.customerNumber)
        let record = try await disburseOnce(Disbursement(
            partnerReferenceNo: body.partnerReferenceNo, channel: .topUp, account: .eWallet(phone), customerName: body.customerName,
            amount: body.amount.rupiah, fee: body.feeAmount.rupiah, recipientNIK: body.additionalInfo.nik,
            incentiveMonth: body.additionalInfo.incentiveMonth, transactionDate: body.transactionDate, notes: body.notes))
        return TopUpResponse(
            responseCode: SNAPResponseCode(.success, service: .topUp).description, responseMessage: "Successful", referenceNo: record.referenceNo,
            partnerReferenceNo: body.partnerReferenceNo, customerNumber: Masking.phone("62" + phone.nationalNumber),
            customerName: Masking.name(record.holderName), amount: SNAPAmount(record.credited), feeAmount: SNAPAmount(record.fee),
            transactionDate: record.disbursement.transactionDate)
    }

    private func transfer(_ body: TransferRequest) async throws(SNAPError) -> TransferResponse {
        try Self.checkReference(body.partnerReferenceNo, field: "partnerReferenceNo")
        try Self.checkLength(body.remark, maximum: 50, field: "remark")
        let number = try Self.accountNumber(body.beneficiaryAccountNo)
        let record = try await disburseOnce(Disbursement(
            partnerReferenceNo: body.partnerReferenceNo, channel: .intrabankTransfer, account: .bank(accountNumber: number), customerName: nil,
            amount: body.amount.rupiah, fee: .zero, recipientNIK: body.additionalInfo.nik, incentiveMonth: body.additionalInfo.incentiveMonth,
            transactionDate: body.transactionDate, notes: body.remark))
        return TransferResponse(
            responseCode: SNAPResponseCode(.success, service: .intrabankTransfer).description, responseMessage: "Successful",
            referenceNo: record.referenceNo, partnerReferenceNo: body.partnerReferenceNo, amount: SNAPAmount(record.credited),
            beneficiaryAccountNo: Masking.accountNumber(number), transactionDate: record.disbursement.transactionDate)
    }

    private func status(_ body: StatusRequest, channel: DisbursementChannel) async throws(SNAPError) -> StatusResponse {
        try Self.checkReference(body.originalPartnerReferenceNo, field: "originalPartnerReferenceNo")
        guard body.serviceCode == channel.service.rawValue else {
            throw SNAPError(.invalidFieldFormat, "serviceCode must be \(channel.service.rawValue)")
        }
        let record: DisbursementRecord?
        do {
            record = try await service.disbursement(partnerReferenceNo: body.originalPartnerReferenceNo)
        } catch {
            throw SNAPError(.generalError, "\(error)")
        }
        guard let record, record.disbursement.channel == channel, body.originalReferenceNo == nil || body.originalReferenceNo == record.referenceNo else {
            throw SNAPError(.transactionNotFound)
        }
        return StatusResponse(
            responseCode: SNAPResponseCode(.success, service: channel.statusService).description, responseMessage: "Successful",
            originalPartnerReferenceNo: body.originalPartnerReferenceNo, originalReferenceNo: record.referenceNo, serviceCode: body.serviceCode,
            latestTransactionStatus: record.status.rawValue, transactionStatusDesc: record.status.label,
            amount: SNAPAmount(record.credited), feeAmount: SNAPAmount(record.fee))
    }

    private func lookUp(_ reference: AccountReference) async throws(SNAPError) -> PaymentAccount {
        let account: PaymentAccount?
        do {
            account = try await service.account(reference)
        } catch {
            throw SNAPError(.generalError, "\(error)")
        }
        guard let account else { throw SNAPError(.invalidAccount) }
        return account
    }

    /// Pays `disbursement` once: concurrent requests with its reference wait; a retry gets the original.
    private func disburseOnce(_ disbursement: Disbursement) async throws(SNAPError) -> DisbursementRecord {
        let outcome: Result<(record: DisbursementRecord, isNew: Bool), SNAPError>
        do {
            outcome = try await exclusion.run(disbursement.partnerReferenceNo) { [service] in
                if let existing = try await service.disbursement(partnerReferenceNo: disbursement.partnerReferenceNo) {
                    guard existing.disbursement.isRetry(of: disbursement) else {
                        return .failure(SNAPError(.duplicatePartnerReference, "partnerReferenceNo was used for another disbursement"))
                    }
                    return .success((existing, false))
                }
                do {
                    return .success((try await service.disburse(disbursement), true))
                } catch let refusal as DisbursementRefusal {
                    return .failure(SNAPError(refusal.outcome, refusal.description))
                }
            }
        } catch {
            throw SNAPError(.generalError, "\(error)")
        }
        let (record, isNew) = try outcome.get()
        if isNew, let target = configuration.notifications { notify(target, record) }
        return record
    }

    /// Sends the signed notification for a new disbursement, in the background.
    private func notify(_ target: NotificationTarget, _ record: DisbursementRecord) {
        let notification = TopUpNotification(
            partnerReferenceNo: record.disbursement.partnerReferenceNo, referenceNo: record.referenceNo,
            serviceCode: record.disbursement.channel.service.rawValue, latestTransactionStatus: record.status.rawValue,
            amount: SNAPAmount(record.credited), transactionDate: record.disbursement.transactionDate)
        let clock = configuration.clock, logger = logger
        Task {
            do {
                let body = try StreamingJSONEncoder().encode(notification)
                let path = URLComponents(string: target.url)?.path ?? "/"
                let signed = try SNAPAsymmetricSignature.notificationHeaders(
                    privateKey: target.privateKey, method: "POST", path: path, body: body, timestamp: SNAPTimestamp.format(clock.now()))
                let response = try await target.transport.send(
                    TransportRequest(method: "POST", url: target.url, headers: signed.fields + [("X-PARTNER-ID", target.partnerID)], body: body),
                    timeout: .seconds(10))
                logger.info("notification sent", metadata: ["reference": "\(record.referenceNo)", "status": "\(response.status)"])
            } catch {
                logger.warning("notification failed", metadata: ["reference": "\(record.referenceNo)", "error": "\(error)"])
            }
        }
    }

    // MARK: Field checks and encoding

    private static func checkReference(_ value: String, field: String) throws(SNAPError) {
        guard !value.isEmpty else { throw SNAPError(.invalidMandatoryField, field) }
        guard value.utf8.count <= 64 else { throw SNAPError(.invalidFieldFormat, field) }
    }

    /// A free-text field within the contract's maxLength (in characters).
    private static func checkLength(_ value: String?, maximum: Int, field: String) throws(SNAPError) {
        guard let value, value.count > maximum else { return }
        throw SNAPError(.invalidFieldFormat, field)
    }

    private static func phone(_ text: String) throws(SNAPError) -> PhoneNumber {
        do { return try PhoneNumber(text) } catch { throw SNAPError(.invalidFieldFormat, "customerNumber") }
    }

    private static func accountNumber(_ text: String) throws(SNAPError) -> String {
        guard (6...20).contains(text.utf8.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw SNAPError(.invalidFieldFormat, "beneficiaryAccountNo")
        }
        return text
    }

    private static func reference(_ prefix: String) -> String {
        prefix + String((0..<14).map { _ in "0123456789".randomElement()! })
    }

    private static func encode(_ value: some Encodable) throws(SNAPError) -> [UInt8] {
        do { return try StreamingJSONEncoder().encode(value) } catch { throw SNAPError(.generalError, "encoding failed") }
    }

    static func json(_ status: Int, _ body: [UInt8]) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static let timestamp = HTTPField.Name("X-TIMESTAMP")!
    static let signature = HTTPField.Name("X-SIGNATURE")!
    static let clientKey = HTTPField.Name("X-CLIENT-KEY")!
    static let partnerID = HTTPField.Name("X-PARTNER-ID")!
    static let externalID = HTTPField.Name("X-EXTERNAL-ID")!
    static let channelID = HTTPField.Name("CHANNEL-ID")!
}

extension Disbursement {
    /// Whether `other` asks for the same payment (a retry), whatever its date, name or notes.
    public func isRetry(of other: Disbursement) -> Bool {
        channel == other.channel && account == other.account && amount == other.amount && fee == other.fee
            && recipientNIK == other.recipientNIK && incentiveMonth == other.incentiveMonth
    }
}


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

        public init(
            url: String, partnerID: String, privateKey: SNAPPrivateKey,
            transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared
        ) {
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

        public init(
            clients: [SNAPClientCredentials], window: TimestampWindow = .standard, clock: SigningClock = .system,
            tokenLifetimeSeconds: Int = 900, maximumBodyBytes: Int = 1 << 20, notifications: NotificationTarget? = nil
        ) {
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
    let exclusion = KeyedExclusion()
    private let tokenRequests: SNAPTokenRequestAuthenticator
    private let transactions: SNAPTransactionAuthenticator

    /// - Parameter logger: where the adapter says whether each notification went out.
    public init(
        service: any PaymentPartnerService, configuration: Configuration,
        logger: Logger = Logger(label: "prakerja.payment-partner", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.service = service
        self.configuration = configuration
        self.logger = logger
        let tokens = AccessTokens(lifetime: TimeInterval(configuration.tokenLifetimeSeconds))
        self.tokens = tokens
        let policy = VerificationPolicy(window: configuration.window, clock: configuration.clock, replayGuard: ReplayGuard(capacity: 1_000_000))
        self.tokenRequests = SNAPTokenRequestAuthenticator(
            publicKeys: Dictionary(configuration.clients.map { ($0.clientID, $0.publicKey) }, uniquingKeysWith: { $1 }), policy: policy)
        let clock = configuration.clock
        self.transactions = SNAPTransactionAuthenticator(
            secrets: Dictionary(configuration.clients.map { ($0.clientID, $0.clientSecret) }, uniquingKeysWith: { $1 }), policy: policy,
            tokenOwner: { token in tokens.client(of: token, now: clock.now()) })
    }

    /// Adds the contract's routes to `router`.
    public func mount<Context: SignedRequestContext>(on router: Router<Context>) {
        addRoutes(to: router.group())
    }

    /// Adds the contract's routes, and the middleware that verifies them, to `group`: how a
    /// partner serves the contract inside their own application, beside their own routes and
    /// middleware (which run first).
    public func addRoutes<Context: SignedRequestContext>(to group: RouterGroup<Context>) {
        let limit = configuration.maximumBodyBytes
        group.group().add(
            middleware: SignedRequestMiddleware<Context, SNAPError>(limit: limit, authenticator: tokenRequests, failure: SNAPError.self)
        )
        .post(RouterPath(Path.accessToken)) { request, context in try accessToken(request, context) }
        let signed = group.group()
            .add(middleware: SignedRequestMiddleware<Context, SNAPError>(limit: limit, authenticator: transactions, failure: SNAPError.self))
        route(signed, Path.eMoneyAccountInquiry) { (body: EMoneyAccountInquiryRequest) throws(SNAPError) in try await eMoneyInquiry(body) }
        route(signed, Path.bankAccountInquiry) { (body: BankAccountInquiryRequest) throws(SNAPError) in try await bankInquiry(body) }
        route(signed, Path.topUp) { (body: TopUpRequest) throws(SNAPError) in try await topUp(body) }
        route(signed, Path.intrabankTransfer) { (body: TransferRequest) throws(SNAPError) in try await transfer(body) }
        route(signed, Path.topUpStatus) { (body: StatusRequest) throws(SNAPError) in try await status(body, channel: .topUp) }
        route(signed, Path.transferStatus) { (body: StatusRequest) throws(SNAPError) in try await status(body, channel: .intrabankTransfer) }
    }

    /// Each path's SNAP service, whose code is the middle of every response code on it.
    static let services: [(path: String, service: SNAPService)] = [
        (Path.accessToken, .accessToken), (Path.eMoneyAccountInquiry, .eMoneyAccountInquiry), (Path.bankAccountInquiry, .bankAccountInquiry),
        (Path.topUp, .topUp), (Path.intrabankTransfer, .intrabankTransfer), (Path.topUpStatus, .topUpStatus), (Path.transferStatus, .transferStatus),
    ]

    /// The service of a request to `path` (which may sit under a prefix the partner mounted the contract at).
    static func service(answering path: String) -> SNAPService? { services.first { path.hasSuffix($0.path) }?.service }

    // MARK: The request pipeline

    /// A transaction route: the body read as one JSON request (not sent as JSON or a key twice
    /// 400xx00, missing field 400xx02, malformed 400xx01), `perform` run, its result answered.
    private func route<Context: SignedRequestContext, Body: Decodable & Sendable, Result: Encodable & Sendable>(
        _ group: RouterGroup<Context>, _ path: String, _ perform: @escaping @Sendable (Body) async throws(SNAPError) -> Result
    ) {
        group.post(RouterPath(path)) { request, context in
            try JSONResponse.encode(.ok, try await perform(try Self.decode(Body.self, request, context)), failing: SNAPError.self)
        }
    }

    /// The body of a JSON request, as the contract reads it (`PAY-SPEC-03` to `PAY-SPEC-05`).
    private static func decode<Body: Decodable>(
        _ type: Body.Type, _ request: Request, _ context: some SignedRequestContext
    ) throws(SNAPError)
        -> Body
    {
        guard let contentType = request.headers.value(.contentType), contentType.lowercased().hasPrefix("application/json") else {
            throw SNAPError(.badRequest, "Content-Type must be application/json")
        }
        return try context.decodeBody(Body.self, refusesDuplicateKeys: true, emptyStringsAreMissing: true, failure: SNAPError.self)
    }

    private func accessToken(_ request: Request, _ context: some SignedRequestContext) throws(SNAPError) -> Response {
        guard let clientID = context.caller else { throw SNAPError(.unauthorized) }
        let grant = try Self.decode(AccessTokenRequest.self, request, context)
        guard grant.grantType == "client_credentials" else { throw SNAPError(.invalidFieldFormat, "grantType") }
        let token = tokens.issue(for: clientID, now: configuration.clock.now())
        return try JSONResponse.encode(
            .ok,
            AccessTokenResponse(
                responseCode: SNAPResponseCode(.success, service: .accessToken).description, responseMessage: "Successful",
                accessToken: token, tokenType: "Bearer", expiresIn: String(configuration.tokenLifetimeSeconds)), failing: SNAPError.self)
    }
}

extension Disbursement {
    /// Whether `other` asks for the same payment (a retry), whatever its date, name or notes.
    public func isRetry(of other: Disbursement) -> Bool {
        channel == other.channel && account == other.account && amount == other.amount && fee == other.fee
            && recipientNIK == other.recipientNIK && incentiveMonth == other.incentiveMonth
    }
}

import Hummingbird
import Logging
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaSigning

/// A bank-and-e-wallet that serves the payment contract through the SDK's adapter, with
/// deterministic accounts and switchable defects: what the conformance kit is tested against.
public struct ReferencePaymentPartner: Sendable {
    public let ledger: ReferencePaymentLedger
    public let defects: Set<PaymentDefect>
    public let configuration: PaymentPartnerAdapter.Configuration

    /// - Parameter notifyURL: where to send signed disbursement notifications (none when nil).
    public init(defects: Set<PaymentDefect> = [], notifyURL: String? = nil, clock: SigningClock = .system) {
        self.defects = defects
        self.ledger = ReferencePaymentLedger(defects: defects)
        let partnerKey = try! SNAPPrivateKey(pem: TestCredentials.partnerPrivateKeyPEM)
        let transport: any PrakerjaTransport =
            defects.contains(.notificationMisreports)
            ? MisreportingNotifications(base: AsyncHTTPClientTransport.shared, privateKey: partnerKey) : AsyncHTTPClientTransport.shared
        self.configuration = PaymentPartnerAdapter.Configuration(
            clients: [TestCredentials.program],
            window: defects.contains(.wideTimestampWindow) ? TimestampWindow(toleranceSeconds: 590) : .standard, clock: clock,
            notifications: notifyURL.map {
                PaymentPartnerAdapter.NotificationTarget(
                    url: $0, partnerID: "REFPAY",
                    privateKey: defects.contains(.badNotificationSignature)
                        ? try! SNAPPrivateKey(pem: TestCredentials.programPrivateKeyPEM) : partnerKey,
                    transport: transport)
            })
    }

    /// The router serving the contract, with the defects on.
    public func router(
        logger: Logger = Logger(label: "reference-payment-partner", factory: { _ in SwiftLogNoOpLogHandler() })
    ) -> Router<SignedJSONContext> {
        let router = Router(context: SignedJSONContext.self)
        if defects.contains(.slowAnswers) { router.add(middleware: SlowAnswers()) }
        if defects.contains(.serverErrorOnBadInput) {
            router.add(
                middleware: ServerErrorOnBadInput { object in
                    var object = object
                    if let code = object["responseCode"] as? String, code.count == 7 {
                        object["responseCode"] = "500" + code.dropFirst(3).prefix(2) + "00"
                        object["responseMessage"] = "General Error"
                    }
                    return object
                })
        }
        if !defects.isDisjoint(with: [
            .acceptsBadSignature, .acceptsStaleTimestamp, .unmaskedName, .wrongResponseCode, .amountAsNumber,
            .echoesNIK, .acceptsReplayedRequest, .acceptsUnauthenticated, .acceptsForgedTokenRequest,
            .unknownReferencePending, .tokenIgnoresTimestamp, .acceptsReplayedTokenRequest, .acceptsUnknownToken, .acceptsOtherClientsToken,
            .acceptsLongExternalID, .echoesNIKInRefusals,
            .acceptsAnyCurrency, .acceptsAnyMonth, .reuseAnswersOriginal, .leaksInternalErrors,
            .comparesSignaturePrefix, .acceptsFutureTimestamp, .ignoresTimestampOffset, .tokenSkipsUndecodableSignature,
            .acceptsTokenWithoutScheme, .shortTokenReplayMemory, .externalIDPerSignature, .shortExternalIDMemory, .acceptsLooseAmounts,
            .emptyReferenceAsPresent,
            .refusalsAnswered200, .refusalUsesUpReference, .restampedRetryPaysAgain,
        ]) {
            router.add(
                middleware: PaymentDefectMiddleware(
                    defects: defects, clientSecret: TestCredentials.clientSecret,
                    window: configuration.window, ledger: ledger, clock: configuration.clock))
        }
        PaymentPartnerAdapter(service: ledger, configuration: configuration, logger: logger).mount(on: router)
        return router
    }

    /// The program's client for this partner at `baseURL`, with the test credentials.
    public static func programClient(baseURL: String, clock: SigningClock = .system) -> PaymentPartnerClient {
        PaymentPartnerClient(
            baseURL: baseURL, clientID: TestCredentials.clientID, clientSecret: TestCredentials.clientSecret,
            privateKey: try! SNAPPrivateKey(pem: TestCredentials.programPrivateKeyPEM), clock: clock)
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import PrakerjaSigning
import PrakerjaTestSupport
import Synchronization
import Testing

/// A running reference payment partner and the program's client for it.
struct PaymentHarness: Sendable {
    let partner: ReferencePaymentPartner
    let client: PaymentPartnerClient
    let baseURL: String
    /// The partner's clock when the test gave none: real time until a test moves it.
    let shifted: ShiftedClock?

    static func run<Value: Sendable>(
        defects: Set<PaymentDefect> = [], notifyURL: String? = nil, clock: SigningClock? = nil,
        _ body: @Sendable (PaymentHarness) async throws -> Value
    ) async throws -> Value {
        let shifted = clock == nil ? ShiftedClock() : nil
        let partner = ReferencePaymentPartner(defects: defects, notifyURL: notifyURL, clock: clock ?? shifted!.signingClock)
        return try await HTTPServerRunner.withRunning(partner.router()) { url in
            try await body(
                PaymentHarness(
                    partner: partner, client: ReferencePaymentPartner.programClient(baseURL: url, clock: clock ?? .system), baseURL: url,
                    shifted: shifted))
        }
    }

    /// Sends `body` to `path` with exactly `headers` (no signing).
    func send(_ path: String, body: [UInt8], headers: [(name: String, value: String)]) async throws -> TransportResponse {
        try await AsyncHTTPClientTransport.shared.send(
            TransportRequest(method: "POST", url: baseURL + path, headers: headers + [("Content-Type", "application/json")], body: body),
            timeout: .seconds(10))
    }

    /// The seeded account with this KYC status (and, for `.verified`, whether its holder is the recipient).
    func account(_ kyc: KYCStatus, eWallet: Bool = true, holderIsRecipient: Bool = true) -> ReferencePaymentLedger.SeededAccount {
        partner.ledger.accounts.first { seeded in
            let isWallet = if case .eWallet = seeded.reference { true } else { false }
            return isWallet == eWallet && seeded.account.kycStatus == kyc && (seeded.account.holderNIK == seeded.recipientNIK) == holderIsRecipient
        }!
    }

    static func topUp(
        _ seeded: ReferencePaymentLedger.SeededAccount, reference: String, amount: Rupiah = 600_000, fee: Rupiah = .zero,
        month: Int = 1
    ) -> TopUpRequest {
        let phone = seeded.reference.phoneNumber!  // the harness asks only e-wallets for top-ups
        return TopUpRequest(
            partnerReferenceNo: reference, customerNumber: "62" + phone.nationalNumber, customerName: seeded.account.holderName,
            amount: SNAPAmount(amount), feeAmount: SNAPAmount(fee), transactionDate: SNAPTimestamp.format(Date()),
            notes: "Insentif Kartu Prakerja bulan ke-\(month)",
            additionalInfo: DisbursementInfo(nik: seeded.recipientNIK, incentiveMonth: month))
    }

    /// The SNAP response code of a raw response.
    static func code(_ response: TransportResponse) -> String? {
        (try? JSONDecoder().decode(SNAPFailure.self, from: Data(response.body)))?.responseCode
    }
}

/// Receives the partner's notifications and checks their signatures.
final class NotificationReceiver: Sendable {
    typealias Received = (notification: TopUpNotification, validSignature: Bool)
    private let (arrivals, arrival) = AsyncStream.makeStream(of: Received.self)

    /// The first notification to arrive, or nil if none does within `limit`.
    func first(within limit: Duration = .seconds(30)) async -> Received? {
        let arrivals = arrivals
        return
            (try? await withDeadline(limit) { () async -> Received? in
                for await received in arrivals { return received }
                return nil
            }) ?? nil
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let publicKey = try! SNAPPublicKey(pem: TestCredentials.partnerPublicKeyPEM)
        router.post("/program/notify") { request, _ -> Response in
            var request = request
            let body = (try? await BodyReader.read(&request, limit: 1 << 16)) ?? []
            let valid =
                (try? SNAPAsymmetricSignature.verifyNotification(
                    timestamp: request.headers[.snapTimestamp], signature: request.headers[.snapSignature],
                    method: "POST", path: request.uri.path, body: body, policy: VerificationPolicy(), publicKey: publicKey)) != nil
            if let notification = try? JSONDecoder().decode(TopUpNotification.self, from: Data(body)) {
                self.arrival.yield((notification, valid))
            }
            return Response(status: .ok)
        }
        return router
    }
}

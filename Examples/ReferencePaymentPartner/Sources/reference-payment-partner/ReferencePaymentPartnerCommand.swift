// The reference payment partner: the SNAP BI payment contract served by the SDK's adapter over a
// ledger with accounts in every KYC state.
//
//   swift run reference-payment-partner --port 8181 [--host 127.0.0.1] [--defect NAME]... [--notify-url URL]
import ArgumentParser
import ReferencePartnerSupport
import ReferencePaymentPartner

@main
struct ReferencePaymentPartnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference-payment-partner",
        abstract: "Serve the payment contract (SNAP BI) over a test ledger, with switchable defects.",
        discussion: "Defects: \(PaymentDefect.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var serve: ServeOptions

    @Option(help: "Where to send signed disbursement notifications.")
    var notifyURL: String?

    func run() async throws {
        let defects = try serve.parsedDefects(PaymentDefect.self)
        let partner = ReferencePaymentPartner(defects: defects, notifyURL: notifyURL)
        try await serve.serve(partner.router(), name: "reference-payment-partner") { url in
            ["Reference payment partner listening on \(url)",
             "Program client \(TestCredentials.clientID); secret and RSA keys in Conformance/vectors/keys (test keys only)",
             "Defects: \(defects.isEmpty ? "none" : defects.map(\.rawValue).sorted().joined(separator: ", "))",
             "Accounts (synthetic test identities):"] + partner.ledger.accounts.map { seeded in
                let account = switch seeded.reference {
                case .eWallet(let phone): "e-wallet 62\(phone.nationalNumber)"
                case .bank(let number): "account  \(number)"
                }
                let holder = seeded.account.holderNIK == seeded.recipientNIK ? "" : "  (held by someone else: NIK mismatch)"
                return "  \(account)  KYC \(seeded.account.kycStatus.rawValue)  recipient NIK \(seeded.recipientNIK.digits)\(holder)"
            }
        }
    }
}

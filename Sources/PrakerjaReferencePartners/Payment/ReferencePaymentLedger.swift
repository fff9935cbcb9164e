import Foundation
import PrakerjaModels
import PrakerjaPartners
import Synchronization

/// The reference partner's accounts and ledger: a small bank-and-e-wallet with accounts in every
/// KYC state, deterministic so tests and the demo know what to expect.
public final class ReferencePaymentLedger: PaymentPartnerService {
    /// A seeded account and the reference that finds it.
    public struct SeededAccount: Sendable {
        public let reference: AccountReference
        public let account: PaymentAccount
        /// The NIK of the recipient the program would pay into this account.
        public let recipientNIK: NIK
    }

    /// Rp2,500: what the `fee-deducted` defect takes.
    public static let deductedFee: Rupiah = 2_500

    public let defects: Set<PaymentDefect>
    public let accounts: [SeededAccount]
    private let state = Mutex<(records: [String: [DisbursementRecord]], credits: [AccountReference: Rupiah], next: Int)>(([:], [:], 1))

    public init(defects: Set<PaymentDefect> = []) {
        self.defects = defects
        self.accounts = Self.seed()
    }

    public func account(_ reference: AccountReference) async throws -> PaymentAccount? {
        accounts.first { $0.reference == reference }?.account
    }

    public func disburse(_ disbursement: Disbursement) async throws -> DisbursementRecord {
        guard let account = accounts.first(where: { $0.reference == disbursement.account })?.account else {
            throw DisbursementRefusal.accountNotFound
        }
        let skipsProfile = defects.contains(.transferSkipsProfile) && disbursement.channel == .intrabankTransfer
        if !defects.contains(.acceptsAnyAmount), !skipsProfile { try DisbursementRules.checkAmount(disbursement) }
        if !defects.contains(.ignoresKYC), !skipsProfile { try DisbursementRules.checkKYC(account) }
        if !defects.contains(.ignoresNIKMismatch), !skipsProfile { try DisbursementRules.checkHolder(account, of: disbursement) }
        let fee = defects.contains(.feeDeducted) ? Self.deductedFee : Rupiah.zero
        let credited = try! Rupiah(disbursement.amount.amount - fee.amount)
        return state.withLock { state in
            let record = DisbursementRecord(
                referenceNo: String(format: "REF%011d", state.next), disbursement: disbursement, holderName: account.holderName,
                credited: credited, fee: fee, status: .success)
            state.next += 1
            state.records[disbursement.partnerReferenceNo, default: []].append(record)
            state.credits[disbursement.account] = (try? state.credits[disbursement.account, default: .zero].adding(credited)) ?? credited
            return record
        }
    }

    public func disbursement(partnerReferenceNo: String) async throws -> DisbursementRecord? {
        if defects.contains(.doubleCreditOnRetry) { return nil }  // forgets its references
        return state.withLock { $0.records[partnerReferenceNo]?.first }
    }

    /// Everything credited to `reference` so far.
    public func credited(to reference: AccountReference) -> Rupiah { state.withLock { $0.credits[reference] ?? .zero } }

    /// How many times `partnerReferenceNo` was paid.
    public func payments(for partnerReferenceNo: String) -> Int { state.withLock { $0.records[partnerReferenceNo]?.count ?? 0 } }

    /// Accounts in every KYC state, e-wallet and bank, one whose holder is not the recipient.
    static func seed() -> [SeededAccount] {
        let people: [(String, String, KYCStatus, Bool)] = [
            ("Siti Rahmawati", "3273014508950001", .verified, true),
            ("Budi Santoso", "3171011203880002", .verified, true),
            ("Dewi Lestari", "3578015506990003", .pending, true),
            ("Agus Prasetyo", "3374012001850004", .unverified, true),
            ("Rina Wulandari", "5171014707000005", .rejected, true),
            ("Yusuf Hidayat", "6471011011920006", .verified, false),
        ]
        var seeded: [SeededAccount] = []
        for (index, (name, nikText, kyc, holderIsRecipient)) in people.enumerated() {
            let recipient = try! NIK(nikText, referenceYear: 2026)
            // The last account belongs to someone else: its holder's NIK is not the recipient's.
            let holder = holderIsRecipient ? recipient : try! NIK("6471015212650007", referenceYear: 2026)
            let phone = try! PhoneNumber(String(format: "08123456780%d", index + 1))
            let wallet = try! EWalletAccount(provider: "REFPAY", customerNumber: phone, holderName: name, holderNIK: holder, kycStatus: kyc)
            seeded.append(SeededAccount(reference: .eWallet(phone), account: .eWallet(wallet), recipientNIK: recipient))
            let number = String(format: "12345678%02d", index + 1)
            let bank = try! BankAccount(bankCode: "009", accountNumber: number, holderName: name, holderNIK: holder, kycStatus: kyc)
            seeded.append(SeededAccount(reference: .bank(accountNumber: number), account: .bank(bank), recipientNIK: recipient))
        }
        return seeded
    }
}

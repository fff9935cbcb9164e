import Foundation
import PrakerjaModels
import PrakerjaPartners
import Synchronization

/// The least a bank or e-wallet writes to pay the incentive through the SNAP contract: which
/// account a number is, and a ledger that pays a disbursement the program's profile allows. Mount
/// it with `PaymentPartnerAdapter`, which owns tokens, signatures, field checks, masking and
/// `partnerReferenceNo` idempotency.
public final class MinimalPaymentPartner: PaymentPartnerService {
    struct Data {
        var accounts: [AccountReference: PaymentAccount] = [:]
        var disbursements: [String: DisbursementRecord] = [:]
    }

    private let data = Mutex(Data())

    public init() {}

    /// Opens an account (a real partner reads its core banking system instead).
    public func open(_ account: PaymentAccount, as reference: AccountReference) { data.withLock { $0.accounts[reference] = account } }

    public func account(_ reference: AccountReference) async throws -> PaymentAccount? { data.withLock { $0.accounts[reference] } }

    /// Pays once per reference, and only what the program's profile allows.
    public func disburse(_ disbursement: Disbursement) async throws -> DisbursementRecord {
        try data.withLock { data in
            if let paid = data.disbursements[disbursement.partnerReferenceNo] { return paid }
            guard let account = data.accounts[disbursement.account] else { throw DisbursementRefusal.accountNotFound }
            try DisbursementRules.check(disbursement, into: account)
            let record = DisbursementRecord(
                referenceNo: "MIN\(100_000 + data.disbursements.count)", disbursement: disbursement,
                holderName: account.holderName, credited: disbursement.amount, fee: .zero, status: .success)
            data.disbursements[disbursement.partnerReferenceNo] = record
            return record
        }
    }

    public func disbursement(partnerReferenceNo: String) async throws -> DisbursementRecord? {
        data.withLock { $0.disbursements[partnerReferenceNo] }
    }
}

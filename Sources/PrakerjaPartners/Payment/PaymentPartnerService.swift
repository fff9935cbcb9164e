import Foundation
import PrakerjaModels

/// What a bank or e-wallet implements to pay the incentive: its accounts and its ledger.
///
/// `PaymentPartnerAdapter` (in `PrakerjaPartnersServer`) serves this as the SNAP BI contract in
/// `Specs/payment-partner.openapi.yaml`: it issues and checks access tokens, verifies signatures,
/// timestamps, replays and X-EXTERNAL-IDs, validates fields, masks names and account numbers, and
/// makes each `partnerReferenceNo` pay at most once. The implementation decides the business: which
/// account a number is, and whether a disbursement may be paid (`DisbursementRules` holds the
/// program's profile: Rp600,000.00, no fee, a KYC-verified account of the recipient).
public protocol PaymentPartnerService: Sendable {
    /// The account behind a customer number or account number, or nil.
    func account(_ reference: AccountReference) async throws -> PaymentAccount?

    /// Pays `disbursement`, or refuses it. The adapter calls this at most once per
    /// `partnerReferenceNo` in a process; an implementation running several processes must also
    /// refuse to pay one reference twice.
    func disburse(_ disbursement: Disbursement) async throws -> DisbursementRecord

    /// The disbursement made for `partnerReferenceNo`, if any.
    func disbursement(partnerReferenceNo: String) async throws -> DisbursementRecord?
}

/// An account as a request names it.
public enum AccountReference: Hashable, Sendable, CustomStringConvertible {
    /// An e-wallet, by its owner's phone number.
    case eWallet(PhoneNumber)
    /// A bank account at this bank.
    case bank(accountNumber: String)

    /// The e-wallet's phone number, for an e-wallet.
    public var phoneNumber: PhoneNumber? { if case .eWallet(let phone) = self { phone } else { nil } }

    /// The account number, for a bank account.
    public var bankAccountNumber: String? { if case .bank(let number) = self { number } else { nil } }

    public var description: String {
        switch self {
        case .eWallet(let phone): "e-wallet \(phone.masked)"
        case .bank(let number): "account \(Masking.accountNumber(number))"
        }
    }
}

/// How a disbursement reaches the account.
public enum DisbursementChannel: String, Sendable, Codable, CaseIterable {
    /// E-money top-up (SNAP service 38).
    case topUp
    /// Transfer to an account at the same bank (SNAP service 17).
    case intrabankTransfer

    public var service: SNAPService { self == .topUp ? .topUp : .intrabankTransfer }
    public var statusService: SNAPService { self == .topUp ? .topUpStatus : .transferStatus }
}

/// One incentive payment the program asks for.
public struct Disbursement: Hashable, Sendable {
    /// The program's reference: the idempotency key.
    public let partnerReferenceNo: String
    public let channel: DisbursementChannel
    public let account: AccountReference
    /// The name the program has for the recipient (top-ups only).
    public let customerName: String?
    public let amount: Rupiah
    public let fee: Rupiah
    public let recipientNIK: NIK
    /// 1 to 4.
    public let incentiveMonth: Int
    public let transactionDate: String
    public let notes: String?

    public init(
        partnerReferenceNo: String, channel: DisbursementChannel, account: AccountReference, customerName: String?, amount: Rupiah,
        fee: Rupiah, recipientNIK: NIK, incentiveMonth: Int, transactionDate: String, notes: String?
    ) {
        self.partnerReferenceNo = partnerReferenceNo
        self.channel = channel
        self.account = account
        self.customerName = customerName
        self.amount = amount
        self.fee = fee
        self.recipientNIK = recipientNIK
        self.incentiveMonth = incentiveMonth
        self.transactionDate = transactionDate
        self.notes = notes
    }
}

/// A disbursement the partner accepted.
public struct DisbursementRecord: Hashable, Sendable {
    /// The partner's own reference.
    public let referenceNo: String
    public let disbursement: Disbursement
    /// The account holder's name, masked in every response.
    public let holderName: String
    /// What reached the account.
    public let credited: Rupiah
    /// What the partner took.
    public let fee: Rupiah
    public let status: DisbursementStatus

    public init(referenceNo: String, disbursement: Disbursement, holderName: String, credited: Rupiah, fee: Rupiah, status: DisbursementStatus) {
        self.referenceNo = referenceNo
        self.disbursement = disbursement
        self.holderName = holderName
        self.credited = credited
        self.fee = fee
        self.status = status
    }
}

/// Where a disbursement stands, with SNAP's `latestTransactionStatus`.
public enum DisbursementStatus: String, Sendable, Codable {
    case success = "00"
    case pending = "03"
    case failed = "06"

    public var label: String {
        switch self {
        case .success: "Success"
        case .pending: "Pending"
        case .failed: "Failed"
        }
    }
}

/// Why a partner refuses a disbursement; the adapter answers each with its SNAP code. A struct
/// with static members, so that a refusal added later breaks no implementation's `switch`.
public struct DisbursementRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the adapter answers: the SNAP outcome (its HTTP status and case code).
    public let outcome: SNAPOutcome
    public let description: String

    private init(_ outcome: SNAPOutcome, _ description: String) {
        self.outcome = outcome
        self.description = description
    }

    /// 404xx11.
    public static let accountNotFound = DisbursementRefusal(.invalidAccount, "no such account")
    /// 403xx15: the account is not KYC-verified.
    public static func notKYCVerified(_ status: KYCStatus) -> DisbursementRefusal {
        DisbursementRefusal(.transactionNotPermitted, "the account is not KYC-verified (\(status.rawValue))")
    }
    /// 403xx05: the account holder's NIK is not the recipient's.
    public static let nikMismatch = DisbursementRefusal(.doNotHonor, "the account holder's NIK does not match the recipient's")
    /// 404xx13: the amount or fee is not the program's.
    public static func invalidAmount(_ reason: String) -> DisbursementRefusal { DisbursementRefusal(.invalidAmount, reason) }
}

/// The program's profile for paying the incentive, for implementations to apply in `disburse`:
/// `check` applies all three rules; each is also available alone.
public enum DisbursementRules {
    /// Refuses what the program never pays: another amount or any fee, an account that is not
    /// KYC-verified, or an account of someone other than the recipient.
    public static func check(
        _ disbursement: Disbursement, into account: PaymentAccount,
        policy: IncentivePolicy = .program2021
    ) throws(DisbursementRefusal) {
        try checkAmount(disbursement, policy: policy)
        try checkKYC(account)
        try checkHolder(account, of: disbursement)
    }

    /// Rp600,000.00 (the policy's monthly amount), a fee of 0.00, and a month of the four.
    public static func checkAmount(_ disbursement: Disbursement, policy: IncentivePolicy = .program2021) throws(DisbursementRefusal) {
        do {
            try policy.checkDisbursement(amount: disbursement.amount, fee: disbursement.fee)
        } catch {
            throw .invalidAmount("\(error.field) \(error.reason)")
        }
        guard (1...policy.months).contains(disbursement.incentiveMonth) else {
            throw .invalidAmount("incentiveMonth must be 1 to \(policy.months)")
        }
    }

    /// Only a KYC-verified account is paid.
    public static func checkKYC(_ account: PaymentAccount) throws(DisbursementRefusal) {
        guard account.kycStatus == .verified else { throw .notKYCVerified(account.kycStatus) }
    }

    /// Only the recipient's own account is paid: the holder's NIK is the recipient's.
    public static func checkHolder(_ account: PaymentAccount, of disbursement: Disbursement) throws(DisbursementRefusal) {
        guard account.holderNIK == disbursement.recipientNIK else { throw .nikMismatch }
    }
}

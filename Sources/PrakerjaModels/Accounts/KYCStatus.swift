/// Where an account stands in know-your-customer verification.
///
/// The program pays incentives only into `verified` accounts.
public enum KYCStatus: String, Sendable, Codable, CaseIterable, WireEnumeration {
    /// Identity checked by the bank or e-wallet.
    case verified
    /// Submitted, not yet decided.
    case pending
    /// Never submitted (a basic e-wallet account).
    case unverified
    /// Checked and refused.
    case rejected
}

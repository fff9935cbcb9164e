/// A rule of the payment contract that the reference partner can be told to break, so that each
/// conformance check can be shown to catch it (`--defect NAME`). The table in
/// `Conformance/defects.md` names the check that must fail for each.
public enum PaymentDefect: String, CaseIterable, Sendable {
    /// Credits again when a top-up is retried with the same partnerReferenceNo (it forgets its references).
    case doubleCreditOnRetry = "double-credit-on-retry"
    /// Accepts a transaction call whose X-SIGNATURE is wrong.
    case acceptsBadSignature = "accepts-bad-signature"
    /// Accepts a transaction call whose X-TIMESTAMP is outside the window.
    case acceptsStaleTimestamp = "accepts-stale-timestamp"
    /// Deducts a Rp2,500 fee from the incentive.
    case feeDeducted = "fee-deducted"
    /// Pays an account that is not KYC-verified.
    case ignoresKYC = "ignores-kyc"
    /// Pays an account whose holder's NIK is not the recipient's.
    case ignoresNIKMismatch = "ignores-nik-mismatch"
    /// Answers the account holder's full name.
    case unmaskedName = "unmasked-name"
    /// Answers success as `200` instead of the 7-digit code.
    case wrongResponseCode = "wrong-response-code"
    /// Writes amounts as JSON numbers instead of two-decimal strings.
    case amountAsNumber = "amount-as-number"
    /// Answers a request it refuses as bad input with 500 General Error instead of 400.
    case serverErrorOnBadInput = "server-error-on-bad-input"
    /// Echoes the recipient's NIK back in every response that concerns an account.
    case echoesNIK = "echoes-nik"
    /// Pays any amount and fee, not only Rp600,000.00 with 0.00.
    case acceptsAnyAmount = "accepts-any-amount"
    /// Forgets the X-EXTERNAL-IDs it has seen, so a re-sent call is answered again.
    case acceptsReplayedRequest = "accepts-replayed-request"
    /// Answers a transaction call that carries no token and no signature (it lets such calls in as the program's).
    case acceptsUnauthenticated = "accepts-unauthenticated"
    /// Issues an access token for a request whose RSA signature does not verify.
    case acceptsForgedTokenRequest = "accepts-forged-token-request"
    /// Answers the status of a reference it never saw as a pending transaction instead of 404xx01.
    case unknownReferencePending = "unknown-reference-pending"
    /// Answers every call only after 400 ms.
    case slowAnswers = "slow-answers"
    /// Signs its notifications with a key that is not the one it registered with the program.
    case badNotificationSignature = "bad-notification-signature"
}

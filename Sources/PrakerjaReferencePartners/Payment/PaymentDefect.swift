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
    /// Issues a token for a correctly signed token request however old its X-TIMESTAMP.
    case tokenIgnoresTimestamp = "token-ignores-timestamp"
    /// Issues a second token for a token request it already answered.
    case acceptsReplayedTokenRequest = "accepts-replayed-token-request"
    /// Accepts a transaction call whose bearer token it never issued.
    case acceptsUnknownToken = "accepts-unknown-token"
    /// Accepts a live token whoever presents it: an X-PARTNER-ID other than the client it was issued to.
    case acceptsOtherClientsToken = "accepts-other-clients-token"
    /// Cuts an X-EXTERNAL-ID over 36 characters to 36 instead of refusing it.
    case acceptsLongExternalID = "accepts-long-external-id"
    /// Accepts X-TIMESTAMPs up to 590 s from its clock instead of 300 s.
    case wideTimestampWindow = "wide-timestamp-window"
    /// Names the recipient's NIK in the message of a refusal.
    case echoesNIKInRefusals = "echoes-nik-in-refusals"
    /// Pays a transfer without the program profile (KYC, NIK match, amount); top-ups keep it.
    case transferSkipsProfile = "transfer-skips-profile"
    /// Pays an amount in any currency as if it were rupiah.
    case acceptsAnyCurrency = "accepts-any-currency"
    /// Pays an incentive month outside 1-4 as if it were the first.
    case acceptsAnyMonth = "accepts-any-month"
    /// Answers a used partnerReferenceNo with the original result whatever the new content.
    case reuseAnswersOriginal = "reuse-answers-original"
    /// Notifies a successful Rp600,000.00 top-up as a failed Rp1.00 one (signed correctly).
    case notificationMisreports = "notification-misreports"
    /// Answers a body it cannot read (not JSON, not sent as JSON, a key twice) with a 500 and a stack trace.
    case leaksInternalErrors = "leaks-internal-errors"
    /// Compares X-SIGNATURE on its first 16 base64 digits only.
    case comparesSignaturePrefix = "compares-signature-prefix"
    /// Checks the timestamp window backwards only: any X-TIMESTAMP ahead of its clock is accepted.
    case acceptsFutureTimestamp = "accepts-future-timestamp"
    /// Reads X-TIMESTAMP's digits as Jakarta time, whatever offset it carries.
    case ignoresTimestampOffset = "ignores-timestamp-offset"
    /// Skips a token request's signature check when X-SIGNATURE is not base64.
    case tokenSkipsUndecodableSignature = "token-skips-undecodable-signature"
    /// Takes an Authorization header without the Bearer scheme as the token itself.
    case acceptsTokenWithoutScheme = "accepts-token-without-scheme"
    /// Remembers only its last two token requests, so an older one is answered again.
    case shortTokenReplayMemory = "short-token-replay-memory"
    /// Keys an X-EXTERNAL-ID with the call's signature: only an identical re-send is refused.
    case externalIDPerSignature = "external-id-per-signature"
    /// Forgets an X-EXTERNAL-ID a second after its first use, where it is spent for the Jakarta day.
    case shortExternalIDMemory = "short-external-id-memory"
    /// Reads an amount's value as any decimal number (`600000`, `6E+5`), not the two-decimal string.
    case acceptsLooseAmounts = "accepts-loose-amounts"
    /// Takes an empty partnerReferenceNo as present (and pays under a reference of its own).
    case emptyReferenceAsPresent = "empty-reference-as-present"
    /// Answers an inquiry about an account it does not hold with HTTP 200 (the body still says 404xx11).
    case refusalsAnswered200 = "refusals-answered-200"
    /// Counts the partnerReferenceNo of a refused disbursement as used: sent again corrected, it is a conflict.
    case refusalUsesUpReference = "refusal-uses-up-reference"
    /// Counts transactionDate in a retry's identity: a retry re-stamped is paid again.
    case restampedRetryPaysAgain = "restamped-retry-pays-again"

    /// The requirements of `Specs/requirements/payment-partner.yaml` the switch breaks.
    public var requirements: [String] {
        switch self {
        case .doubleCreditOnRetry: ["PAY-IDEM-01", "PAY-STAT-01"]
        case .acceptsBadSignature: ["PAY-AUTH-06"]
        case .acceptsStaleTimestamp: ["PAY-AUTH-07"]
        case .wideTimestampWindow: ["PAY-AUTH-07", "PAY-AUTH-02"]
        case .feeDeducted: ["PAY-PROF-01"]
        case .ignoresKYC: ["PAY-PROF-02"]
        case .transferSkipsProfile: ["PAY-PROF-02", "PAY-PROF-03", "PAY-PROF-04"]
        case .ignoresNIKMismatch: ["PAY-PROF-03"]
        case .unmaskedName: ["PAY-PRIV-01"]
        case .wrongResponseCode: ["PAY-SPEC-02"]
        case .amountAsNumber: ["PAY-SPEC-01"]
        case .serverErrorOnBadInput: ["PAY-SPEC-03", "PAY-SPEC-04"]
        case .echoesNIK, .echoesNIKInRefusals: ["PAY-PRIV-02"]
        case .acceptsAnyAmount: ["PAY-PROF-04"]
        case .acceptsReplayedRequest: ["PAY-AUTH-08"]
        case .acceptsUnauthenticated: ["PAY-AUTH-04"]
        case .acceptsForgedTokenRequest: ["PAY-AUTH-01"]
        case .unknownReferencePending: ["PAY-STAT-02"]
        case .slowAnswers: ["PAY-PERF-01"]
        case .badNotificationSignature: ["PAY-NOTE-01"]
        case .tokenIgnoresTimestamp: ["PAY-AUTH-02"]
        case .acceptsReplayedTokenRequest: ["PAY-AUTH-03"]
        case .acceptsUnknownToken, .acceptsOtherClientsToken: ["PAY-AUTH-05"]
        case .acceptsAnyCurrency: ["PAY-PROF-05"]
        case .acceptsAnyMonth: ["PAY-PROF-06"]
        case .acceptsLongExternalID: ["PAY-SPEC-06"]
        case .reuseAnswersOriginal: ["PAY-IDEM-02"]
        case .notificationMisreports: ["PAY-NOTE-02"]
        case .leaksInternalErrors: ["PAY-SPEC-05"]
        case .comparesSignaturePrefix: ["PAY-AUTH-06"]
        case .acceptsFutureTimestamp, .ignoresTimestampOffset: ["PAY-AUTH-07"]
        case .tokenSkipsUndecodableSignature: ["PAY-AUTH-01"]
        case .acceptsTokenWithoutScheme: ["PAY-AUTH-04"]
        case .shortTokenReplayMemory: ["PAY-AUTH-03"]
        case .externalIDPerSignature, .shortExternalIDMemory: ["PAY-AUTH-08"]
        case .acceptsLooseAmounts: ["PAY-SPEC-04"]
        case .emptyReferenceAsPresent: ["PAY-SPEC-03"]
        case .refusalsAnswered200: ["PAY-SPEC-02"]
        case .refusalUsesUpReference: ["PAY-IDEM-02"]
        case .restampedRetryPaysAgain: ["PAY-IDEM-01"]
        }
    }
}

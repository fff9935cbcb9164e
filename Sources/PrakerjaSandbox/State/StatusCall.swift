import PrakerjaClient
import PrakerjaModels

/// A `redeem-code/status` call as the program accepts it: `sequence` may be absent, as in the
/// program's 2022 example clients, and is then the code's current session
/// (`SandboxStore.currentSequence(of:)`); the call log records that it was tolerated.
struct StatusCall: Decodable, Sendable {
    let redeemCode: RedeemCode
    let sequence: AttendanceSequence?

    enum CodingKeys: String, CodingKey {
        case redeemCode = "redeem_code"
        case sequence
    }
}

extension SandboxLogEntry.Tolerance {
    /// A status call without `sequence`, answered for `answered`.
    static func sequenceMissing(answered: Int) -> Self {
        Self(
            code: "sequence-missing",
            detail: "a status call without sequence (the 2022 form), answered for sequence \(answered), the code's current one",
            fix: "send sequence: 1-10 for the attendance session, 999 for the post-test")
    }
}

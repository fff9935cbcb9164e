import Foundation

/// What a verifier enforces beyond the signature itself: how fresh a timestamp must be, the
/// clock it is judged by, and the replay guard that refuses a signed request seen before.
public struct VerificationPolicy: Sendable {
    public var window: TimestampWindow
    public var clock: SigningClock
    /// Nil disables replay protection (for one-off checks such as `prakerja verify`).
    public var replayGuard: ReplayGuard?

    public init(window: TimestampWindow = .standard, clock: SigningClock = .system, replayGuard: ReplayGuard? = nil) {
        self.window = window
        self.clock = clock
        self.replayGuard = replayGuard
    }

    /// Records a verified signature; refuses it if it was already recorded inside the window.
    /// The signature itself is the key: two different signed requests never share one.
    func admitSignedRequest(signature: String, signedAt: Date) throws(SignatureError) {
        guard let replayGuard else { return }
        try replayGuard.admit(signature, until: window.acceptedUntil(signedAt), now: clock.now())
    }
}

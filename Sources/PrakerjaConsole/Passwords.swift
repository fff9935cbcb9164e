import HummingbirdBcrypt
import NIOPosix

/// Passwords, hashed with bcrypt (hummingbird-auth), on NIO's thread pool: a hash takes a
/// quarter of a second of CPU by design, and must not hold one of Swift's cooperative threads
/// (two on a 2-core machine) while requests wait.
public enum Passwords {
    /// bcrypt's work factor for new passwords.
    public static let cost: UInt8 = 12
    /// Why `password` cannot be set, or nil: too short to resist guessing, longer than the 72
    /// bytes bcrypt reads (it would ignore the rest: two passwords sharing their first 72 bytes
    /// would be the same), or holding control characters (a line break a file or terminal added).
    public static func problem(_ password: String) -> String? {
        if password.count < 12 { return "a password has at least 12 characters" }
        if password.utf8.count > maximumBytes { return "a password has at most \(maximumBytes) bytes (bcrypt reads no more)" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a password has no control characters (line breaks, tabs)"
        }
        return nil
    }

    /// The most of a password bcrypt reads.
    public static let maximumBytes = 72

    /// The bcrypt hash of `password`.
    public static func hash(_ password: String, cost: UInt8 = cost) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` is the one `hash` was made from. With no hash (no such person) a
    /// hash of the same cost is checked anyway: the answer takes as long either way.
    /// A password longer than bcrypt reads never matches (it could not have been set).
    static func verify(_ password: String, hash: String?) async throws -> Bool {
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? decoy) }
        return hash != nil && matches && password.utf8.count <= maximumBytes
    }

    private static let decoy = Bcrypt.hash("no person signs in with this", cost: cost)
}

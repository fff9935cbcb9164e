import HummingbirdBcrypt
import NIOPosix

/// Passwords, hashed with bcrypt (hummingbird-auth), on NIO's thread pool: a hash takes a
/// quarter of a second of CPU by design, and must not hold one of Swift's cooperative threads
/// (two on a 2-core machine) while requests wait.
public enum Passwords {
    /// bcrypt's work factor for new passwords.
    public static let cost: UInt8 = 12
    /// Why `password` is too weak to set, or nil.
    public static func problem(_ password: String) -> String? {
        password.count < 12 ? "a password has at least 12 characters" : password.count > 200 ? "a password has at most 200 characters" : nil
    }

    /// The bcrypt hash of `password`.
    public static func hash(_ password: String, cost: UInt8 = cost) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` is the one `hash` was made from. With no hash (no such person) a
    /// hash of the same cost is checked anyway: the answer takes as long either way.
    static func verify(_ password: String, hash: String?) async throws -> Bool {
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? decoy) }
        return hash != nil && matches
    }

    private static let decoy = Bcrypt.hash("no person signs in with this", cost: cost)
}

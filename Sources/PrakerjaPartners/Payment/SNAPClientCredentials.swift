import PrakerjaSigning

/// A SNAP client the partner serves (the program): its ID, shared secret and RSA public key.
public struct SNAPClientCredentials: Sendable {
    /// Sent as X-CLIENT-KEY (token) and X-PARTNER-ID (transactions).
    public let clientID: String
    /// The HMAC-SHA512 key for transaction signatures.
    public let clientSecret: String
    /// Verifies the access-token request's SHA256withRSA signature.
    public let publicKey: SNAPPublicKey

    public init(clientID: String, clientSecret: String, publicKey: SNAPPublicKey) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.publicKey = publicKey
    }
}

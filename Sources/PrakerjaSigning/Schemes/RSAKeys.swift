import CryptoExtras
import Foundation

/// An RSA private key for SNAP's asymmetric signatures, from PEM (PKCS#1 or PKCS#8).
public struct SNAPPrivateKey: Sendable {
    let key: _RSA.Signing.PrivateKey

    /// Keys shorter than this are refused, as SNAP BI requires.
    public static let minimumBits = 2048

    public init(pem: String) throws(SignatureError) {
        guard pem.contains("-----BEGIN") else { throw .invalidKey("not PEM: no -----BEGIN line") }
        guard pem.contains("PRIVATE KEY-----") else {
            throw .invalidKey("PEM does not hold a private key (expected BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)")
        }
        guard pem.contains("BEGIN PRIVATE KEY") || pem.contains("BEGIN RSA PRIVATE KEY") else {
            throw .invalidKey("PEM holds a private key that is not RSA, or is encrypted")
        }
        do {
            key = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem)
        } catch {
            throw .invalidKey("PEM is not a readable RSA private key (\(error))")
        }
        guard key.keySizeInBits >= Self.minimumBits else {
            throw .invalidKey("RSA key is \(key.keySizeInBits) bits; at least \(Self.minimumBits) are required")
        }
    }

    /// The matching public key, to hand to the verifying side.
    public var publicKey: SNAPPublicKey { SNAPPublicKey(key: key.publicKey) }

    /// Loads a key from a PEM file, with errors that name the file.
    public init(contentsOf path: String) throws(SignatureError) {
        try self.init(pem: try readPEM(path, kind: "private key"))
    }
}

/// An RSA public key for verifying SNAP's asymmetric signatures, from PEM (SPKI or PKCS#1).
public struct SNAPPublicKey: Sendable {
    let key: _RSA.Signing.PublicKey

    fileprivate init(key: _RSA.Signing.PublicKey) { self.key = key }

    public init(pem: String) throws(SignatureError) {
        guard pem.contains("-----BEGIN") else { throw .invalidKey("not PEM: no -----BEGIN line") }
        guard pem.contains("PUBLIC KEY-----") else {
            throw .invalidKey("PEM does not hold a public key (expected BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY)")
        }
        do {
            key = try _RSA.Signing.PublicKey(unsafePEMRepresentation: pem)
        } catch {
            throw .invalidKey("PEM is not a readable RSA public key (\(error))")
        }
        guard key.keySizeInBits >= SNAPPrivateKey.minimumBits else {
            throw .invalidKey("RSA key is \(key.keySizeInBits) bits; at least \(SNAPPrivateKey.minimumBits) are required")
        }
    }

    public init(contentsOf path: String) throws(SignatureError) {
        try self.init(pem: try readPEM(path, kind: "public key"))
    }

    public var pem: String { key.pemRepresentation }
}

private func readPEM(_ path: String, kind: String) throws(SignatureError) -> String {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "no such file"
        throw .invalidKey("cannot read \(kind) file \(path): \(reason)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw .invalidKey("\(kind) file \(path) is not text (PEM expected)")
    }
    return text
}

import Foundation
import Testing

/// The worked examples in `Conformance/vectors/signatures.json`, whose expected values come from
/// an independent implementation (Python's hmac, hashlib, json and cryptography), not from this
/// package.
public struct SignatureVectors: Decodable, Sendable {
    public struct Program: Decodable, Sendable, CustomTestStringConvertible {
        public let name, clientCode, signKey, timestamp, method, path, body, message, signature: String
        public var testDescription: String { name }
    }

    public struct SNAPSymmetric: Decodable, Sendable, CustomTestStringConvertible {
        public let name, clientSecret, accessToken, method, path, timestamp, body, minifiedBody: String
        public let bodySHA256, stringToSign, signature: String
        public var testDescription: String { name }
    }

    public struct SNAPToken: Decodable, Sendable, CustomTestStringConvertible {
        public let name, clientID, timestamp, stringToSign, privateKey, publicKey, signature: String
        public var testDescription: String { name }
    }

    public struct SNAPNotification: Decodable, Sendable, CustomTestStringConvertible {
        public let name, method, path, timestamp, body, bodySHA256, stringToSign, privateKey, publicKey, signature: String
        public var testDescription: String { name }
    }

    public let prakerja: [Program]
    public let snapSymmetric: [SNAPSymmetric]
    public let snapAsymmetricToken: [SNAPToken]
    public let snapAsymmetricNotification: [SNAPNotification]

    /// Where the vectors and their keys live.
    public static let directory = "Conformance/vectors"

    public static let all: SignatureVectors = {
        do {
            return try JSONDecoder().decode(SignatureVectors.self, from: Repository.data("\(directory)/signatures.json"))
        } catch {
            fatalError("Conformance/vectors/signatures.json is unreadable: \(error)")
        }
    }()

    /// The absolute path of a key file named in the vectors (`keys/snap-test-private.pem`).
    public static func keyPath(_ relative: String) -> String { Repository.url("\(directory)/\(relative)").path }
}

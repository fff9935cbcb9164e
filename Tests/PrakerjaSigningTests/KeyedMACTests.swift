import Crypto
import Foundation
import Testing

@testable import PrakerjaSigning

/// The schemes' own HMAC against the RFCs' vectors and against swift-crypto's `HMAC`.
@Suite struct KeyedMACTests {
    static func hex(_ digest: some ContiguousBytes) -> String { Hex.encode(digest) }

    static func code<H: HashFunction>(_: H.Type, key: [UInt8], _ message: [UInt8], split: Int? = nil) -> String {
        let mac = KeyedMAC<H>(key: key)
        return message.withUnsafeBytes { bytes in
            guard let split else { return hex(mac.authenticationCode(bytes)) }
            return hex(mac.authenticationCode(UnsafeRawBufferPointer(rebasing: bytes[..<split]), UnsafeRawBufferPointer(rebasing: bytes[split...])))
        }
    }

    @Test func rfcVectors() {
        let large = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        // RFC 2202, HMAC-SHA1 cases 1 and 6 (a key longer than the block is hashed first).
        #expect(
            Self.code(Insecure.SHA1.self, key: [UInt8](repeating: 0x0B, count: 20), Array("Hi There".utf8))
                == "b617318655057264e28bc0b6fb378c8ef146be00")
        #expect(Self.code(Insecure.SHA1.self, key: [UInt8](repeating: 0xAA, count: 80), large) == "aa4ae5e15272d00e95705637ce8a3b55ed402112")
        // RFC 4231, HMAC-SHA512 cases 1 and 6.
        #expect(
            Self.code(SHA512.self, key: [UInt8](repeating: 0x0B, count: 20), Array("Hi There".utf8))
                == "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")
        #expect(
            Self.code(SHA512.self, key: [UInt8](repeating: 0xAA, count: 131), large)
                == "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")
    }

    /// Keys shorter than, equal to and longer than a block, messages empty to several blocks,
    /// whole or in two parts: the same MAC as swift-crypto's `HMAC`.
    @Test func agreesWithSwiftCryptosHMAC() {
        var random = SystemRandomNumberGenerator()
        for keyLength in [0, 1, 20, 63, 64, 65, 127, 128, 129, 300] {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &random) }
            for messageLength in [0, 1, 55, 56, 64, 200, 1000] {
                let message = (0..<messageLength).map { _ in UInt8.random(in: 0...255, using: &random) }
                let sha1 = Self.hex(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
                let sha512 = Self.hex(HMAC<SHA512>.authenticationCode(for: message, using: SymmetricKey(data: key)))
                #expect(Self.code(Insecure.SHA1.self, key: key, message) == sha1, "key \(keyLength), message \(messageLength)")
                #expect(Self.code(Insecure.SHA1.self, key: key, message, split: messageLength / 3) == sha1)
                #expect(Self.code(SHA512.self, key: key, message) == sha512, "key \(keyLength), message \(messageLength)")
            }
        }
    }
}

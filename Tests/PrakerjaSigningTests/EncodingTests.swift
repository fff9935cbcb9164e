import Foundation
import Testing

@testable import PrakerjaSigning

@Suite struct EncodingTests {
    @Test func base64MatchesFoundationForEveryRemainder() {
        for length in 0...67 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let expected = Data(bytes).base64EncodedString()
            #expect(Base64.encode(bytes) == expected, "length \(length)")
            bytes.withUnsafeBytes { raw in
                #expect(Base64.withEncoded(raw) { String(decoding: $0, as: UTF8.self) } == expected, "length \(length)")
            }
            #expect(Base64.isCanonical(expected, decodedCount: length), "length \(length)")
            #expect(!Base64.isCanonical(expected + "A", decodedCount: length))
            #expect(!Base64.isCanonical(expected, decodedCount: length + 1))
        }
        let mac = Data(repeating: 0xAB, count: 64).base64EncodedString()
        #expect(!Base64.isCanonical(mac.replacingOccurrences(of: "==", with: "A="), decodedCount: 64), "padding where it belongs")
        #expect(!Base64.isCanonical("-" + mac.dropFirst(), decodedCount: 64), "the standard alphabet, not base64url")
    }

    @Test func hexIsLowercase() {
        let bytes: [UInt8] = [0x00, 0x0F, 0xA5, 0xFF]
        #expect(Hex.encode(bytes) == "000fa5ff")
        #expect("0123456789abcdef".utf8.allSatisfy(Hex.isLowercaseDigit))
        #expect(!"ABCDEFgz-".utf8.contains(where: Hex.isLowercaseDigit))
    }

    @Test func constantTimeComparisonComparesEveryByte() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([9, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
    }
}

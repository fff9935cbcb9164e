import Foundation
@testable import PrakerjaSigning
import Testing

@Suite struct EncodingTests {
    @Test func base64MatchesFoundationForEveryRemainder() {
        for length in 0...67 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString(), "length \(length)")
        }
    }

    @Test func hexRoundTripsAndRejectsUppercase() {
        let bytes: [UInt8] = [0x00, 0x0F, 0xA5, 0xFF]
        #expect(Hex.encode(bytes) == "000fa5ff")
        #expect(Hex.decodeLowercase("000fa5ff") == bytes)
        #expect(Hex.decodeLowercase("000FA5FF") == nil)
        #expect(Hex.decodeLowercase("abc") == nil)
    }

    @Test func constantTimeComparisonComparesEveryByte() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([9, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
    }
}

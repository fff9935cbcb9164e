/// Lowercase hexadecimal, as the program's scheme and SNAP's body digest write bytes.
enum Hex {
    private static let digits: StaticString = "0123456789abcdef"

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        withEncoded(bytes) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the hex of `bytes` (at most 64 bytes: digests) in a stack buffer.
    static func withEncoded<Result>(_ bytes: some Sequence<UInt8>, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            var count = 0
            let table = digits.utf8Start
            for byte in bytes {
                precondition(count < 128, "Hex.withEncoded is for digests of at most 64 bytes")
                buffer[count] = table[Int(byte >> 4)]
                buffer[count + 1] = table[Int(byte & 0x0F)]
                count += 2
            }
            return body(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[..<count])))
        }
    }

    /// Decodes lowercase hex; nil for odd length, uppercase or any other character.
    static func decodeLowercase(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

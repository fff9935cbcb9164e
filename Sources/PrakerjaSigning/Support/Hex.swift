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

    /// Whether `digit` is one of `0-9a-f`.
    static func isLowercaseDigit(_ digit: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(digit)
    }
}

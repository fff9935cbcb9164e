import Foundation

/// Lowercase hexadecimal, as the program's scheme and SNAP's body digest write bytes.
enum Hex {
    private static let digits: StaticString = "0123456789abcdef"

    static func encode(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { input in
            String(unsafeUninitializedCapacity: 2 * input.count) { write(input, into: $0) }
        }
    }

    /// Calls `body` with the hex of `bytes` (at most 64 bytes: digests) in a stack buffer.
    static func withEncoded<Result>(_ bytes: some ContiguousBytes, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        bytes.withUnsafeBytes { input in
            precondition(input.count <= 64, "Hex.withEncoded is for digests of at most 64 bytes")
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
                let count = write(input, into: buffer)
                return body(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[..<count])))
            }
        }
    }

    /// Whether `digit` is one of `0-9a-f`.
    static func isLowercaseDigit(_ digit: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(digit)
    }

    /// Writes the hex of `input` into `output` (room for twice its count); the count written.
    private static func write(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let table = digits.utf8Start
        for (index, byte) in input.enumerated() {
            output[2 * index] = table[Int(byte >> 4)]
            output[2 * index + 1] = table[Int(byte & 0x0F)]
        }
        return 2 * input.count
    }
}

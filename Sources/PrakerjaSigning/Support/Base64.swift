import Foundation

/// Standard base64 with padding (RFC 4648), written straight into a `String` or a stack buffer:
/// how SNAP encodes its signatures.
enum Base64 {
    private static let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    static func encode(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { input in
            String(unsafeUninitializedCapacity: encodedCount(input.count)) { write(input, into: $0) }
        }
    }

    /// Calls `body` with the base64 of `bytes` (at most 96 bytes: MACs and digests) in a stack buffer.
    static func withEncoded<Result>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        precondition(bytes.count <= 96, "Base64.withEncoded is for MACs of at most 96 bytes")
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            let count = write(bytes, into: buffer)
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Whether `text` is base64 with padding of exactly `decodedCount` bytes.
    static func isCanonical(_ text: String, decodedCount: Int) -> Bool {
        let padding = (3 - decodedCount % 3) % 3
        let utf8 = text.utf8
        guard utf8.count == encodedCount(decodedCount) else { return false }
        return utf8.enumerated().allSatisfy { index, byte in
            index >= utf8.count - padding
                ? byte == UInt8(ascii: "=")
                : (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
        }
    }

    private static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Writes the base64 of `input` into `output` (room for `encodedCount`); the count written.
    private static func write(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let table = alphabet.utf8Start
        var out = 0, index = 0
        while index + 3 <= input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output[out] = table[Int(chunk >> 18)]
            output[out + 1] = table[Int(chunk >> 12 & 0x3F)]
            output[out + 2] = table[Int(chunk >> 6 & 0x3F)]
            output[out + 3] = table[Int(chunk & 0x3F)]
            out += 4
            index += 3
        }
        let remaining = input.count - index
        if remaining > 0 {
            let chunk = UInt32(input[index]) << 16 | (remaining == 2 ? UInt32(input[index + 1]) << 8 : 0)
            output[out] = table[Int(chunk >> 18)]
            output[out + 1] = table[Int(chunk >> 12 & 0x3F)]
            output[out + 2] = remaining == 2 ? table[Int(chunk >> 6 & 0x3F)] : UInt8(ascii: "=")
            output[out + 3] = UInt8(ascii: "=")
            out += 4
        }
        return out
    }
}

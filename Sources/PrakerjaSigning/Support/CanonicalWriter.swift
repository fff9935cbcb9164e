import Crypto
import Foundation

/// Building a canonical string in one stack buffer and handing it to the MAC in a single update.
///
/// The parts (client code, timestamp, method, path...) are copied once, side by side, into
/// temporary storage; no `String` is concatenated and nothing is left on the heap. One update
/// matters: each `HMAC.update` call costs a generic dispatch that is dearer than copying a
/// hundred bytes.
struct CanonicalWriter {
    private let buffer: UnsafeMutableRawBufferPointer
    private(set) var count = 0

    /// Calls `body` with a writer of room `capacity` (stack for small messages), then returns its result.
    static func withWriter<Result>(capacity: Int, _ body: (inout CanonicalWriter) -> Result) -> Result {
        withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 1) { buffer in
            var writer = CanonicalWriter(buffer: buffer)
            return body(&writer)
        }
    }

    private init(buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    /// The bytes written so far.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[..<count]) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    mutating func append(_ literal: StaticString) {
        append(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// The HTTP method in upper case, as both symmetric schemes sign it.
    mutating func appendMethod(_ method: String) {
        let isUppercase = method.utf8.allSatisfy { !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
        append(isUppercase ? method : method.uppercased())
    }

    /// The lowercase hex of a digest.
    mutating func appendHex(of bytes: some ContiguousBytes) {
        Hex.withEncoded(bytes) { append($0) }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(count + bytes.count <= buffer.count, "CanonicalWriter capacity too small")
        UnsafeMutableRawBufferPointer(rebasing: buffer[count...]).copyMemory(from: bytes)
        count += bytes.count
    }
}

import Foundation

/// Where and why a body is not JSON.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Zero-based byte offset of the fault in the body as sent.
    public let offset: Int
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "at byte \(offset): \(reason)" }
}

/// SNAP BI's minify: the same JSON without insignificant whitespace, every other byte kept.
///
/// Field order, escapes (`\"`, `\u00e9`), number spelling and whitespace inside strings are
/// kept exactly, so both sides hash the same bytes without re-serialising. The scanner validates
/// the whole document (RFC 8259 grammar, UTF-8 inside strings) in the same single pass, and
/// hands the significant bytes to a sink in contiguous runs, so hashing a body that is already
/// minified copies nothing.
public enum JSONMinifier {
    /// Containers nested deeper than this are refused.
    public static let maximumDepth = 512

    /// The minified bytes.
    public static func minify(_ json: some ContiguousBytes) throws(JSONSyntaxError) -> [UInt8] {
        var output: [UInt8] = []
        try json.withBytes { (bytes) throws(JSONSyntaxError) in
            output.reserveCapacity(bytes.count)
            try scan(bytes) { output.append(contentsOf: $0) }
        }
        return output
    }

    /// Validates `bytes` and passes the significant bytes, in order, to `sink`.
    static func scan(_ bytes: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) -> Void) throws(JSONSyntaxError) {
        try withoutActuallyEscaping(sink) { (sink) throws(JSONSyntaxError) in
            var scanner = Scanner(bytes: bytes, sink: sink)
            try scanner.run()
        }
    }

    private enum Expectation { case value, valueOrArrayEnd, key, keyOrObjectEnd, colon, commaOrEnd, done }

    /// The open containers, innermost last: one bit each (object or array), so typical
    /// documents (up to 64 levels) are scanned without allocating.
    private struct ContainerStack {
        private var shallow: UInt64 = 0
        private var deep: [Bool] = []
        private(set) var count = 0

        var isEmpty: Bool { count == 0 }

        var innermostIsObject: Bool {
            count > 64 ? deep[count - 65] : (shallow >> UInt64(count - 1)) & 1 == 1
        }

        mutating func push(isObject: Bool) {
            if count >= 64 {
                deep.append(isObject)
            } else if isObject {
                shallow |= 1 << UInt64(count)
            } else {
                shallow &= ~(1 << UInt64(count))
            }
            count += 1
        }

        mutating func pop() {
            if count > 64 { deep.removeLast() }
            count -= 1
        }
    }

    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        let sink: (UnsafeRawBufferPointer) -> Void
        var index = 0
        var runStart = 0
        var containers = ContainerStack()
        var expectation = Expectation.value

        init(bytes: UnsafeRawBufferPointer, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
            self.bytes = bytes
            self.sink = sink
        }

        mutating func run() throws(JSONSyntaxError) {
            while true {
                skipWhitespace()
                guard index < bytes.count else { break }
                let byte = bytes[index]
                switch expectation {
                case .done:
                    throw fail("unexpected \(describe(byte)) after the end of the JSON value")
                case .colon:
                    guard byte == UInt8(ascii: ":") else { throw fail("expected ':' after an object key, found \(describe(byte))") }
                    index += 1
                    expectation = .value
                case .commaOrEnd:
                    if byte == UInt8(ascii: ",") {
                        index += 1
                        expectation = containers.innermostIsObject ? .key : .value
                    } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                        try close(byte)
                    } else {
                        let closer = containers.innermostIsObject ? "'}'" : "']'"
                        throw fail("expected ',' or \(closer), found \(describe(byte))")
                    }
                case .key, .keyOrObjectEnd:
                    if byte == UInt8(ascii: "}"), expectation == .keyOrObjectEnd {
                        try close(byte)
                    } else {
                        guard byte == UInt8(ascii: "\"") else { throw fail("expected an object key in double quotes, found \(describe(byte))") }
                        try scanString()
                        expectation = .colon
                    }
                case .value, .valueOrArrayEnd:
                    if byte == UInt8(ascii: "]"), expectation == .valueOrArrayEnd {
                        try close(byte)
                    } else {
                        try scanValue(startingWith: byte)
                    }
                }
            }
            flushRun(upTo: index)
            guard expectation == .done else {
                throw JSONSyntaxError(
                    offset: index,
                    reason: containers.isEmpty && expectation == .value
                        ? "no JSON value (the body is empty or only whitespace)"
                        : "unexpected end of the body inside \(containers.innermostIsObject ? "an object" : "an array")")
            }
        }

        private mutating func scanValue(startingWith byte: UInt8) throws(JSONSyntaxError) {
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard containers.count < JSONMinifier.maximumDepth else {
                    throw fail("containers nested deeper than \(JSONMinifier.maximumDepth)")
                }
                containers.push(isObject: byte == UInt8(ascii: "{"))
                index += 1
                expectation = byte == UInt8(ascii: "{") ? .keyOrObjectEnd : .valueOrArrayEnd
                return
            case UInt8(ascii: "\""): try scanString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
            case UInt8(ascii: "t"): try scanLiteral("true")
            case UInt8(ascii: "f"): try scanLiteral("false")
            case UInt8(ascii: "n"): try scanLiteral("null")
            default: throw fail("expected a JSON value, found \(describe(byte))")
            }
            expectation = containers.isEmpty ? .done : .commaOrEnd
        }

        private mutating func close(_ byte: UInt8) throws(JSONSyntaxError) {
            let expected = byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
            guard !containers.isEmpty, containers.innermostIsObject == (expected == UInt8(ascii: "{")) else {
                throw fail("\(describe(byte)) does not close the open container")
            }
            containers.pop()
            index += 1
            expectation = containers.isEmpty ? .done : .commaOrEnd
        }

        private mutating func skipWhitespace() {
            guard index < bytes.count, Self.isWhitespace(bytes[index]) else { return }
            flushRun(upTo: index)
            while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
            runStart = index
        }

        private mutating func flushRun(upTo end: Int) {
            if end > runStart { sink(UnsafeRawBufferPointer(rebasing: bytes[runStart..<end])) }
            runStart = end
        }

        private mutating func scanString() throws(JSONSyntaxError) {
            let start = index
            var position = index + 1
            let count = bytes.count
            // The hot loop: plain characters are skipped with local state only, eight at a time
            // while none of the eight needs a look.
            while position < count {
                while position + 8 <= count, !Self.needsALook(bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)) {
                    position += 8
                }
                guard position < count else { break }
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    index = position + 1
                    return
                } else if byte == UInt8(ascii: "\\") {
                    index = position
                    try scanEscape()
                    position = index
                } else if byte < 0x20 {
                    index = position
                    throw fail("control character \(describe(byte)) must be escaped inside a string")
                } else if byte >= 0x80 {
                    index = position
                    try scanUTF8Sequence()
                    position = index
                } else {
                    position += 1
                }
            }
            index = position
            throw JSONSyntaxError(offset: start, reason: "string is not terminated")
        }

        private mutating func scanEscape() throws(JSONSyntaxError) {
            guard index + 1 < bytes.count else { throw fail("escape at the end of the body") }
            switch bytes[index + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 2
            case UInt8(ascii: "u"):
                guard index + 5 < bytes.count, (2...5).allSatisfy({ Self.isHexDigit(bytes[index + $0]) }) else {
                    throw fail("\\u must be followed by four hex digits")
                }
                index += 6
            default:
                throw fail("invalid escape \\\(describe(bytes[index + 1]))")
            }
        }

        private mutating func scanUTF8Sequence() throws(JSONSyntaxError) {
            let lead = bytes[index]
            let length: Int, secondRange: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
            case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
            case 0xED: (length, secondRange) = (3, 0x80...0x9F)
            case 0xE1...0xEF: (length, secondRange) = (3, 0x80...0xBF)
            case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
            case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
            case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
            default: throw fail("invalid UTF-8 byte \(describe(lead))")
            }
            guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]),
                (2..<length).allSatisfy({ (0x80...0xBF).contains(bytes[index + $0]) })
            else { throw fail("invalid UTF-8 sequence") }
            index += length
        }

        private mutating func scanNumber() throws(JSONSyntaxError) {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw fail("a number needs digits after '-'") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, Self.isDigit(bytes[index]) { throw fail("numbers must not have leading zeros") }
            } else {
                skipDigits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, Self.isDigit(bytes[index]) else { throw fail("a decimal point must be followed by digits") }
                skipDigits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, Self.isDigit(bytes[index]) else { throw fail("an exponent needs digits") }
                skipDigits()
            }
        }

        private mutating func skipDigits() {
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }

        private mutating func scanLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
            let count = literal.utf8CodeUnitCount
            let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: count)
            guard index + count <= bytes.count, bytes[index..<(index + count)].elementsEqual(expected) else {
                throw fail("expected \(literal)")
            }
            index += count
        }

        private func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: index, reason: reason) }

        private func describe(_ byte: UInt8) -> String {
            (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        /// Whether any of eight string bytes (a word) is a quote, a backslash, a control
        /// character or not ASCII (SWAR: each test sets the high bit of a byte that matches).
        private static func needsALook(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func zeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
            let quote = zeroByte(word ^ (ones &* 0x22)), backslash = zeroByte(word ^ (ones &* 0x5C))
            let control = (word &- ones &* 0x20) & ~word & highs
            return (quote | backslash | control | word & highs) != 0
        }

        private static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
        }

        private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

        private static func isHexDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}

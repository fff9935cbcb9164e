import PrakerjaModels

/// A JSON document parsed into one flat array of nodes (a tape) over its bytes: no value is
/// allocated on its own, strings and numbers are read where they lie in the document, and a
/// container's members follow it, each subtree knowing where it ends. The validator's fast path
/// (`JSONSchemaValidator.isValid`) reads it without reference counting.
///
/// It accepts exactly the documents `JSONValue.parse` accepts (RFC 8259, UTF-8, nesting at most
/// `CompactJSONDecoder.maximumDepth`); a document it refuses is nil, and `JSONValue.parse` says why.
public struct JSONTape: Sendable {
    /// The document as given.
    let bytes: [UInt8]
    let nodes: [Node]
    /// Strings with escapes, decoded (a string node with `escaped` points here).
    let decoded: [String]

    struct Node {
        enum Kind: UInt8 { case null, `false`, `true`, number, string, escaped, array, object }
        var kind: Kind
        /// A string's first byte after its quote, a number's first byte, or an escaped string's
        /// index in `decoded`.
        var start: UInt32 = 0
        /// A string's or number's length in bytes; an array's items or an object's members.
        var count: UInt32 = 0
        /// The index of the first node after this one's subtree.
        var end: UInt32 = 0
    }

    /// The tape of `bytes`, or nil when they are not one JSON document.
    public init?(parsing bytes: [UInt8]) {
        guard bytes.count < Int(UInt32.max) else { return nil }
        var parser = Parser(bytes: bytes)
        guard let (nodes, decoded) = parser.parseDocument() else { return nil }
        self.bytes = bytes
        self.nodes = nodes
        self.decoded = decoded
    }

    /// The value at node `index`, as the rest of the kit reads JSON (for what the fast path
    /// compares as whole values: `enum`, `const`, `uniqueItems`).
    func value(at index: Int) -> JSONValue {
        let node = nodes[index]
        switch node.kind {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .number: return .number(text(of: node))
        case .string, .escaped: return .string(text(of: node))
        case .array:
            var items: [JSONValue] = []
            var child = index + 1
            for _ in 0..<node.count {
                items.append(value(at: child))
                child = Int(nodes[child].end)
            }
            return .array(items)
        case .object:
            var members: [(key: String, value: JSONValue)] = []
            var child = index + 1
            for _ in 0..<node.count {
                let key = text(of: nodes[child])
                members.append((key, value(at: child + 1)))
                child = Int(nodes[child + 1].end)
            }
            return .object(members)
        }
    }

    /// A string's or number's text.
    func text(of node: Node) -> String {
        if node.kind == .escaped { return decoded[Int(node.start)] }
        return String(decoding: bytes[Int(node.start)..<Int(node.start + node.count)], as: UTF8.self)
    }

    /// RFC 8259's grammar, as `JSONValue.parse` reads it, writing nodes instead of values.
    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0
        var nodes: [Node] = []
        var decoded: [String] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
            nodes.reserveCapacity(bytes.count / 8)
        }

        mutating func parseDocument() -> ([Node], [String])? {
            guard value() else { return nil }
            skipWhitespace()
            return index == bytes.count ? (nodes, decoded) : nil
        }

        private mutating func skipWhitespace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
        }

        private mutating func value() -> Bool {
            skipWhitespace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "{"): return container(object: true)
            case UInt8(ascii: "["): return container(object: false)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true", .true)
            case UInt8(ascii: "f"): return literal("false", .false)
            case UInt8(ascii: "n"): return literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return false
            }
        }

        private mutating func literal(_ text: StaticString, _ kind: Node.Kind) -> Bool {
            let length = text.utf8CodeUnitCount
            guard index + length <= bytes.count,
                bytes[index..<index + length].elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: length))
            else { return false }
            index += length
            nodes.append(Node(kind: kind, end: UInt32(nodes.count + 1)))
            return true
        }

        private mutating func container(object: Bool) -> Bool {
            depth += 1
            guard depth <= CompactJSONDecoder.maximumDepth else { return false }
            defer { depth -= 1 }
            let at = nodes.count
            nodes.append(Node(kind: object ? .object : .array))
            index += 1
            skipWhitespace()
            var count: UInt32 = 0
            let close = object ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if index < bytes.count, bytes[index] == close {
                index += 1
            } else {
                while true {
                    if object {
                        skipWhitespace()
                        guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), string() else { return false }
                        skipWhitespace()
                        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                        index += 1
                    }
                    guard value() else { return false }
                    count += 1
                    skipWhitespace()
                    guard index < bytes.count else { return false }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                    } else if bytes[index] == close {
                        index += 1
                        break
                    } else {
                        return false
                    }
                }
            }
            nodes[at].count = count
            nodes[at].end = UInt32(nodes.count)
            return true
        }

        private mutating func number() -> Bool {
            let start = index
            func digits() -> Int {
                let first = index
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
                return index - first
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integerStart = index
            guard digits() > 0 else { return false }
            if index - integerStart > 1, bytes[integerStart] == UInt8(ascii: "0") { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return false }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return false }
            }
            nodes.append(Node(kind: .number, start: UInt32(start), count: UInt32(index - start), end: UInt32(nodes.count + 1)))
            return true
        }

        /// A string at `index` (its opening quote): in place when it has no escape, else decoded.
        private mutating func string() -> Bool {
            index += 1
            let start = index
            // Eight bytes at a time while none is a quote, a backslash, a control character or non-ASCII.
            index = bytes.withUnsafeBytes { raw in
                var at = start
                while at + 8 <= raw.count, !Self.special(raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) { at += 8 }
                return at
            }
            var ascii = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    guard
                        ascii
                            || bytes.withUnsafeBufferPointer({
                                String(validating: UnsafeBufferPointer(rebasing: $0[start..<index]), as: UTF8.self) != nil
                            })
                    else { return false }
                    nodes.append(Node(kind: .string, start: UInt32(start), count: UInt32(index - start), end: UInt32(nodes.count + 1)))
                    index += 1
                    return true
                }
                if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
                guard byte >= 0x20 else { return false }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
            return false
        }

        /// The rest of a string that has an escape, decoded as `JSONValue.parse` decodes it.
        private mutating func escapedString(from start: Int) -> Bool {
            index = start - 1
            // The tree parser decodes escapes and reports every error; the tape keeps its result.
            guard let end = Self.stringEnd(bytes, from: start), case .string(let text)? = try? JSONValue.parse(bytes[(start - 1)...end])
            else { return false }
            index = end + 1
            nodes.append(Node(kind: .escaped, start: UInt32(decoded.count), count: UInt32(text.utf8.count), end: UInt32(nodes.count + 1)))
            decoded.append(text)
            return true
        }

        /// Whether one of the eight bytes of `word` is `"`, `\`, below 0x20 or above 0x7F.
        private static func special(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func zeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
            let quote = zeroByte(word ^ (ones &* 0x22)), backslash = zeroByte(word ^ (ones &* 0x5C))
            let control = (word &- ones &* 0x20) & ~word & highs
            return quote | backslash | control | (word & highs) != 0
        }

        /// The index of the quote that closes the string whose contents begin at `start`.
        private static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int? {
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""): return index
                default: index += 1
                }
            }
            return nil
        }
    }
}

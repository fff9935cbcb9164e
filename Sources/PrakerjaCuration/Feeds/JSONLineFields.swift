/// The fields of one JSON Lines row: a flat object whose values are strings, numbers, booleans
/// or null, read straight from the line's bytes (a string's escapes decoded, a number's text
/// kept as written). A nested value, a key given twice, or anything after the object makes the
/// row unreadable.
enum JSONLineFields {
    /// The values of `names` in `line` into `fields` (in `names` order); the reason when the line
    /// cannot be read, lacks one of them, gives one as null, or gives a number or boolean where
    /// `texts` (by slot) says the contract wants a string.
    static func read(_ line: ArraySlice<UInt8>, names: [[UInt8]], texts: [Bool], into fields: inout [ArraySlice<UInt8>]) -> String? {
        var found = [Bool](repeating: false, count: names.count)
        var cursor = line.startIndex
        func skipSpace() { while cursor < line.endIndex, line[cursor] == 32 || line[cursor] == 9 || line[cursor] == 13 { cursor += 1 } }
        func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard cursor < line.endIndex, line[cursor] == byte else { return false }
            cursor += 1
            return true
        }
        guard expect(123) else { return "is not a JSON object" }
        var seen: Set<ArraySlice<UInt8>> = []
        skipSpace()
        if cursor < line.endIndex, line[cursor] == 125 {
            cursor += 1
        } else {
            while true {
                skipSpace()
                guard let key = string(line, &cursor) else { return "a key is not a JSON string" }
                guard seen.insert(key).inserted else { return "\"\(String(decoding: key, as: UTF8.self))\" is given twice" }
                guard expect(58) else { return "no ':' after a key" }
                skipSpace()
                guard cursor < line.endIndex else { return "ends before a value" }
                let value: ArraySlice<UInt8>
                let quoted = line[cursor] == 34
                switch line[cursor] {
                case 34:
                    guard let text = string(line, &cursor) else { return "a string is not closed or has a bad escape" }
                    value = text
                case 123, 91:
                    return "\"\(String(decoding: key, as: UTF8.self))\" is an object or a list: a feed's row is flat"
                default:
                    let start = cursor
                    while cursor < line.endIndex, !(line[cursor] == 44 || line[cursor] == 125 || line[cursor] == 32 || line[cursor] == 9) {
                        cursor += 1
                    }
                    value = line[start..<cursor]
                    guard isScalar(value) else { return "\"\(String(decoding: key, as: UTF8.self))\" is no JSON value" }
                }
                if let slot = names.firstIndex(where: { $0.elementsEqual(key) }) {
                    let shown = String(decoding: key, as: UTF8.self)
                    if !quoted, value.elementsEqual("null".utf8) { return "\"\(shown)\" is null" }
                    if !quoted, texts[slot] { return "\"\(shown)\" must be a JSON string, got \(String(decoding: value.prefix(40), as: UTF8.self))" }
                    fields[slot] = value
                    found[slot] = true
                }
                skipSpace()
                guard cursor < line.endIndex else { return "the object is not closed" }
                if line[cursor] == 44 {
                    cursor += 1
                    continue
                }
                guard line[cursor] == 125 else { return "no ',' or '}' after a value" }
                cursor += 1
                break
            }
        }
        skipSpace()
        guard cursor == line.endIndex else { return "text after the object" }
        if let missing = found.firstIndex(of: false) { return "lacks \"\(String(decoding: names[missing], as: UTF8.self))\"" }
        return nil
    }

    /// A JSON string at `cursor` (its opening quote), its escapes decoded; nil when malformed.
    static func string(_ line: ArraySlice<UInt8>, _ cursor: inout Int) -> ArraySlice<UInt8>? {
        guard cursor < line.endIndex, line[cursor] == 34 else { return nil }
        let start = cursor + 1
        var index = start
        // The common case: no escape, the bytes as they are.
        while index < line.endIndex, line[index] != 34, line[index] != 92 {
            guard line[index] >= 0x20 else { return nil }
            index += 1
        }
        guard index < line.endIndex else { return nil }
        if line[index] == 34 {
            cursor = index + 1
            return line[start..<index]
        }
        var text = Array(line[start..<index])
        while index < line.endIndex {
            let byte = line[index]
            if byte == 34 {
                cursor = index + 1
                return text[...]
            }
            guard byte >= 0x20 else { return nil }
            guard byte == 92 else {
                text.append(byte)
                index += 1
                continue
            }
            guard index + 1 < line.endIndex else { return nil }
            let escaped = line[index + 1]
            index += 2
            switch escaped {
            case 34, 92, 47: text.append(escaped)
            case 98: text.append(8)
            case 102: text.append(12)
            case 110: text.append(10)
            case 114: text.append(13)
            case 116: text.append(9)
            case 117:
                guard index + 4 <= line.endIndex, let unit = UInt32(String(decoding: line[index..<index + 4], as: UTF8.self), radix: 16) else {
                    return nil
                }
                index += 4
                var scalar = unit
                if (0xD800..<0xDC00).contains(unit) {
                    guard index + 6 <= line.endIndex, line[index] == 92, line[index + 1] == 117,
                        let low = UInt32(String(decoding: line[index + 2..<index + 6], as: UTF8.self), radix: 16), (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    index += 6
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let character = Unicode.Scalar(scalar) else { return nil }
                text.append(contentsOf: Array(String(Character(character)).utf8))
            default: return nil
            }
        }
        return nil
    }

    /// Whether `text` is a JSON number, `true`, `false` or `null`.
    static func isScalar(_ text: ArraySlice<UInt8>) -> Bool {
        if text.elementsEqual("true".utf8) || text.elementsEqual("false".utf8) || text.elementsEqual("null".utf8) { return true }
        guard !text.isEmpty else { return false }
        return text.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 43 || $0 == 46 || $0 == 101 || $0 == 69 }
    }
}

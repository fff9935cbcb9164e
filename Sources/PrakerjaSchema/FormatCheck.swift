import PrakerjaModels

/// The formats the validator can assert when asked to (`JSONSchemaValidator.assertFormats`).
/// Any other format stays an annotation: it never fails an instance.
enum FormatCheck {
    static let asserted: Set<String> = ["date-time", "date", "time", "uuid", "ipv4"]

    /// Why `text` is not a valid `format`, or nil when it is (or the format is not asserted).
    static func problem(_ format: String, _ text: String) -> String? {
        switch format {
        case "date-time":
            let parts = text.split(omittingEmptySubsequences: false) { $0 == "T" || $0 == "t" }
            guard parts.count == 2, parts[0].count == 10, (try? CalendarDate(String(parts[0]))) != nil, isTime(parts[1]) else {
                return "expected RFC 3339, like 2021-11-02T13:14:15+07:00"
            }
            return nil
        case "date":
            return text.count == 10 && (try? CalendarDate(text)) != nil ? nil : "expected a calendar date, like 2021-11-02"
        case "time":
            return isTime(Substring(text)) ? nil : "expected a time with an offset, like 13:14:15+07:00"
        case "uuid":
            let groups = text.split(separator: "-", omittingEmptySubsequences: false)
            return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy({ $0.allSatisfy(\.isHexDigit) })
                ? nil : "expected 8-4-4-4-12 hex digits"
        case "ipv4":
            let octets = text.split(separator: ".", omittingEmptySubsequences: false)
            let valid =
                octets.count == 4
                && octets.allSatisfy { octet in
                    guard (1...3).contains(octet.count), octet.allSatisfy(\.isASCIIDigit), let value = Int(octet), value <= 255 else { return false }
                    return octet.count == 1 || octet.first != "0"
                }
            return valid ? nil : "expected four numbers 0-255, like 192.168.0.1"
        default:
            return nil
        }
    }

    /// RFC 3339 `full-time`: `HH:MM:SS[.fraction](Z|±HH:MM)`, a leap second only at 23:59:60 UTC.
    private static func isTime(_ text: Substring) -> Bool {
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count, chars[range].allSatisfy({ (48...57).contains($0) }) else { return nil }
            return Int(String(decoding: chars[range], as: UTF8.self))
        }
        guard chars.count >= 9, chars[2] == UInt8(ascii: ":"), chars[5] == UInt8(ascii: ":"),
            let hour = number(0..<2), let minute = number(3..<5), let second = number(6..<8), hour < 24, minute < 60, second <= 60
        else { return false }
        var index = 8
        if chars[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < chars.count, (48...57).contains(chars[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < chars.count else { return false }
        var offsetMinutes = 0
        switch chars[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == chars.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == chars.count, chars[index + 3] == UInt8(ascii: ":"),
                let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6), hours < 24, minutes < 60
            else { return false }
            offsetMinutes = (hours * 60 + minutes) * (chars[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        guard second == 60 else { return true }
        let utcMinute = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
        return utcMinute == 23 * 60 + 59
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

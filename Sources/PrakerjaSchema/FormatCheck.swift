import PrakerjaModels

/// The formats the validator can assert when asked to (`JSONSchemaValidator.assertFormats`).
/// Any other format stays an annotation: it never fails an instance. Checked on the string's
/// UTF-8 bytes, without allocating.
enum FormatCheck: String, CaseIterable {
    case dateTime = "date-time", date, time, uuid, ipv4

    /// Why `text` is not valid in this format, or nil when it is.
    func problem(_ text: String) -> String? {
        var text = text
        return text.withUTF8(accepts) ? nil : expectation
    }

    /// What a valid string looks like, as an error says it.
    var expectation: String {
        switch self {
        case .dateTime: "expected RFC 3339, like 2021-11-02T13:14:15+07:00"
        case .date: "expected a calendar date, like 2021-11-02"
        case .time: "expected a time with an offset, like 13:14:15+07:00"
        case .uuid: "expected 8-4-4-4-12 hex digits"
        case .ipv4: "expected four numbers 0-255, like 192.168.0.1"
        }
    }

    /// Whether the string of UTF-8 `bytes` is valid in this format.
    func accepts(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .dateTime:
            // RFC 3339 `date-time`: a full date, `T` (or `t`), a full time.
            bytes.count > 11 && (bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"))
                && Self.isDate(.init(rebasing: bytes[..<10])) && Self.isTime(.init(rebasing: bytes[11...]))
        case .date: Self.isDate(bytes)
        case .time: Self.isTime(bytes)
        case .uuid:
            bytes.count == 36
                && bytes.indices.allSatisfy { [8, 13, 18, 23].contains($0) ? bytes[$0] == UInt8(ascii: "-") : Self.isHexDigit(bytes[$0]) }
        case .ipv4: Self.isIPv4(bytes)
        }
    }

    /// RFC 3339 `full-date`: `YYYY-MM-DD`, a day the month has, years 1-9999.
    @inline(__always) private static func isDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes, 0..<4), let month = number(bytes, 5..<7), let day = number(bytes, 8..<10)
        else { return false }
        return (try? CalendarDate(year: year, month: month, day: day)) != nil
    }

    /// RFC 3339 `full-time`: `HH:MM:SS[.fraction](Z|±HH:MM)`, a leap second only at 23:59:60 UTC.
    @inline(__always) private static func isTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 9, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: ":"),
            let hour = number(bytes, 0..<2), let minute = number(bytes, 3..<5), let second = number(bytes, 6..<8),
            hour < 24, minute < 60, second <= 60
        else { return false }
        var index = 8
        if bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let hours = number(bytes, index + 1..<index + 3), let minutes = number(bytes, index + 4..<index + 6), hours < 24, minutes < 60
            else { return false }
            offsetMinutes = (hours * 60 + minutes) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        guard second == 60 else { return true }
        let utcMinute = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
        return utcMinute == 23 * 60 + 59
    }

    /// Four decimal numbers 0-255 joined by dots, none with a leading zero.
    private static func isIPv4(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var octets = 0, start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ".") {
            let length = index - start
            guard (1...3).contains(length), let value = number(bytes, start..<index), value <= 255,
                length == 1 || bytes[start] != UInt8(ascii: "0")
            else { return false }
            octets += 1
            start = index + 1
        }
        return octets == 4
    }

    /// The decimal number the ASCII digits in `range` spell, or nil when one is not a digit.
    @inline(__always) private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard range.upperBound <= bytes.count else { return nil }
        var value = 0
        for index in range {
            guard isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
        }
        return value
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 6 }
}

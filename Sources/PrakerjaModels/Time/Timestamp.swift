import Foundation

/// An instant on the wire: RFC 3339 with a UTC offset, to the second, written in Jakarta time
/// (`2021-11-02T13:14:15+07:00`). Reading accepts any offset or `Z` and a fraction of a second.
///
/// Every date in the kit's JSON is one of these (SNAP's `X-TIMESTAMP` and `transactionDate`, and
/// every date in the role APIs), never a number whose epoch the reader must guess.
public struct Timestamp: Hashable, Comparable, Sendable, WireValue, CustomStringConvertible {
    public let date: Date

    public init(_ date: Date) { self.date = date }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    public init(_ text: String) throws(FieldError) {
        let malformed = FieldError(field: "", reason: "expected a date and time with an offset, like 2021-11-02T13:14:15+07:00")
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) throws(FieldError) -> Int {
            guard range.upperBound <= chars.count, chars[range].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
            else { throw malformed }
            return chars[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        guard chars.count >= 20, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"), chars[10] == UInt8(ascii: "T"),
            chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":")
        else { throw malformed }
        let hour = try number(11..<13), minute = try number(14..<16), second = try number(17..<19)
        let year = try number(0..<4), month = try number(5..<7), dayOfMonth = try number(8..<10)
        guard let day = try? CalendarDate(year: year, month: month, day: dayOfMonth), hour < 24, minute < 60, second < 60
        else { throw FieldError(field: "", reason: "\"\(text.prefix(40))\" is not a real date and time") }
        var index = 19
        var fraction = 0.0
        if chars[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < chars.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(chars[index]) { index += 1 }
            guard index > start, index - start <= 9 else { throw malformed }
            fraction = Double("0." + String(decoding: chars[start..<index], as: UTF8.self)) ?? 0
        }
        let offset: Int
        if index == chars.count - 1, chars[index] == UInt8(ascii: "Z") {
            offset = 0
        } else if index == chars.count - 6, chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-"),
            chars[index + 3] == UInt8(ascii: ":")
        {
            let hours = try number((index + 1)..<(index + 3)), minutes = try number((index + 4)..<(index + 6))
            guard hours <= 14, minutes < 60 else { throw malformed }
            offset = (chars[index] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        } else {
            throw malformed
        }
        let seconds = hour * 3600 + minute * 60 + second
        date = day.startDate(utcOffsetSeconds: offset).addingTimeInterval(TimeInterval(seconds) + fraction)
    }

    /// `date` at `utcOffsetSeconds` from UTC (WIB, +07:00, by default), to the second.
    public static func format(_ date: Date, utcOffsetSeconds: Int = CalendarDate.wibOffsetSeconds) -> String {
        let day = CalendarDate(date, utcOffsetSeconds: utcOffsetSeconds)
        let localSeconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        let secondOfDay = ((localSeconds % 86_400) + 86_400) % 86_400
        let offsetMinutes = abs(utcOffsetSeconds) / 60
        return "\(day)T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))"
            + "\(utcOffsetSeconds < 0 ? "-" : "+")\(pad(offsetMinutes / 60)):\(pad(offsetMinutes % 60))"
    }

    public var description: String { Self.format(date) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.date < rhs.date }

    public init(wire: String) throws(FieldError) { try self.init(wire) }

    public var wire: String { description }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension KeyedDecodingContainer {
    /// A date written as a `Timestamp`.
    public func decodeTimestamp(forKey key: Key) throws -> Date { try decode(Timestamp.self, forKey: key).date }

    /// A date written as a `Timestamp`, or nil when absent or null.
    public func decodeTimestampIfPresent(forKey key: Key) throws -> Date? { try decodeIfPresent(Timestamp.self, forKey: key)?.date }
}

extension KeyedEncodingContainer {
    /// Writes `date` as a `Timestamp`.
    public mutating func encodeTimestamp(_ date: Date, forKey key: Key) throws { try encode(Timestamp(date), forKey: key) }
}

import Foundation
import PrakerjaModels

/// A feed's values read from a field's bytes, each refusing what it is not with a reason that
/// names the field: what rows of the program's feeds (disbursements, complaints, survey answers)
/// hold. Parsed without building strings, for files of millions of rows.
enum FeedValues {
    /// A value a field does not hold: the reason, to be reported with the row's file and line.
    struct Invalid: Error {
        let reason: String
    }

    /// An identifier: 1 to 64 printable ASCII characters.
    static func identifier(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) -> String {
        guard (1...64).contains(bytes.count), bytes.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw Invalid(reason: "\(field) must be 1 to 64 printable characters without spaces, got \(shown(bytes))")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A NIK: exactly 16 digits, as a number (never printed unmasked).
    static func nik(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) -> UInt64 {
        guard bytes.count == 16, let value = digits(bytes) else { throw Invalid(reason: "\(field) must be 16 digits") }
        return value
    }

    /// A whole number from `range` (written as a JSON number or a string of digits).
    static func integer(_ bytes: ArraySlice<UInt8>, _ field: String, in range: ClosedRange<Int>) throws(Invalid) -> Int {
        guard bytes.count <= 18, let value = digits(bytes), range.contains(Int(value)) else {
            throw Invalid(reason: "\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(shown(bytes))")
        }
        return Int(value)
    }

    /// Rupiah: whole rupiah, as `600000` or as SNAP writes it, `600000.00` (the program pays no cents).
    static func rupiah(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) -> Int64 {
        var whole = bytes
        if let dot = bytes.firstIndex(of: 46) {
            let cents = bytes[(dot + 1)...]
            guard cents.count == 2, cents.allSatisfy({ $0 == 48 }) else {
                throw Invalid(reason: "\(field) must be whole rupiah (600000 or 600000.00), got \(shown(bytes))")
            }
            whole = bytes[..<dot]
        }
        guard (1...15).contains(whole.count), let value = digits(whole) else {
            throw Invalid(reason: "\(field) must be whole rupiah (600000 or 600000.00), got \(shown(bytes))")
        }
        return Int64(value)
    }

    /// A calendar date `YYYY-MM-DD`, as its day number.
    static func date(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) -> CalendarDate {
        guard bytes.count == 10, let date = try? CalendarDate(String(decoding: bytes, as: UTF8.self)) else {
            throw Invalid(reason: "\(field) must be a date YYYY-MM-DD, got \(shown(bytes))")
        }
        return date
    }

    /// An instant `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, as seconds since 1970 (UTC).
    static func instant(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) -> Int64 {
        let invalid = Invalid(reason: "\(field) must be a time like 2021-11-02T13:14:15+07:00, got \(shown(bytes))")
        let text = Array(bytes)
        guard text.count >= 20, text[10] == 84 || text[10] == 32, text[13] == 58, text[16] == 58,
            let date = try? CalendarDate(String(decoding: text[0..<10], as: UTF8.self)),
            let hour = digits(text[11..<13]), let minute = digits(text[14..<16]), let second = digits(text[17..<19]),
            hour < 24, minute < 60, second < 61
        else { throw invalid }
        var index = 19
        if text[index] == 46 {
            index += 1
            while index < text.count, text[index] >= 48, text[index] <= 57 { index += 1 }
        }
        guard index < text.count else { throw invalid }
        var offset: Int64 = 0
        if text[index] == 90, index + 1 == text.count {
            offset = 0
        } else if text[index] == 43 || text[index] == 45, index + 6 == text.count, text[index + 3] == 58,
            let hours = digits(text[(index + 1)..<(index + 3)]), let minutes = digits(text[(index + 4)..<(index + 6)]), hours < 24, minutes < 60
        {
            offset = Int64(hours * 3600 + minutes * 60) * (text[index] == 45 ? -1 : 1)
        } else {
            throw invalid
        }
        return Int64(date.dayNumber - Self.epochDay) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - offset
    }

    /// The day number of 1970-01-01.
    static let epochDay = (try! CalendarDate(year: 1970, month: 1, day: 1)).dayNumber

    /// The digits of `bytes` as a number; nil when empty or anything else is there.
    static func digits(_ bytes: some Collection<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 19 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + UInt64(byte - 48)
        }
        return value
    }

    /// A field's text as a message may quote it: at most 40 characters, control characters dropped.
    static func shown(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self).filter { !$0.isNewline && $0.asciiValue.map { $0 >= 32 } ?? true }
        return "'\(text)'" + (bytes.count > 40 ? "..." : "")
    }
}

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

    /// Refuses what is not an identifier (1 to 64 printable ASCII characters), without making a string of it.
    static func checkIdentifier(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) {
        guard (1...64).contains(bytes.count), bytes.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw Invalid(reason: "\(field) must be 1 to 64 printable characters without spaces, got \(shown(bytes))")
        }
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

    /// One digit from `range` (a satisfaction score, a survey's wave): `05` is not one.
    static func digit(_ bytes: ArraySlice<UInt8>, _ field: String, in range: ClosedRange<Int>) throws(Invalid) -> Int {
        guard bytes.count == 1, let value = digits(bytes), range.contains(Int(value)) else {
            throw Invalid(reason: "\(field) must be one digit from \(range.lowerBound) to \(range.upperBound), got \(shown(bytes))")
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
        guard let date = calendarDate(bytes) else { throw Invalid(reason: "\(field) must be a date YYYY-MM-DD, got \(shown(bytes))") }
        return date
    }

    /// `YYYY-MM-DD` read from its bytes; nil when it is no date.
    static func calendarDate(_ bytes: ArraySlice<UInt8>) -> CalendarDate? {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == 45, bytes[start + 7] == 45, let year = digits(bytes[start..<(start + 4)]),
            let month = digits(bytes[(start + 5)..<(start + 7)]), let day = digits(bytes[(start + 8)..<(start + 10)])
        else { return nil }
        return try? CalendarDate(year: Int(year), month: Int(month), day: Int(day))
    }

    /// An instant `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, as seconds since 1970 (UTC).
    static func instant(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) -> Int64 {
        // Its reason made only when thrown: a row that is right makes no string.
        var invalid: Invalid { Invalid(reason: "\(field) must be a time like 2021-11-02T13:14:15+07:00, got \(shown(bytes))") }
        let s = bytes.startIndex, end = bytes.endIndex
        guard bytes.count >= 20, bytes[s + 10] == 84 || bytes[s + 10] == 32, bytes[s + 13] == 58, bytes[s + 16] == 58,
            let date = calendarDate(bytes[s..<(s + 10)]), let hour = digits(bytes[(s + 11)..<(s + 13)]),
            let minute = digits(bytes[(s + 14)..<(s + 16)]), let second = digits(bytes[(s + 17)..<(s + 19)]), hour < 24, minute < 60, second < 61
        else { throw invalid }
        var index = s + 19
        if bytes[index] == 46 {
            index += 1
            while index < end, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
        }
        guard index < end else { throw invalid }
        var offset: Int64 = 0
        if bytes[index] == 90, index + 1 == end {
            offset = 0
        } else if bytes[index] == 43 || bytes[index] == 45, index + 6 == end, bytes[index + 3] == 58,
            let hours = digits(bytes[(index + 1)..<(index + 3)]), let minutes = digits(bytes[(index + 4)..<(index + 6)]), hours < 24, minutes < 60
        {
            offset = Int64(hours * 3600 + minutes * 60) * (bytes[index] == 45 ? -1 : 1)
        } else {
            throw invalid
        }
        return Int64(date.dayNumber - Self.epochDay) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - offset
    }

    /// The day an instant (seconds since 1970) falls on in Jakarta (WIB), as a day number.
    static func jakartaDay(_ seconds: Int64) -> Int {
        epochDay + Int((seconds + Int64(CalendarDate.wibOffsetSeconds)).dividedRoundingDown(by: 86_400))
    }

    /// A NIK masked as the kit masks one (`************0007`): refused with a reason that never
    /// repeats what the field held (it may be a bare NIK).
    static func checkMaskedNIK(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) {
        guard bytes.count == 16, bytes.prefix(12).allSatisfy({ $0 == 42 }), digits(bytes.suffix(4)) != nil else {
            let bare = bytes.count == 16 && digits(bytes) != nil
            throw Invalid(
                reason: bare
                    ? "\(field) is a bare NIK: the program's feeds carry it masked (************1234); the row is not read"
                    : "\(field) must be a masked NIK (************1234)")
        }
    }

    /// `true` or `false`.
    static func boolean(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) -> Bool {
        if bytes.elementsEqual("true".utf8) { return true }
        if bytes.elementsEqual("false".utf8) { return false }
        throw Invalid(reason: "\(field) must be true or false, got \(shown(bytes))")
    }

    /// One of `names` (an enumeration's values), as its index in them.
    static func choice(_ bytes: ArraySlice<UInt8>, _ field: String, of names: [String]) throws(Invalid) -> Int {
        guard let index = names.firstIndex(where: { $0.utf8.elementsEqual(bytes) }) else {
            throw Invalid(reason: "\(field) must be one of \(names.joined(separator: ", ")), got \(shown(bytes))")
        }
        return index
    }

    /// A month `YYYY-MM`, as (year, month).
    static func month(_ bytes: ArraySlice<UInt8>, _ field: String) throws(Invalid) -> (year: Int, month: Int) {
        let s = bytes.startIndex
        guard bytes.count == 7, bytes[s + 4] == 45, let year = digits(bytes[s..<(s + 4)]), let month = digits(bytes[(s + 5)..<(s + 7)]),
            (1...12).contains(month)
        else { throw Invalid(reason: "\(field) must be a month YYYY-MM, got \(shown(bytes))") }
        return (Int(year), Int(month))
    }

    /// FNV-1a of `bytes`: a partition's or a seen id's hash.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
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

extension Int64 {
    /// The quotient rounded towards minus infinity (a time before 1970 falls on the day before).
    func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

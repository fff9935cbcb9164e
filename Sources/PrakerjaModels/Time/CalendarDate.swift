import Foundation

/// A day on the calendar (no time, no zone): a birth date, a holiday, a payment due date.
///
/// Arithmetic is done on day numbers (days since 1970-01-01), so it is exact and needs no
/// `Calendar`. Written and read as `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Sendable, WireValue, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A validated date; fails for a month outside 1-12 or a day the month does not have.
    public init(year: Int, month: Int, day: Int) throws(FieldError) {
        guard (1...9999).contains(year) else {
            throw FieldError(field: "year", reason: "must be between 1 and 9999, got \(year)")
        }
        guard (1...12).contains(month) else {
            throw FieldError(field: "month", reason: "must be between 1 and 12, got \(month)")
        }
        let length = Self.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            throw FieldError(field: "day", reason: "must be between 1 and \(length) for \(year)-\(Self.pad(month)), got \(day)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(_ text: String) throws(FieldError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else {
            throw FieldError(field: "", reason: "must be a date written YYYY-MM-DD")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The date on the wall clock at `utcOffsetSeconds` from UTC (WIB, Jakarta, by default).
    public init(_ date: Date, utcOffsetSeconds: Int = CalendarDate.wibOffsetSeconds) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        self.init(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// Western Indonesia Time, UTC+7: the zone of the program's own dates.
    public static let wibOffsetSeconds = 7 * 3600

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var weekday: Int {
        let mondayBased = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (mondayBased < 0 ? mondayBased + 7 : mondayBased) + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// The same day `months` later; the 31st becomes the last day of a shorter month.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12, newMonth = index % 12 + 1
        let newDay = min(day, Self.daysIn(month: newMonth, year: newYear))
        return CalendarDate(uncheckedYear: newYear, month: newMonth, day: newDay)
    }

    /// Midnight at the start of this day at `utcOffsetSeconds` from UTC.
    public func startDate(utcOffsetSeconds: Int = CalendarDate.wibOffsetSeconds) -> Date {
        Date(timeIntervalSince1970: TimeInterval(dayNumber * 86_400 - utcOffsetSeconds))
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String { "\(Self.pad(year, width: 4))-\(Self.pad(month))-\(Self.pad(day))" }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func pad(_ value: Int, width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    public init(wire: String) throws(FieldError) { self = try CalendarDate(wire) }

    public var wire: String { description }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

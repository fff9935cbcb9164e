import Foundation

/// A Nomor Induk Kependudukan: the 16-digit Indonesian national identity number.
///
/// Layout: province (2), regency (2), district (2), birth date DDMMYY with 40 added to the day
/// for women, serial (4). Construction checks every part, so a `NIK` value is always well formed.
/// Its `description` is masked, so interpolating one into a log line never leaks it.
public struct NIK: Hashable, Sendable, WireValue, CustomStringConvertible {
    /// The 16 digits as given.
    public let digits: String
    public let birthDate: CalendarDate
    public let sex: Sex

    public enum Sex: String, Sendable, Codable { case male, female }

    /// Validates a NIK.
    ///
    /// - Parameter referenceYear: the current year, to place the two-digit birth year in a century
    ///   (a birth year after it is read as 19YY). Defaults to this year in Jakarta.
    public init(_ text: String, referenceYear: Int = CalendarDate(Date()).year) throws(FieldError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 16 else {
            throw FieldError(field: "", reason: "must be exactly 16 digits, got \(bytes.count) characters")
        }
        guard bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw FieldError(field: "", reason: "must contain only digits")
        }
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let provinceCode = String(decoding: bytes[0..<2], as: UTF8.self)
        guard (try? Province(code: provinceCode)) != nil else {
            throw FieldError(field: "", reason: "digits 1-2 (\(provinceCode)) are not a province code")
        }
        guard number(2..<4) > 0 else { throw FieldError(field: "", reason: "digits 3-4 (regency) must not be 00") }
        guard number(4..<6) > 0 else { throw FieldError(field: "", reason: "digits 5-6 (district) must not be 00") }
        var day = number(6..<8)
        let month = number(8..<10), shortYear = number(10..<12)
        let sex: Sex = day > 40 ? .female : .male
        if sex == .female { day -= 40 }
        guard (1...31).contains(day) else {
            throw FieldError(field: "", reason: "digits 7-8 must be a birth day 01-31 (41-71 for women), got \(number(6..<8))")
        }
        guard (1...12).contains(month) else {
            throw FieldError(field: "", reason: "digits 9-10 must be a birth month 01-12, got \(month)")
        }
        let century = 2000 + shortYear <= referenceYear ? 2000 : 1900
        guard let birthDate = try? CalendarDate(year: century + shortYear, month: month, day: day) else {
            throw FieldError(field: "", reason: "digits 7-12 are not a real birth date (day \(day) of month \(month))")
        }
        guard number(12..<16) > 0 else { throw FieldError(field: "", reason: "digits 13-16 (serial) must not be 0000") }
        self.digits = text
        self.birthDate = birthDate
        self.sex = sex
    }

    /// The province of registration.
    public var province: Province {
        // Validated at construction.
        try! Province(code: String(digits.prefix(2)))
    }

    /// Province and regency: `"3273"`.
    public var regencyCode: String { String(digits.prefix(4)) }

    /// Province, regency and district: `"327301"`.
    public var districtCode: String { String(digits.prefix(6)) }

    /// The last four digits.
    public var serial: String { String(digits.suffix(4)) }

    /// Age in whole years on `date`.
    public func age(on date: CalendarDate) -> Int {
        let hadBirthday = (date.month, date.day) >= (birthDate.month, birthDate.day)
        return date.year - birthDate.year - (hadBirthday ? 0 : 1)
    }

    public var masked: String { Masking.nik(digits) }

    public var description: String { masked }

    public init(wire: String) throws(FieldError) { self = try NIK(wire) }

    public var wire: String { digits }
}

import Foundation

/// Indonesia's working days: Monday to Friday, minus public holidays and collective leave.
///
/// Holidays are data, per year, because the government sets them each year by joint decree and
/// moves them when it needs to. The calendar only answers for years it has data for: asking about
/// any other year is an error, never a guess.
public struct WorkingDayCalendar: Sendable {
    /// A day off that is not a weekend.
    public struct Holiday: Hashable, Sendable, Codable {
        public let date: CalendarDate
        public let name: String
        public let kind: Kind

        public enum Kind: String, Sendable, Codable {
            /// Libur nasional.
            case national
            /// Cuti bersama: collective leave, also a non-working day for banks and government.
            case collectiveLeave = "collective-leave"
        }

        public init(date: CalendarDate, name: String, kind: Kind) {
            self.date = date
            self.name = name
            self.kind = kind
        }
    }

    /// The years this calendar has holiday data for.
    public let coveredYears: Set<Int>
    private let holidaysByDate: [CalendarDate: Holiday]

    /// A calendar with the given holidays for the given years. Holidays outside those years are refused.
    public init(holidays: [Holiday], coveredYears: Set<Int>) throws(FieldError) {
        var byDate: [CalendarDate: Holiday] = [:]
        for (index, holiday) in holidays.enumerated() {
            guard coveredYears.contains(holiday.date.year) else {
                throw FieldError(field: "holidays[\(index)].date", reason: "\(holiday.date) is outside the covered years")
            }
            byDate[holiday.date] = holiday
        }
        self.coveredYears = coveredYears
        self.holidaysByDate = byDate
    }

    /// Reads a calendar from the JSON form of `indonesia-holidays.json`:
    /// `{"years": {"2021": {"holidays": [{"date": "2021-01-01", "name": "...", "kind": "national"}]}}}`.
    public init(json: Data) throws(FieldError) {
        struct Document: Decodable {
            struct Year: Decodable { let holidays: [Holiday] }
            let years: [String: Year]
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: json)
        } catch let error as DecodingError {
            throw FieldError(error)
        } catch {
            throw FieldError(field: "", reason: "is not JSON: \(error.localizedDescription)")
        }
        var years = Set<Int>()
        for key in document.years.keys {
            guard let year = Int(key), (1900...2999).contains(year) else {
                throw FieldError(field: "years.\(key)", reason: "must be a year such as \"2021\"")
            }
            years.insert(year)
        }
        let holidays = document.years.sorted { $0.key < $1.key }.flatMap(\.value.holidays)
        try self.init(holidays: holidays, coveredYears: years)
    }

    /// The calendar shipped with the SDK (`Resources/indonesia-holidays.json`).
    public static func indonesia() throws(FieldError) -> WorkingDayCalendar {
        guard let url = Bundle.module.url(forResource: "indonesia-holidays", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else {
            throw FieldError(field: "indonesia-holidays.json", reason: "the bundled holiday data is missing from the build")
        }
        return try FieldError.within("indonesia-holidays.json") { () throws(FieldError) in try WorkingDayCalendar(json: data) }
    }

    /// The holiday on `date`, if it is one.
    public func holiday(on date: CalendarDate) throws(FieldError) -> Holiday? {
        try requireCovered(date)
        return holidaysByDate[date]
    }

    public func isWorkingDay(_ date: CalendarDate) throws(FieldError) -> Bool {
        try requireCovered(date)
        return !date.isWeekend && holidaysByDate[date] == nil
    }

    /// The working day `count` working days after `date` (`count` ≥ 0; 0 gives `date` itself when it is a working day,
    /// otherwise the next one).
    public func adding(workingDays count: Int, to date: CalendarDate) throws(FieldError) -> CalendarDate {
        guard count >= 0 else { throw FieldError(field: "workingDays", reason: "must not be negative, got \(count)") }
        var current = date
        var remaining = count
        while try !isWorkingDay(current) { current = current.adding(days: 1) }
        while remaining > 0 {
            current = current.adding(days: 1)
            if try isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// How many working days lie after `start` up to and including `end` (0 when `end` ≤ `start`).
    public func workingDays(after start: CalendarDate, through end: CalendarDate) throws(FieldError) -> Int {
        var count = 0
        var current = start
        while current < end {
            current = current.adding(days: 1)
            if try isWorkingDay(current) { count += 1 }
        }
        return count
    }

    private func requireCovered(_ date: CalendarDate) throws(FieldError) {
        guard coveredYears.contains(date.year) else {
            let known = coveredYears.sorted().map(String.init).joined(separator: ", ")
            throw FieldError(field: "date", reason: "no holiday data for \(date.year) (this calendar covers \(known))")
        }
    }
}

import Foundation
import PrakerjaModels
import Testing

@Suite struct CalendarDateTests {
    @Test func validatesAndParses() throws {
        #expect(try CalendarDate("2024-02-29").description == "2024-02-29")
        #expect(throws: FieldError(field: "day", reason: "must be between 1 and 28 for 2021-02, got 29")) { try CalendarDate("2021-02-29") }
        #expect(throws: FieldError(field: "month", reason: "must be between 1 and 12, got 13")) { try CalendarDate("2021-13-01") }
        #expect(throws: FieldError(field: "", reason: "must be a date written YYYY-MM-DD")) { try CalendarDate("2021-1-01") }
        #expect(throws: FieldError(field: "", reason: "must be a date written YYYY-MM-DD")) { try CalendarDate("+021-01-01") }
    }

    @Test func dayArithmeticMatchesFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Jakarta")!
        var date = try CalendarDate("1999-12-25")
        for _ in 0..<3000 {
            let foundation = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
            #expect(date.startDate() == foundation)
            #expect(CalendarDate(foundation) == date)
            let weekday = calendar.component(.weekday, from: foundation)  // 1 = Sunday
            #expect(date.weekday == (weekday + 5) % 7 + 1)
            date = date.adding(days: 1)
        }
    }

    @Test func monthArithmeticClampsToTheMonthsEnd() throws {
        #expect(try CalendarDate("2021-01-31").adding(months: 1) == CalendarDate("2021-02-28"))
        #expect(try CalendarDate("2024-01-31").adding(months: 1) == CalendarDate("2024-02-29"))
        #expect(try CalendarDate("2021-11-15").adding(months: 3) == CalendarDate("2022-02-15"))
    }

    @Test func readsTheWallClockDateInJakarta() throws {
        let lateUTC = Date(timeIntervalSince1970: 1_635_874_200)  // 2021-11-02T17:30:00Z
        #expect(CalendarDate(lateUTC) == (try CalendarDate("2021-11-03")))
        #expect(CalendarDate(lateUTC, utcOffsetSeconds: 0) == (try CalendarDate("2021-11-02")))
    }
}

@Suite struct WorkingDayCalendarTests {
    let calendar = try! WorkingDayCalendar.indonesia()

    @Test func knowsWeekendsHolidaysAndCollectiveLeave() throws {
        #expect(try calendar.isWorkingDay(CalendarDate("2021-11-02")))  // a Tuesday
        #expect(try !calendar.isWorkingDay(CalendarDate("2021-11-06")))  // Saturday
        #expect(try !calendar.isWorkingDay(CalendarDate("2021-08-17")))  // Independence Day
        #expect(try calendar.holiday(on: CalendarDate("2024-04-08"))?.kind == .collectiveLeave)
        #expect(try calendar.holiday(on: CalendarDate("2024-04-10"))?.kind == .national)
    }

    @Test func addsWorkingDaysAcrossHolidays() throws {
        // Wednesday 2021-05-12 + 3 working days skips Ascension/Idul Fitri (13-14 May) and the weekend.
        #expect(try calendar.adding(workingDays: 3, to: CalendarDate("2021-05-12")) == CalendarDate("2021-05-19"))
        // Counting starts from the next working day when the start is a day off.
        #expect(try calendar.adding(workingDays: 0, to: CalendarDate("2021-11-06")) == CalendarDate("2021-11-08"))
        #expect(try calendar.workingDays(after: CalendarDate("2021-05-12"), through: CalendarDate("2021-05-19")) == 3)
        // 2024's Lebaran: 8 to 15 April are all off.
        #expect(try calendar.adding(workingDays: 1, to: CalendarDate("2024-04-05")) == CalendarDate("2024-04-16"))
    }

    @Test func refusesYearsWithoutData() {
        #expect(throws: FieldError(field: "date", reason: "no holiday data for 2022 (this calendar covers 2021, 2024, 2025, 2026)")) {
            try calendar.isWorkingDay(CalendarDate("2022-01-03"))
        }
    }

    @Test func readsCustomHolidayData() throws {
        let json = Data(#"{"years":{"2030":{"holidays":[{"date":"2030-01-01","name":"Tahun Baru","kind":"national"}]}}}"#.utf8)
        let custom = try WorkingDayCalendar(json: json)
        #expect(try !custom.isWorkingDay(CalendarDate("2030-01-01")))
        let outside = Data(#"{"years":{"2030":{"holidays":[{"date":"2031-01-01","name":"x","kind":"national"}]}}}"#.utf8)
        #expect(throws: FieldError(field: "holidays[0].date", reason: "2031-01-01 is outside the covered years")) {
            try WorkingDayCalendar(json: outside)
        }
        let badKind = Data(#"{"years":{"2030":{"holidays":[{"date":"2030-01-01","name":"x","kind":"festival"}]}}}"#.utf8)
        #expect(throws: FieldError.self) { try WorkingDayCalendar(json: badKind) }
    }

    @Test func bundledDataIsWellFormed() throws {
        for year in calendar.coveredYears {
            let holidays = try (1...366).compactMap { (offset: Int) -> WorkingDayCalendar.Holiday? in
                let day = try CalendarDate(year: year, month: 1, day: 1).adding(days: offset - 1)
                return day.year == year ? try calendar.holiday(on: day) : nil
            }
            #expect(holidays.count >= 14, "each year has at least 14 national holidays, \(year) has \(holidays.count)")
            #expect(holidays.contains { $0.date == (try! CalendarDate(year: year, month: 8, day: 17)) })
        }
    }
}

@Suite struct IncentiveTests {
    let calendar = try! WorkingDayCalendar.indonesia()

    @Test func theProgram2021PaysFourTimesSixHundredThousand() {
        let policy = IncentivePolicy.program2021
        #expect(policy.monthlyAmount == 600_000)
        #expect(policy.months == 4)
        #expect(policy.total == 2_400_000)
    }

    @Test func scheduleFollowsWorkingDays() throws {
        let schedule = try IncentivePolicy.program2021.schedule(eligibleOn: CalendarDate("2021-05-12"), calendar: calendar)
        #expect(schedule.map(\.number) == [1, 2, 3, 4])
        #expect(schedule[0].expectedFrom == (try CalendarDate("2021-05-19")))
        #expect(schedule[0].dueBy == (try CalendarDate("2021-05-21")))
        #expect(
            schedule.map(\.eligibleOn)
                == (try ["2021-05-12", "2021-06-12", "2021-07-12", "2021-08-12"].map { (text) throws(FieldError) in try CalendarDate(text) }))
        #expect(schedule.allSatisfy { $0.amount == 600_000 })
        #expect(schedule[0].isLate(paidOn: try CalendarDate("2021-05-24")))
        #expect(!schedule[0].isLate(paidOn: try CalendarDate("2021-05-21")))
    }

    @Test func disbursementsMustBeWholeAndFeeFree() throws {
        let policy = IncentivePolicy.program2021
        try policy.checkDisbursement(amount: 600_000, fee: .zero)
        #expect(throws: FieldError(field: "feeAmount", reason: "must be 0.00: the incentive is paid with no deduction, got 2500.00")) {
            try policy.checkDisbursement(amount: 597_500, fee: 2_500)
        }
        #expect(throws: FieldError(field: "amount", reason: "must be exactly 600000.00, got 597500.00")) {
            try policy.checkDisbursement(amount: 597_500, fee: .zero)
        }
    }

    @Test func refusesImpossiblePolicies() {
        #expect(throws: FieldError(field: "months", reason: "must be 1 to 24, got 0")) {
            try IncentivePolicy(monthlyAmount: 600_000, months: 0, paymentWorkingDays: 3...5)
        }
        #expect(throws: FieldError(field: "monthlyAmount", reason: "product exceeds 9223372036854775807")) {
            try IncentivePolicy(monthlyAmount: Rupiah(Int64.max / 2), months: 4, paymentWorkingDays: 3...5)
        }
    }
}

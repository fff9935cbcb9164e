import ArgumentParser
import PrakerjaConformance
import PrakerjaModels

/// `prakerja validate`: checks domain values the way the SDK does, one line per value.
struct ValidateCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check NIKs, phone numbers, SNAP amounts and other domain values; exit 1 if any is invalid.",
        discussion: """
            Prints one line per value: 'valid: <what it is>' or 'invalid: <reason>'.
            Personal data (NIK, card and phone numbers) is printed masked.

            Examples:
              prakerja validate nik 3273014508950001
              prakerja validate phone 0812-3456-7890 +6281234567890
              prakerja validate amount 600000.00 600000.5
            """
    )

    enum Kind: String, CaseIterable, ExpressibleByArgument {
        case nik, phone, amount
        case kartuPrakerja = "kartu-prakerja"
        case redeemCode = "redeem-code"
        case region, date
    }

    @Argument(help: "What the values are: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: Kind

    @Argument(help: "One or more values to check.")
    var values: [String] = []

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard !values.isEmpty else { throw .usage("give at least one value to validate") }
        var allValid = true
        for value in values {
            do {
                io.print("valid: \(try describe(value))")
            } catch {
                allValid = false
                io.print("invalid: \(kind.rawValue)\(error.field.isEmpty ? "" : " \(error.field)"): \(error.reason)")
            }
        }
        return allValid ? ExitStatus.passed : ExitStatus.failed
    }

    private func describe(_ value: String) throws(FieldError) -> String {
        switch kind {
        case .nik:
            let nik = try NIK(value)
            return "NIK \(nik.masked): province \(nik.province), regency \(nik.regencyCode), district \(nik.districtCode), "
                + "born \(nik.birthDate), \(nik.sex.rawValue)"
        case .phone:
            let phone = try PhoneNumber(value)
            return "phone \(phone.masked) (E.164, \(phone.nationalNumber.count) digits after +62)"
        case .amount:
            let amount = try Rupiah(snapValue: value)
            return "amount \(amount.snapValue) IDR = \(amount)"
        case .kartuPrakerja:
            return "Kartu Prakerja number \(try KartuPrakerjaNumber(value).masked)"
        case .redeemCode:
            let code = try RedeemCode(value)
            return "redeem code \(code)\(code.isTestCode ? " (sandbox test code)" : "")"
        case .region:
            let region = try RegionCode(value)
            return "region \(region) in \(region.province.name)"
        case .date:
            let date = try CalendarDate(value)
            return "date \(date), weekday \(date.weekday) (1 = Monday)"
        }
    }
}

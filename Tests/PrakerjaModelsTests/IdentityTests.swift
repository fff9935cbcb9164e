import Foundation
import PrakerjaModels
import Testing

@Suite struct NIKTests {
    @Test func readsEveryPartOfAWomansNIK() throws {
        let nik = try NIK("3273014508950001", referenceYear: 2021)
        #expect(nik.province.name == "Jawa Barat")
        #expect(nik.regencyCode == "3273")
        #expect(nik.districtCode == "327301")
        #expect(nik.birthDate == (try CalendarDate(year: 1995, month: 8, day: 5)))
        #expect(nik.sex == .female)
        #expect(nik.serial == "0001")
        #expect(nik.age(on: try CalendarDate("2021-08-04")) == 25)
        #expect(nik.age(on: try CalendarDate("2021-08-05")) == 26)
    }

    @Test func placesTheBirthYearInTheRightCentury() throws {
        #expect(try NIK("3171010101050007", referenceYear: 2021).birthDate.year == 2005)
        #expect(try NIK("3171010101250007", referenceYear: 2021).birthDate.year == 1925)
        #expect(try NIK("3171010101990007", referenceYear: 2021).sex == .male)
    }

    @Test(arguments: [
        ("327301450895000", "must be exactly 16 digits, got 15 characters"),
        ("32730145089500011", "must be exactly 16 digits, got 17 characters"),
        ("32730145089500O1", "must contain only digits"),
        ("9973014508950001", "digits 1-2 (99) are not a province code"),
        ("3200014508950001", "digits 3-4 (regency) must not be 00"),
        ("3273004508950001", "digits 5-6 (district) must not be 00"),
        ("3273013208950001", "digits 7-8 must be a birth day 01-31 (41-71 for women), got 32"),
        ("3273017508950001", "digits 7-8 must be a birth day 01-31 (41-71 for women), got 75"),
        ("3273010513950001", "digits 9-10 must be a birth month 01-12, got 13"),
        ("3273013102950001", "digits 7-12 are not a real birth date (day 31 of month 2)"),
        ("3273016902010001", "digits 7-12 are not a real birth date (day 29 of month 2)"),
        ("3273014508950000", "digits 13-16 (serial) must not be 0000"),
    ])
    func refusesMalformedNIKs(_ text: String, _ reason: String) {
        #expect(throws: FieldError(field: "", reason: reason)) { try NIK(text, referenceYear: 2021) }
    }

    @Test func neverPrintsTheDigits() throws {
        let nik = try NIK("3273014508950001", referenceYear: 2021)
        #expect("\(nik)" == "************0001")
        #expect(!String(describing: nik).contains("32730145"))
    }
}

@Suite struct PhoneNumberTests {
    @Test(arguments: ["081234567890", "6281234567890", "+6281234567890", "0812-3456-7890", "+62 812 3456 7890"])
    func normalisesEveryForm(_ text: String) throws {
        let phone = try PhoneNumber(text)
        #expect(phone.e164 == "+6281234567890")
        #expect(phone.localForm == "081234567890")
        #expect(phone.masked == "+62812*****890")
    }

    @Test(arguments: [
        ("81234567890", "must start with 08, 628 or +628"),
        ("0212345678", "must be a mobile number: 8 must follow the prefix (08, 628 or +628)"),
        ("0812345", "must have 9 to 12 digits after +62, got 6"),
        ("08123456789012", "must have 9 to 12 digits after +62, got 13"),
        ("0812-3456-78a0", "must contain only digits after the prefix (spaces and dashes allowed)"),
    ])
    func refusesNonMobileOrMalformedNumbers(_ text: String, _ reason: String) {
        #expect(throws: FieldError(field: "", reason: reason)) { try PhoneNumber(text) }
    }
}

@Suite struct PlaceAndCardTests {
    @Test func provincesMatchTheProgramsCount() {
        #expect(Province.existing(in: 2021).count == 34)
        #expect(Province.all.count == 38)
        #expect(Set(Province.all.map(\.code)).count == 38)
    }

    @Test func regionCodesNestRegenciesInProvinces() throws {
        let westJava = try RegionCode("32"), bandung = try RegionCode("32.73"), alsoBandung = try RegionCode("3273")
        #expect(bandung == alsoBandung)
        #expect(westJava.contains(bandung))
        #expect(!bandung.contains(westJava))
        #expect(!(try RegionCode("31")).contains(bandung))
        #expect(bandung.description == "32.73")
        #expect(throws: FieldError(field: "", reason: "\"99\" is not a Kemendagri province code")) { try RegionCode("99.01") }
        #expect(throws: FieldError.self) { try RegionCode("32.7") }
        #expect(throws: FieldError(field: "regency", reason: "must be two digits from 01 to 99")) { try RegionCode("32.00") }
    }

    @Test func kartuPrakerjaNumberIsSixteenDigitsAndMasked() throws {
        #expect(try KartuPrakerjaNumber("4001234567890123").description == "************0123")
        #expect(throws: FieldError(field: "", reason: "must be exactly 16 digits")) { try KartuPrakerjaNumber("4001-2345-6789-0123") }
    }
}

@Suite struct PaymentAccountTests {
    let nik = try! NIK("3273014508950001", referenceYear: 2021)
    let otherNIK = try! NIK("3171010101990007", referenceYear: 2021)

    @Test func onlyAVerifiedAccountOfTheRecipientIsEligible() throws {
        let wallet = try EWalletAccount(
            provider: "OVO", customerNumber: try PhoneNumber("081234567890"),
            holderName: "Siti Rahmawati", holderNIK: nik, kycStatus: .verified)
        #expect(PaymentAccount.eWallet(wallet).ineligibility(forRecipient: nik) == nil)
        #expect(PaymentAccount.eWallet(wallet).ineligibility(forRecipient: otherNIK) == "the account holder's NIK does not match the recipient's")
        let pending = try BankAccount(bankCode: "009", accountNumber: "1234567890", holderName: "Siti Rahmawati", holderNIK: nik, kycStatus: .pending)
        #expect(PaymentAccount.bank(pending).ineligibility(forRecipient: nik) == "the account is not KYC-verified (pending)")
    }

    @Test func descriptionsMaskAccountAndName() throws {
        let bank = try BankAccount(bankCode: "009", accountNumber: "1234567890", holderName: "Siti Rahmawati", holderNIK: nil, kycStatus: .verified)
        #expect(bank.description == "bank 009 ******7890 (S*** R********, KYC verified)")
    }

    @Test func refusesMalformedAccounts() {
        #expect(throws: FieldError(field: "bankCode", reason: "must be Bank Indonesia's three-digit bank code")) {
            try BankAccount(bankCode: "9", accountNumber: "1234567890", holderName: "Siti", holderNIK: nil, kycStatus: .verified)
        }
        #expect(throws: FieldError(field: "accountNumber", reason: "must be 6 to 20 digits")) {
            try BankAccount(bankCode: "009", accountNumber: "12-34", holderName: "Siti", holderNIK: nil, kycStatus: .verified)
        }
        #expect(throws: FieldError(field: "holderName", reason: "must contain only letters, spaces and ' . - ,")) {
            try BankAccount(bankCode: "009", accountNumber: "1234567890", holderName: "Siti 123", holderNIK: nil, kycStatus: .verified)
        }
    }

    @Test func decodingValidatesNestedFields() throws {
        let json = Data(
            #"{"bankCode":"009","accountNumber":"1234567890","holderName":"Siti","holderNIK":"3273014508950000","kycStatus":"verified"}"#.utf8)
        do {
            _ = try JSONDecoder().decode(BankAccount.self, from: json)
            Issue.record("an invalid NIK decoded")
        } catch let error as DecodingError {
            #expect(FieldError(error) == FieldError(field: "holderNIK", reason: "digits 13-16 (serial) must not be 0000"))
        }
    }
}

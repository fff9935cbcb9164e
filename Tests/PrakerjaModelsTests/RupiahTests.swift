import Foundation
import PrakerjaModels
import Testing

@Suite struct RupiahTests {
    @Test(arguments: [("600000.00", Int64(600_000)), ("0.00", 0), ("1.00", 1), ("9223372036854775807.00", Int64.max)])
    func parsesSNAPAmountsExactly(_ text: String, _ amount: Int64) throws {
        let rupiah = try Rupiah(snapValue: text)
        #expect(rupiah.amount == amount)
        #expect(rupiah.snapValue == text)
    }

    @Test(arguments: [
        ("600000.5", "must have exactly two decimals, like \"600000.00\"; got 1"),
        ("600000", "must be written with two decimals, like \"600000.00\""),
        ("600000.50", "must be whole rupiah (\".00\"); rupiah has no minor unit in this program"),
        ("-600000.00", "must not be negative"),
        ("9223372036854775808.00", "is too large: at most 9223372036854775807.00"),
        ("0600000.00", "must not have leading zeros"),
        ("6e5.00", "must contain only digits and one decimal point, like \"600000.00\""),
        (" 600000.00", "must contain only digits and one decimal point, like \"600000.00\""),
        ("600.000.00", "must contain only digits and one decimal point, like \"600000.00\""),
        (".00", "must contain only digits and one decimal point, like \"600000.00\""),
        ("600000.000", "must have exactly two decimals, like \"600000.00\"; got 3"),
    ])
    func refusesMalformedAmounts(_ text: String, _ reason: String) {
        #expect(throws: FieldError(field: "", reason: reason)) { try Rupiah(snapValue: text) }
    }

    @Test func refusesNegativesAndOverflow() throws {
        let negative: Int64 = -1  // a variable: `Rupiah(-1)` would be a literal, which traps at once
        #expect(throws: FieldError(field: "", reason: "must not be negative, got -1")) { try Rupiah(negative) }
        #expect(throws: FieldError.self) { try Rupiah(Int64.max).adding(1) }
        #expect(throws: FieldError.self) { try Rupiah(Int64.max / 2).multiplied(by: 3) }
        #expect(try Rupiah(600_000).multiplied(by: 4) == 2_400_000)
    }

    @Test func printsIndonesianStyle() {
        #expect(Rupiah(600_000).description == "Rp600.000")
        #expect(Rupiah(2_400_000).description == "Rp2.400.000")
        #expect(Rupiah(999).description == "Rp999")
        #expect(Rupiah.zero.description == "Rp0")
    }

    @Test func snapAmountRoundTripsAndRefusesOtherCurrencies() throws {
        let json = Data(#"{"value":"600000.00","currency":"IDR"}"#.utf8)
        let amount = try JSONDecoder().decode(SNAPAmount.self, from: json)
        #expect(amount.rupiah == 600_000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(amount), as: UTF8.self) == #"{"currency":"IDR","value":"600000.00"}"#)
        #expect(throws: FieldError(field: "currency", reason: "must be \"IDR\", got \"USD\"")) { try SNAPAmount(value: "10.00", currency: "USD") }
        #expect(throws: FieldError(field: "value", reason: "must have exactly two decimals, like \"600000.00\"; got 1")) {
            try SNAPAmount(value: "600000.5", currency: "IDR")
        }
    }

    @Test func decodingErrorsNameTheJSONPath() throws {
        struct Topup: Decodable { let amount: SNAPAmount }
        let json = Data(#"{"amount":{"value":"600000.5","currency":"IDR"}}"#.utf8)
        do {
            _ = try JSONDecoder().decode(Topup.self, from: json)
            Issue.record("a malformed amount decoded")
        } catch let error as DecodingError {
            #expect(FieldError(error) == FieldError(field: "amount.value", reason: "must have exactly two decimals, like \"600000.00\"; got 1"))
        }
        let asNumber = Data(#"{"amount":{"value":600000,"currency":"IDR"}}"#.utf8)
        do {
            _ = try JSONDecoder().decode(Topup.self, from: asNumber)
            Issue.record("a numeric amount decoded")
        } catch let error as DecodingError {
            #expect(FieldError(error) == FieldError(field: "amount.value", reason: "has the wrong type: expected a string"))
        }
        let missing = Data(#"{"amount":{"value":"1.00"}}"#.utf8)
        do {
            _ = try JSONDecoder().decode(Topup.self, from: missing)
            Issue.record("an amount without currency decoded")
        } catch let error as DecodingError {
            #expect(FieldError(error) == FieldError(field: "amount.currency", reason: "is required but missing"))
        }
    }
}

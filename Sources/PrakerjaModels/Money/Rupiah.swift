/// An amount of Indonesian rupiah, as a whole number of rupiah.
///
/// Never a floating-point number: the program pays exactly Rp600,000 and a ledger must add up to
/// the last rupiah. Amounts are never negative. SNAP BI writes amounts as strings with two
/// decimals (`"600000.00"`); `init(snapValue:)` and `snapValue` convert exactly, and refuse a
/// fraction of a rupiah rather than round it.
public struct Rupiah: Hashable, Comparable, Sendable, WireValue, CustomStringConvertible {
    /// Whole rupiah, zero or more.
    public let amount: Int64

    public static let zero = Rupiah(unchecked: 0)

    /// A validated amount; refuses negatives.
    public init(_ amount: Int64) throws(FieldError) {
        guard amount >= 0 else {
            throw FieldError(field: "", reason: "must not be negative, got \(amount)")
        }
        self.amount = amount
    }

    /// For literals known to be valid (`Rupiah(600_000)` in code); traps on a negative literal.
    public init(integerLiteral amount: Int64) {
        precondition(amount >= 0, "Rupiah literal must not be negative")
        self.amount = amount
    }

    private init(unchecked amount: Int64) { self.amount = amount }

    /// Parses SNAP's amount string: digits, a point, exactly two decimals (`"600000.00"`).
    ///
    /// Refuses what is not that form (`"600000"`, `"600000.5"`, `"6e5"`, `" 600000.00"`, `"-1.00"`),
    /// leading zeros, a non-zero fraction of a rupiah, and values beyond `Int64`.
    public init(snapValue text: String) throws(FieldError) {
        let bytes = Array(text.utf8)
        guard let point = bytes.firstIndex(of: UInt8(ascii: ".")) else {
            throw FieldError(field: "", reason: "must be written with two decimals, like \"600000.00\"")
        }
        let whole = bytes[..<point], fraction = bytes[(point + 1)...]
        if whole.first == UInt8(ascii: "-") {
            throw FieldError(field: "", reason: "must not be negative")
        }
        guard !whole.isEmpty, whole.allSatisfy(Self.isDigit), fraction.allSatisfy(Self.isDigit) else {
            throw FieldError(field: "", reason: "must contain only digits and one decimal point, like \"600000.00\"")
        }
        guard fraction.count == 2 else {
            throw FieldError(field: "", reason: "must have exactly two decimals, like \"600000.00\"; got \(fraction.count)")
        }
        guard whole.count == 1 || whole.first != UInt8(ascii: "0") else {
            throw FieldError(field: "", reason: "must not have leading zeros")
        }
        guard fraction.allSatisfy({ $0 == UInt8(ascii: "0") }) else {
            throw FieldError(field: "", reason: "must be whole rupiah (\".00\"); rupiah has no minor unit in this program")
        }
        var value: Int64 = 0
        for digit in whole {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else {
                throw FieldError(field: "", reason: "is too large: at most \(Int64.max).00")
            }
            value = sum
        }
        self.amount = value
    }

    /// SNAP's form: `"600000.00"`.
    public var snapValue: String { "\(amount).00" }

    /// The sum; throws instead of overflowing.
    public func adding(_ other: Rupiah) throws(FieldError) -> Rupiah {
        let (sum, overflow) = amount.addingReportingOverflow(other.amount)
        guard !overflow else { throw FieldError(field: "", reason: "sum exceeds \(Int64.max)") }
        return Rupiah(unchecked: sum)
    }

    /// The product with a count (`monthly × 4`); throws instead of overflowing.
    public func multiplied(by count: Int) throws(FieldError) -> Rupiah {
        guard count >= 0 else { throw FieldError(field: "", reason: "cannot multiply by a negative count") }
        let (product, overflow) = amount.multipliedReportingOverflow(by: Int64(count))
        guard !overflow else { throw FieldError(field: "", reason: "product exceeds \(Int64.max)") }
        return Rupiah(unchecked: product)
    }

    public static func < (lhs: Rupiah, rhs: Rupiah) -> Bool { lhs.amount < rhs.amount }

    /// Indonesian style: `Rp600.000`.
    public var description: String {
        let digits = Array(String(amount))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return "Rp" + grouped
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    public init(wire: Int64) throws(FieldError) { self = try Rupiah(wire) }

    public var wire: Int64 { amount }
}

extension Rupiah: ExpressibleByIntegerLiteral {}

import Foundation
import PrakerjaModels

extension JSONValue {
    /// JSON Schema's equality: numbers by value (`1` equals `1.0`), objects regardless of member
    /// order, arrays item by item.
    func schemaEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)  // no canonical equivalence
        case (.number(let a), .number(let b)): return a == b || JSONNumber(a) == JSONNumber(b)
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.schemaEquals($1) }
        case (.object, .object):
            let a = self.memberDictionary, b = other.memberDictionary
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { value.schemaEquals($0) } ?? false }
        default: return false
        }
    }

    /// An object's members by key (the last wins, as in decoding).
    var memberDictionary: [String: JSONValue] {
        guard case .object(let members) = self else { return [:] }
        return Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    }

    /// JSON Schema's type name for this value (`integer` for a number with no fraction).
    var schemaType: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        case .number(let text): JSONNumber(text).isInteger ? "integer" : "number"
        }
    }
}

/// A JSON number read for comparison: exactly, as a whole number where it fits in 64 bits (the
/// common case, read without Foundation), else as a decimal where it fits (38 digits), else as a double.
struct JSONNumber: Comparable {
    let integer: Int64?
    /// The value as a decimal, for a number that is not a 64-bit whole number, where it fits.
    private let fraction: Decimal?
    let double: Double

    private static let posix = Locale(identifier: "en_US_POSIX")

    init(_ text: String) {
        if let whole = Int64(text) {
            integer = whole
            fraction = nil
            double = Double(whole)
            return
        }
        integer = nil
        let approximate = Double(text) ?? .nan
        let exact = Decimal(string: text, locale: Self.posix)
        double = approximate
        fraction = exact.flatMap { $0.isNaN || abs(approximate) > 1e38 ? nil : $0 }
    }

    /// The number the JSON text `utf8` spells (a tape's number, read where it lies): a whole
    /// number of up to 18 digits without making a string.
    init(utf8: UnsafeBufferPointer<UInt8>) {
        let sign = utf8.first == UInt8(ascii: "-") ? 1 : 0
        var magnitude: Int64 = 0, index = sign
        while index < utf8.count, case let digit = utf8[index] &- UInt8(ascii: "0"), digit < 10 {
            magnitude = magnitude &* 10 &+ Int64(digit)
            index += 1
        }
        guard index == utf8.count, (1...18).contains(utf8.count - sign) else {
            self.init(String(decoding: utf8, as: UTF8.self))
            return
        }
        self.init(whole: sign == 1 ? -magnitude : magnitude)
    }

    private init(whole: Int64) {
        integer = whole
        fraction = nil
        double = Double(whole)
    }

    /// The value as a decimal where it fits (38 digits), made only when a comparison needs it.
    var decimal: Decimal? { integer.map { Decimal($0) } ?? fraction }

    var isInteger: Bool {
        if integer != nil { return true }
        if let decimal {
            var value = decimal, rounded = Decimal()
            NSDecimalRound(&rounded, &value, 0, .plain)
            return rounded == decimal
        }
        return double.isFinite ? double.rounded() == double : false
    }

    /// Whether this is a whole multiple of `divisor` (exact for decimals such as 0.01).
    func isMultiple(of divisor: JSONNumber) -> Bool {
        if let value = integer, let step = divisor.integer, step != 0 { return value % step == 0 }
        if let value = decimal, let step = divisor.decimal, step != 0 {
            var quotient = value / step, rounded = Decimal()
            NSDecimalRound(&rounded, &quotient, 0, .plain)
            return rounded == quotient
        }
        let quotient = double / divisor.double
        return quotient.isFinite && quotient.rounded() == quotient
    }

    static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let a = lhs.integer, let b = rhs.integer { return a == b }
        if let a = lhs.decimal, let b = rhs.decimal { return a == b }
        return lhs.double == rhs.double
    }

    static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let a = lhs.integer, let b = rhs.integer { return a < b }
        if let a = lhs.decimal, let b = rhs.decimal { return a < b }
        return lhs.double < rhs.double
    }
}

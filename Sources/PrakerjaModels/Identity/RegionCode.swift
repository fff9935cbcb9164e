import Foundation

/// A place, as a Kemendagri region code: a province (`"32"`) or a regency/city in it (`"32.73"`).
///
/// Job vacancies carry their location this way, and a search by location matches a regency
/// inside a searched province.
public struct RegionCode: Hashable, Sendable, WireValue, CustomStringConvertible {
    public let province: Province
    /// The two-digit regency (kabupaten) or city (kota) code inside the province, if any.
    public let regency: String?

    public init(province: Province, regency: String? = nil) throws(FieldError) {
        if let regency {
            guard regency.count == 2, regency.allSatisfy(\.isASCIIDigit), regency != "00" else {
                throw FieldError(field: "regency", reason: "must be two digits from 01 to 99")
            }
        }
        self.province = province
        self.regency = regency
    }

    /// Parses `"32"`, `"32.73"` or `"3273"`.
    public init(_ text: String) throws(FieldError) {
        let digits = text.replacingOccurrences(of: ".", with: "")
        guard digits.allSatisfy(\.isASCIIDigit), digits.count == 2 || digits.count == 4,
            text.count == digits.count || (text.count == 5 && text.dropFirst(2).first == ".")
        else {
            throw FieldError(field: "", reason: "must be a province code (\"32\") or a regency code (\"32.73\")")
        }
        let province = try Province(code: String(digits.prefix(2)))
        try self.init(province: province, regency: digits.count == 4 ? String(digits.suffix(2)) : nil)
    }

    /// Whether `other` lies inside this region: the same regency, or any regency of this province.
    public func contains(_ other: RegionCode) -> Bool {
        guard other.province == province else { return false }
        return regency == nil || regency == other.regency
    }

    public var description: String { regency.map { "\(province.code).\($0)" } ?? province.code }

    public init(wire: String) throws(FieldError) { self = try RegionCode(wire) }

    public var wire: String { description }
}

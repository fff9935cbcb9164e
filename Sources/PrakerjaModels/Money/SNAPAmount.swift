/// SNAP BI's money object: `{"value":"600000.00","currency":"IDR"}`.
///
/// Only rupiah is accepted: the program pays in IDR and nothing else.
public struct SNAPAmount: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rupiah: Rupiah

    /// The only currency SNAP amounts carry in this program.
    public static let currency = "IDR"

    public init(_ rupiah: Rupiah) { self.rupiah = rupiah }

    /// Validates the two wire fields: `value` in SNAP's string form, `currency` exactly `IDR`.
    public init(value: String, currency: String) throws(FieldError) {
        guard currency == Self.currency else {
            throw FieldError(field: "currency", reason: "must be \"IDR\", got \"\(currency.prefix(8))\"")
        }
        self.rupiah = try FieldError.within("value") { () throws(FieldError) in try Rupiah(snapValue: value) }
    }

    public var value: String { rupiah.snapValue }

    public var description: String { "\(value) \(Self.currency)" }

    private enum CodingKeys: String, CodingKey { case value, currency }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let value = try container.decode(String.self, forKey: .value)
        let currency = try container.decode(String.self, forKey: .currency)
        self = try container.validate { () throws(FieldError) in try SNAPAmount(value: value, currency: currency) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(Self.currency, forKey: .currency)
    }
}

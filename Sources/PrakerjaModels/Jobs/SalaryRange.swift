/// A monthly salary range in rupiah, minimum ≤ maximum.
public struct SalaryRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public let minimum: Rupiah
    public let maximum: Rupiah

    public init(minimum: Rupiah, maximum: Rupiah) throws(FieldError) {
        guard minimum <= maximum else {
            throw FieldError(field: "maximum", reason: "must not be below the minimum (\(minimum) > \(maximum))")
        }
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Whether the two ranges share at least one amount.
    public func overlaps(_ other: SalaryRange) -> Bool { minimum <= other.maximum && other.minimum <= maximum }

    public var description: String { "\(minimum)-\(maximum)" }

    private enum CodingKeys: String, CodingKey { case minimum, maximum }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let minimum = try c.decode(Rupiah.self, forKey: .minimum), maximum = try c.decode(Rupiah.self, forKey: .maximum)
        self = try c.validate { () throws(FieldError) in try SalaryRange(minimum: minimum, maximum: maximum) }
    }
}

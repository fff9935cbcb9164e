/// A validated type that travels as one plain JSON value: a NIK as its digits, a rating as its
/// number, a date as `YYYY-MM-DD`.
///
/// Conforming gives `Codable` for free: decoding reads the plain value and runs the validating
/// initialiser, so an invalid value fails decoding with its JSON path and the reason.
public protocol WireValue: Codable {
    associatedtype Wire: Codable
    /// The validating initialiser from the wire form.
    init(wire: Wire) throws(FieldError)
    /// The wire form.
    var wire: Wire { get }
}

extension WireValue {
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().decodeValidated(Wire.self) { (wire) throws(FieldError) in try Self(wire: wire) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wire)
    }
}

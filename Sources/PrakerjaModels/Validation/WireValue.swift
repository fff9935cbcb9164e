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

/// A string enumeration of the wire: a value it does not have is refused naming the values it
/// may take (`scope: expected one of tpm, uk, got "quiz"`), where Swift's default says only that
/// the type cannot be initialised.
public protocol WireEnumeration: RawRepresentable<String>, CaseIterable, Decodable {}

extension WireEnumeration {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            let allowed = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected one of \(allowed), got \"\(text.prefix(40))\""))
        }
        self = value
    }
}

/// An Indonesian mobile number, normalised to E.164 (`+6281234567890`).
///
/// Accepts the three forms in use: `081234567890`, `6281234567890` and `+6281234567890`, with
/// spaces or dashes between digit groups. Mobile numbers start with 8 after the country code and
/// have 9 to 12 digits there. Its `description` is masked.
public struct PhoneNumber: Hashable, Sendable, WireValue, CustomStringConvertible {
    /// The digits after `+62`, starting with 8.
    public let nationalNumber: String

    public init(_ text: String) throws(FieldError) {
        var rest = Substring(text.filter { $0 != " " && $0 != "-" })
        if rest.hasPrefix("+62") {
            rest = rest.dropFirst(3)
        } else if rest.hasPrefix("62") {
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("0") {
            rest = rest.dropFirst(1)
        } else {
            throw FieldError(field: "", reason: "must start with 08, 628 or +628")
        }
        guard rest.allSatisfy(\.isASCIIDigit) else {
            throw FieldError(field: "", reason: "must contain only digits after the prefix (spaces and dashes allowed)")
        }
        guard rest.first == "8" else {
            throw FieldError(field: "", reason: "must be a mobile number: 8 must follow the prefix (08, 628 or +628)")
        }
        guard (9...12).contains(rest.count) else {
            throw FieldError(field: "", reason: "must have 9 to 12 digits after +62, got \(rest.count)")
        }
        self.nationalNumber = String(rest)
    }

    /// `+6281234567890`.
    public var e164: String { "+62" + nationalNumber }

    /// `081234567890`, as Indonesians write it.
    public var localForm: String { "0" + nationalNumber }

    /// `62812****7890`-style masking with the country code kept.
    public var masked: String { Masking.phone(e164) }

    public var description: String { masked }

    public init(wire: String) throws(FieldError) { self = try PhoneNumber(wire) }

    public var wire: String { e164 }
}

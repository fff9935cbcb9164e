/// The 16-digit Kartu Prakerja number a recipient sees on the dashboard and uses to buy training.
///
/// Its `description` is masked.
public struct KartuPrakerjaNumber: Hashable, Sendable, WireValue, CustomStringConvertible {
    public let digits: String

    public init(_ text: String) throws(FieldError) {
        guard text.utf8.count == 16, text.allSatisfy(\.isASCIIDigit) else {
            throw FieldError(field: "", reason: "must be exactly 16 digits")
        }
        self.digits = text
    }

    public var masked: String { Masking.keepingLast(4, of: digits) }

    public var description: String { masked }

    public init(wire: String) throws(FieldError) { self = try KartuPrakerjaNumber(wire) }

    public var wire: String { digits }
}

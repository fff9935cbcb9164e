/// The voucher a digital platform issues for a purchased training, which the participant
/// exchanges for a redeem code at the institution. 6 to 32 uppercase letters and digits.
public struct VoucherCode: Hashable, Sendable, WireValue, CustomStringConvertible {
    public let value: String

    public init(_ value: String) throws(FieldError) {
        guard (6...32).contains(value.count), value.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
            throw FieldError(field: "", reason: "must be 6 to 32 uppercase letters and digits")
        }
        self.value = value
    }

    public var description: String { value }

    public init(wire: String) throws(FieldError) { self = try VoucherCode(wire) }

    public var wire: String { value }
}

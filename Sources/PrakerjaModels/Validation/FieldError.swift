/// A value that failed validation: which field, and why.
///
/// Every validating initialiser in the SDK throws this, so a caller can always tell a user
/// exactly what to fix. The message never contains the rejected value itself, because the value
/// may be personal data (a NIK, a phone number).
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field at fault, as a dotted path from the outermost value (`"amount.value"`).
    public var field: String
    /// Why the value was refused, in a sentence a partner can act on.
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }

    /// The same error, reported one level deeper: `amount` + `value` gives `amount.value`.
    public func nested(in parent: String) -> FieldError {
        FieldError(field: field.isEmpty ? parent : "\(parent).\(field)", reason: reason)
    }
}

extension FieldError {
    /// Runs `body`, re-reporting any `FieldError` it throws under `parent`.
    static func within<T>(_ parent: String, _ body: () throws(FieldError) -> T) throws(FieldError) -> T {
        do { return try body() } catch { throw error.nested(in: parent) }
    }
}

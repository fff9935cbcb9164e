/// Validation of the codes partners and the program exchange (course, schedule, invoice codes).
///
/// Codes are 1 to 64 ASCII letters, digits, `-`, `_` or `.`: safe in URLs, logs and file names.
public enum Identifier {
    public static let maximumLength = 64

    public static func validated(_ value: String) throws(FieldError) -> String {
        guard !value.isEmpty else { throw FieldError(field: "", reason: "must not be empty") }
        guard value.utf8.count <= maximumLength else {
            throw FieldError(field: "", reason: "must be at most \(maximumLength) characters, got \(value.utf8.count)")
        }
        guard value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw FieldError(field: "", reason: "must contain only ASCII letters, digits, '-', '_' or '.'")
        }
        return value
    }

    /// Validates `value` and reports a failure under `field`.
    static func validated(_ value: String, field: String) throws(FieldError) -> String {
        try FieldError.within(field) { () throws(FieldError) in try validated(value) }
    }
}

import Foundation

/// Validation of human-readable text fields (titles, descriptions, review texts).
enum Text {
    /// Trimmed, non-empty, at most `maximumLength` characters.
    static func validated(_ value: String, field: String, maximumLength: Int) throws(FieldError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw FieldError(field: field, reason: "must not be empty") }
        guard trimmed.count <= maximumLength else {
            throw FieldError(field: field, reason: "must be at most \(maximumLength) characters, got \(trimmed.count)")
        }
        return trimmed
    }
}

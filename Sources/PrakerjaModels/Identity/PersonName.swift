import Foundation

/// Validation of people's names as the program stores them.
///
/// Many Indonesians have a single name, so one word is fine. Names are letters, spaces and
/// the punctuation names use (`'`, `.`, `-`, `,`), at most 100 characters.
public enum PersonName {
    public static func validated(_ name: String) throws(FieldError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw FieldError(field: "", reason: "must not be empty") }
        guard trimmed.count <= 100 else { throw FieldError(field: "", reason: "must be at most 100 characters, got \(trimmed.count)") }
        guard trimmed.allSatisfy({ $0.isLetter || $0 == " " || "'.-,".contains($0) }) else {
            throw FieldError(field: "", reason: "must contain only letters, spaces and ' . - ,")
        }
        return trimmed
    }
}

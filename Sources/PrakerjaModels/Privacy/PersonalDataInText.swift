import Foundation

/// Personal data written into free text, where no field name says what it is: an error
/// message that names the customer, a log line. It finds e-mail addresses, Indonesian mobile
/// numbers (`0812…`, `+62 812…`) and 16-digit numbers (a NIK or a Kartu Prakerja number).
public enum PersonalDataInText {
    /// One piece of personal data found in a text.
    public struct Match: Sendable, Hashable {
        /// What it is: `e-mail address`, `phone number`, `NIK or card number`.
        public let what: String
        /// The value masked, for evidence.
        public let masked: String
    }

    /// Each kind, its expression compiled once, and how a value of it is masked.
    private static let kinds: [(what: String, expression: NSRegularExpression, mask: @Sendable (String) -> String)] = [
        ("e-mail address", expression(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#), Masking.email),
        ("phone number", expression(#"(?<![0-9+])(\+62|62|0)[ -]?8[0-9]{2}[ -]?[0-9]{3,4}[ -]?[0-9]{3,5}(?![0-9])"#), Masking.phone),
        ("NIK or card number", expression(#"(?<![0-9])[0-9]{16}(?![0-9])"#), { Masking.keepingLast(4, of: $0) }),
    ]

    private static func expression(_ pattern: String) -> NSRegularExpression { try! NSRegularExpression(pattern: pattern) }

    /// `text` with every piece of personal data in it masked (`b***@example.id`): what a refusal
    /// may say of a value a request carried.
    public static func masked(_ text: String) -> String {
        var masked = text
        for (_, expression, mask) in kinds {
            for result in expression.matches(in: masked, range: NSRange(masked.startIndex..., in: masked)).reversed() {
                guard let span = Range(result.range, in: masked) else { continue }
                masked.replaceSubrange(span, with: mask(String(masked[span])))
            }
        }
        return masked
    }

    /// Every piece of personal data in `text`, in the order of the kinds above.
    public static func matches(in text: String) -> [Match] {
        var found: [Match] = []
        let range = NSRange(text.startIndex..., in: text)
        for (what, expression, mask) in kinds {
            for result in expression.matches(in: text, range: range) {
                guard let span = Range(result.range, in: text) else { continue }
                let match = Match(what: what, masked: mask(String(text[span])))
                if !found.contains(match) { found.append(match) }
            }
        }
        return found
    }
}

/// Masking of personal data for logs, evidence and reports.
///
/// One rule per kind of value, applied to raw strings so it also works on values that failed
/// validation (evidence must never leak what a partner sent, even when it was malformed):
/// - NIK and card numbers keep their last 4 digits: `************0007`;
/// - phone numbers keep the country code, 3 digits and the last 3: `+62812******890`;
/// - account numbers keep their last 4: `******7890`;
/// - names keep the first letter of each word: `S*** R********`;
/// - e-mail keeps the first letter and the domain: `s********@example.id`.
public enum Masking {
    /// The mask character.
    public static let mark: Character = "*"

    public static func nik(_ value: String) -> String { keepingLast(4, of: value) }

    public static func accountNumber(_ value: String) -> String { keepingLast(4, of: value) }

    public static func phone(_ value: String) -> String {
        let characters = Array(value)
        let prefix = value.hasPrefix("+") ? 6 : (value.hasPrefix("62") ? 5 : 4)
        guard characters.count > prefix + 3 else { return String(repeating: mark, count: characters.count) }
        let hidden = characters.count - prefix - 3
        return String(characters[..<prefix]) + String(repeating: mark, count: hidden) + String(characters.suffix(3))
    }

    public static func name(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: false).map { word in
            guard let first = word.first else { return "" }
            return String(first) + String(repeating: mark, count: word.count - 1)
        }.joined(separator: " ")
    }

    /// Whether `value` is a name as `name(_:)` masks it (`S*** R********`): each word its first
    /// character, then only the mask.
    public static func isMaskedName(_ value: String) -> Bool {
        let words = value.split(separator: " ")
        return !words.isEmpty && words.allSatisfy { $0.dropFirst().allSatisfy { $0 == mark } }
    }

    public static func email(_ value: String) -> String {
        guard let at = value.lastIndex(of: "@"), at > value.startIndex else { return keepingLast(0, of: value) }
        let local = value[..<at]
        return String(local.prefix(1)) + String(repeating: mark, count: local.count - 1) + value[at...]
    }

    /// All but the last `count` characters replaced by the mask; fully masked when too short to hide anything.
    public static func keepingLast(_ count: Int, of value: String) -> String {
        guard value.count > count * 2 else { return String(repeating: mark, count: value.count) }
        return String(repeating: mark, count: value.count - count) + value.suffix(count)
    }
}

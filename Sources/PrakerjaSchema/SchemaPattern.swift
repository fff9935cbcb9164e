import Foundation

/// A schema's `pattern` (or a `patternProperties` name) compiled once: to the kit's own
/// automaton (`PatternAutomaton`) where it reads the syntax, else to Foundation's regular
/// expression, else known to be invalid.
final class SchemaPattern: @unchecked Sendable {
    /// The pattern as written.
    let source: String
    private let engine: Engine

    private enum Engine {
        case automaton(PatternAutomaton)
        case foundation(NSRegularExpression)
        case invalid
    }

    init(_ source: String) {
        self.source = source
        if let automaton = PatternAutomaton(source) {
            engine = .automaton(automaton)
        } else if let expression = try? NSRegularExpression(pattern: source) {
            engine = .foundation(expression)
        } else {
            engine = .invalid
        }
    }

    /// Whether `text` contains a match; nil when the pattern is not a valid regular expression.
    func matches(_ text: String) -> Bool? {
        switch engine {
        case .automaton(let automaton): automaton.matches(text)
        case .foundation(let expression): expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        case .invalid: nil
        }
    }

    /// Whether the string of valid UTF-8 `bytes` contains a match; nil for an invalid pattern.
    func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if case .automaton(let automaton) = engine { return automaton.matches(utf8: bytes) }
        return matches(String(decoding: bytes, as: UTF8.self))
    }
}

import Foundation
import PrakerjaConformance

/// How money and extra charges are written (`charges.yaml`).
struct Charges: Sendable {
    /// Compiled once at load (an immutable, thread-safe NSRegularExpression).
    let amounts: [NSRegularExpression]
    let phrases: Lexicon
    let negations: Lexicon

    init(_ file: ReferenceNode) throws(ReferenceData.LoadError) {
        var amounts: [NSRegularExpression] = []
        for item in try file.field("amounts").items() {
            let pattern = try item.string()
            do { amounts.append(try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])) } catch {
                throw item.problem("not a regular expression: \(pattern)")
            }
        }
        self.amounts = amounts
        phrases = Lexicon(words: try file.field("phrases").strings())
        negations = Lexicon(words: try file.field("negations").strings())
    }

    /// The amounts of money in `text`, and the charge phrases of its sentences that do not deny them.
    func mentions(in text: String) -> [String] {
        let whole = NSRange(text.startIndex..., in: text)
        var found: [String] = []
        for regex in amounts {
            found += regex.matches(in: text, range: whole).compactMap { Range($0.range, in: text).map { text[$0].lowercased() } }
        }
        for sentence in Wording.sentences(text) {
            let words = Wording.words(sentence)
            if negations.found(inWords: words).isEmpty { found += phrases.found(inWords: words) }
        }
        return found
    }
}

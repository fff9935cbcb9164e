import Foundation

/// How money and extra charges are written (`charges.yaml`).
struct Charges: Sendable {
    let amounts: [String]
    let phrases: Lexicon
    let negations: Lexicon

    init(_ file: ReferenceNode) throws(ReferenceData.LoadError) {
        var amounts: [String] = []
        for item in try file.field("amounts").items() {
            let pattern = try item.string()
            do { _ = try Regex(pattern) } catch { throw item.problem("not a regular expression: \(pattern)") }
            amounts.append(pattern)
        }
        self.amounts = amounts
        phrases = Lexicon(words: try file.field("phrases").strings())
        negations = Lexicon(words: try file.field("negations").strings())
    }

    /// The amounts of money in `text`, and the charge phrases of its sentences that do not deny them.
    func mentions(in text: String) -> [String] {
        let lowered = text.lowercased()
        var found: [String] = []
        for pattern in amounts {
            guard let regex = try? Regex(pattern) else { continue }
            found += lowered.matches(of: regex).map { String(lowered[$0.range]) }
        }
        return found + Wording.sentences(text).filter { !negations.isFound(in: $0) }.flatMap(phrases.found(in:))
    }
}

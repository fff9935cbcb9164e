import PrakerjaConformance

/// The business side of a trade (`business.yaml`): selling, promotion, photography, brand and
/// packaging design, bookkeeping, delivery and customer service, each another occupation's work
/// with its KBJI 2014 unit groups and words.
struct BusinessSide: Sendable {
    struct Function: Sendable {
        let id: String
        let title: String
        let unitGroups: Occupations.UnitGroups
        let words: Lexicon
    }

    let functions: [Function]

    init(_ file: ReferenceNode, occupations: Occupations) throws(ReferenceData.LoadError) {
        var functions: [Function] = []
        for node in try file.field("functions").items() {
            let unitGroups = try occupations.unitGroups(node.field("unitGroups"))
            let words = Lexicon(roots: try node.optionalStrings("roots"), words: try node.optionalStrings("words"))
            if words.words.isEmpty, words.phrases.isEmpty { throw node.problem("a function needs the words of its work") }
            functions.append(
                Function(id: try node.field("id").string(), title: try node.field("title").string(), unitGroups: unitGroups, words: words))
        }
        self.functions = functions
    }

    /// The functions that are another trade's work for a course of `occupations` (KBJI codes):
    /// all but those one of its occupations does.
    func foreign(to occupations: [String]) -> [Function] {
        functions.filter { !$0.unitGroups.include(anyOf: occupations) }
    }
}

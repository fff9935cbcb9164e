import PrakerjaConformance

/// Trades that need tools, and hazardous trades with their protective equipment (`trades.yaml`).
struct Trades: Sendable {
    struct Trade: Sendable {
        let id: String
        let hazardous: Bool
        let unitGroups: Occupations.UnitGroups
        let words: Lexicon
        let protective: Lexicon
    }

    let trades: [Trade]
    let generalProtective: Lexicon

    init(_ file: ReferenceNode, occupations: Occupations) throws(ReferenceData.LoadError) {
        generalProtective = try file.lexicon("generalProtective")
        var trades: [Trade] = []
        for node in try file.field("trades").items() {
            let hazardous = try node.field("hazardous").bool(), protective = try node.optionalStrings("protective")
            if hazardous, protective.isEmpty { throw node.problem("a hazardous trade needs its protective equipment") }
            let unitGroups = try occupations.unitGroups(node.field("unitGroups"))
            trades.append(
                Trade(
                    id: try node.field("id").string(), hazardous: hazardous, unitGroups: unitGroups,
                    words: Lexicon(words: try node.field("words").strings()), protective: Lexicon(words: protective)))
        }
        self.trades = trades
    }

    /// The trades a course is in: by one of its occupations' unit groups, or named in its title or
    /// a competency.
    func of(occupations: [String], texts: [String]) -> [Trade] {
        trades.filter { trade in
            trade.unitGroups.include(anyOf: occupations) || texts.contains { trade.words.isFound(in: $0) }
        }
    }
}

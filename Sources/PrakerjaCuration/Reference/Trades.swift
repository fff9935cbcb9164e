import PrakerjaConformance

/// Trades that need tools, and hazardous trades with their protective equipment (`trades.yaml`).
struct Trades: Sendable {
    struct Trade: Sendable {
        let id: String
        let hazardous: Bool
        let unitGroups: Set<String>
        let words: Lexicon
        let protective: Lexicon
    }

    let trades: [Trade]
    let generalProtective: Lexicon

    init(_ file: ReferenceNode) throws(ReferenceData.LoadError) {
        generalProtective = Lexicon(words: try file.field("generalProtective").strings())
        var trades: [Trade] = []
        for node in try file.field("trades").items() {
            let hazardous = try node.field("hazardous").bool(), protective = try node.optionalStrings("protective")
            if hazardous, protective.isEmpty { throw node.problem("a hazardous trade needs its protective equipment") }
            var unitGroups: Set<String> = []
            for code in try node.field("unitGroups").items() { unitGroups.insert(try code.code(digits: 4)) }
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
            occupations.contains { trade.unitGroups.contains(String($0.prefix(4))) } || texts.contains { trade.words.isFound(in: $0) }
        }
    }
}

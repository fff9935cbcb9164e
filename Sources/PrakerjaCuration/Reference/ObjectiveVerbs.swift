import PrakerjaConformance

/// Operational verbs by domain and the verbs to avoid (`verbs.yaml`): what an objective's main
/// verb is, read past "Peserta mampu" and an opening clause.
struct ObjectiveVerbs: Sendable {
    enum Domain: String, Sendable, CaseIterable {
        case cognitive, psychomotor, affective
    }

    /// An objective's main verb: operational (with its domain), one to avoid, or none recognised.
    enum MainVerb: Equatable {
        case operational(String, Domain)
        case avoided(String)
        case unrecognised
    }

    let leadIns: Set<String>
    let introductions: Set<String>
    let avoid: Lexicon
    let domains: [(Domain, Lexicon)]
    /// The psychomotor verbs: what doing or making something is.
    let doing: Lexicon
    /// The verbs of making and doing (cognitive and psychomotor together), with their bare roots.
    let making: Lexicon

    init(_ file: ReferenceNode) throws(ReferenceData.LoadError) {
        leadIns = Set(try file.field("leadIns").strings().flatMap(Wording.words))
        introductions = Set(try file.field("introductions").strings().flatMap(Wording.words))
        avoid = Lexicon(words: try file.field("avoid").field("words").strings())
        let domains = try file.field("domains")
        var read: [(Domain, Lexicon)] = []
        for (name, lists) in try domains.members() {
            guard let domain = Domain(rawValue: name) else {
                throw lists.problem("\(name) is not a domain (\(Domain.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            read.append((domain, Lexicon(roots: try lists.optionalStrings("roots"), words: try lists.optionalStrings("words"))))
        }
        guard read.count == Domain.allCases.count else { throw domains.problem("every domain needs its verbs") }
        self.domains = read
        doing = read.first { $0.0 == .psychomotor }!.1
        making = read.filter { $0.0 != .affective }.map(\.1).reduce(Lexicon()) { $0.merged($1) }
    }

    func mainVerb(of objective: String) -> MainVerb {
        var words = Wording.words(objective)
        if let first = words.first, introductions.contains(first), let comma = objective.firstIndex(of: ",") {
            words = Wording.words(String(objective[objective.index(after: comma)...]))
        }
        if let leadIn = words.firstIndex(where: leadIns.contains) { words = Array(words[(leadIn + 1)...]) }
        for word in words {
            if avoid.contains(word) { return .avoided(word) }
            if let (domain, _) = domains.first(where: { $0.1.contains(word) }) { return .operational(word, domain) }
        }
        return .unrecognised
    }
}

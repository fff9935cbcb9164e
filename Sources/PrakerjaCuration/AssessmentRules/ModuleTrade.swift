import PrakerjaConformance
import PrakerjaPartners

/// Whose work a module teaches: the course's occupation, another trade's (the business side of
/// the product: selling, promotion, photography, design, bookkeeping, delivery, customer service),
/// or neither in words the kit knows. The module's title and its materials are read: each word of
/// the occupation's work counts for it, each word of another trade's work against it, the title's
/// twice. Whichever counts more decides; a tie is neither (a person reads it). A word in most of
/// the course's module titles ("tas kulit" in every module of a leather-bag course) tells no module
/// from another and is not counted for the occupation. So "resep promosi roti di Instagram" is
/// promotion, and a module photographing the furniture it never builds is photography even though
/// every material names the wood.
enum ModuleTrade: Equatable {
    case own
    case another(function: String, words: [String])
    /// Neither; the products it names, if any.
    case unknown(products: [String])

    static func of(
        _ module: CourseModule, vocabulary: Vocabulary, side: [BusinessSide.Function], ignoring common: Set<String> = []
    ) -> ModuleTrade {
        var own = 0, elsewhere: [String: [String]] = [:]
        for (text, weight) in [(module.title, 2)] + module.materials.map({ ($0.title, 1) }) {
            own += weight * vocabulary.work(sharedWith: text).filter { !common.contains($0) }.count
            let words = Wording.words(text)
            for function in side {
                let named = function.words.found(inWords: words).filter { vocabulary.shared(with: $0).isEmpty }
                for _ in 0..<weight { elsewhere[function.title, default: []] += named }
            }
        }
        let against = elsewhere.values.reduce(0) { $0 + $1.count }
        if against > own, let main = elsewhere.max(by: { $0.value.count < $1.value.count }) {
            var seen: Set<String> = []
            return .another(function: main.key, words: elsewhere.values.flatMap { $0 }.filter { seen.insert($0).inserted })
        }
        return own > against ? .own : .unknown(products: vocabulary.shared(with: module.title))
    }

    /// The words in more than half of `titles` (of three or more): what the whole course is about.
    static func common(to titles: [String]) -> Set<String> {
        guard titles.count >= 3 else { return [] }
        var counts: [String: Int] = [:]
        for title in titles { for word in Set(Wording.words(title)) { counts[word, default: 0] += 1 } }
        return Set(counts.filter { $0.value * 2 > titles.count }.keys)
    }
}

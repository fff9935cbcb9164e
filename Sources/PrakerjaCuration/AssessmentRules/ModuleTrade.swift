import PrakerjaConformance
import PrakerjaPartners

/// Whose work a module teaches: the course's occupation, another trade's (the business side of
/// the product: selling, promotion, photography, design, bookkeeping, delivery, customer service),
/// or neither in words the kit knows. The module's title and its materials are read: each word of
/// the occupation's work counts for it, each word of another trade's work against it, the title's
/// twice. Whichever counts more decides; a tie is neither (a person reads it). A word of the course
/// title or a product in most of the module titles ("tas kulit" in every module of a leather-bag
/// course) tells no module from another and is not counted for the occupation. So "resep promosi roti di Instagram" is
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
        var own = 0, elsewhere = side.map { (function: $0, words: [String]()) }
        for (text, weight) in [(module.title, 2)] + module.materials.map({ ($0.title, 1) }) {
            own += weight * vocabulary.work(sharedWith: text).filter { !common.contains($0) }.count
            let words = Wording.words(text)
            for index in elsewhere.indices {
                let named = elsewhere[index].function.words.found(inWords: words).filter { vocabulary.shared(with: $0).isEmpty }
                for _ in 0..<weight { elsewhere[index].words += named }
            }
        }
        let against = elsewhere.reduce(0) { $0 + $1.words.count }
        // The function named most, the first in business.yaml on a tie.
        if against > own, let main = elsewhere.enumerated().max(by: { ($0.element.words.count, $1.offset) < ($1.element.words.count, $0.offset) }) {
            var seen: Set<String> = []
            return .another(function: main.element.function.title, words: elsewhere.flatMap(\.words).filter { seen.insert($0).inserted })
        }
        return own > against ? .own : .unknown(products: vocabulary.shared(with: module.title))
    }

    /// The words of the course's title, or its products, that stand in more than half of the
    /// module titles (of three or more): what the whole course is about ("tas kulit" in every module
    /// of a course titled "Membuat Tas Kulit"), which tells no module from another.
    static func common(to titles: [String], courseTitle: String, vocabulary: Vocabulary) -> Set<String> {
        guard titles.count >= 3 else { return [] }
        let about = Set(Wording.words(courseTitle)).union(vocabulary.products)
        var counts: [String: Int] = [:]
        for title in titles { for word in Set(Wording.words(title)) where about.contains(word) { counts[word, default: 0] += 1 } }
        return Set(counts.filter { $0.value * 2 > titles.count }.keys)
    }
}

import PrakerjaConformance

/// The words of a kind of work, as module titles and credentials are compared with them: words of
/// two or three letters match only as written ("las", "AC"), longer ones also inside a word
/// ("jahit" in "menjahit", "penjahitan") and in the verb forms that melt their first consonant
/// ("potret" in "memotret").
struct Vocabulary: Sendable {
    let words: Set<String>
    /// Words of the goods the work makes (roti, busana): a text naming only these names the product,
    /// not the work.
    let products: Set<String>
    /// The melted verb forms of the words of four letters or more ("memanggang" for "panggang").
    private let melted: Set<String>

    init(_ entries: [String], products: [String] = []) {
        words = Set(entries.flatMap(Wording.words).filter { $0.count >= 2 && !Text.stopwords.contains($0) })
        self.products = Set(products.flatMap(Wording.words))
        melted = Set(words.filter { $0.count >= 4 }.flatMap(Wording.meltedForms(of:)))
    }

    var isEmpty: Bool { words.isEmpty }

    /// The vocabulary's words found in `text`, each once.
    func shared(with text: String) -> [String] {
        var seen: Set<String> = []
        return Wording.words(text).filter { word in
            words.contains(word) || melted.contains(word) || words.contains { $0.count >= 4 && word.count > $0.count && word.contains($0) }
        }.filter { seen.insert($0).inserted }
    }

    /// The vocabulary's words found in `text` that name the work, not only its products
    /// ("menjahit" in "menjahit busana"; nothing in "foto produk busana").
    func work(sharedWith text: String) -> [String] {
        shared(with: text).filter { word in !products.contains(word) && !products.contains { $0.count >= 4 && word.contains($0) } }
    }
}

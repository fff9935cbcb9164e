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
    /// The words and products of four letters or more as bytes, found inside longer words.
    private let inner: [[UInt8]], innerProducts: [[UInt8]]

    init(_ entries: [String], products: [String] = []) {
        words = Set(entries.flatMap(Wording.words).filter { $0.count >= 2 && !Text.stopwords.contains($0) })
        self.products = Set(products.flatMap(Wording.words))
        melted = Set(words.filter { $0.count >= 4 }.flatMap(Wording.meltedForms(of:)))
        inner = words.filter { $0.count >= 4 }.map { Array($0.utf8) }
        innerProducts = self.products.filter { $0.count >= 4 }.map { Array($0.utf8) }
    }

    var isEmpty: Bool { words.isEmpty }

    /// The vocabulary's words found in `text`, each once.
    func shared(with text: String) -> [String] {
        var seen: Set<String> = []
        return Wording.words(text).filter { word in
            guard !words.contains(word), !melted.contains(word) else { return true }
            let bytes = Array(word.utf8)
            return inner.contains { $0.count < bytes.count && Wording.contains(bytes, $0) }
        }.filter { seen.insert($0).inserted }
    }

    /// The vocabulary's words found in `text` that name the work, not only its products
    /// ("menjahit" in "menjahit busana"; nothing in "foto produk busana").
    func work(sharedWith text: String) -> [String] {
        shared(with: text).filter { word in
            guard !products.contains(word) else { return false }
            let bytes = Array(word.utf8)
            return !innerProducts.contains { Wording.contains(bytes, $0) }
        }
    }
}

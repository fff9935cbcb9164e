import Foundation
import PrakerjaConformance
import PrakerjaModels

/// Text as the content rules read it: lower-cased, diacritics folded, split into words on anything
/// that is not a letter or a digit, so "Pelacakan-Kemajuan" and "pelacakan kemajuan" read alike.
enum Wording {
    /// The words of `text`, in order, folded as the job search folds keywords. ASCII text (most
    /// of a proposal) is split on its bytes, which gives the same words without the fold's cost.
    static func words(_ text: String) -> [String] {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return JobSearchFilter.fold(text).lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        }
        var words: [String] = [], word: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default:
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// Whether `part` stands inside `word` (both as UTF-8), on bytes rather than through Foundation.
    static func contains(_ word: [UInt8], _ part: [UInt8]) -> Bool {
        guard part.count <= word.count, let first = part.first else { return part.isEmpty }
        var start = 0
        while start + part.count <= word.count {
            if word[start] == first, word[start..<(start + part.count)].elementsEqual(part) { return true }
            start += 1
        }
        return false
    }

    /// `text` as its words between single spaces, with a space at each end, for finding phrases
    /// as whole words (`" pelacakan kemajuan "`).
    static func spaced(_ text: String) -> String { " " + words(text).joined(separator: " ") + " " }

    /// The sentences of `text`, split at full stops, question and exclamation marks, semicolons and
    /// line breaks; a full stop between digits is a thousands separator (`Rp750.000`), not an end.
    static func sentences(_ text: String) -> [String] {
        let characters = Array(text)
        var sentences: [String] = [], start = 0
        for (index, character) in characters.enumerated() {
            let ends =
                character == "!" || character == "?" || character == ";" || character == "\n"
                || (character == "."
                    && !(index > 0 && index + 1 < characters.count && characters[index - 1].isNumber && characters[index + 1].isNumber))
            guard ends else { continue }
            sentences.append(String(characters[start..<index]))
            start = index + 1
        }
        sentences.append(String(characters[start...]))
        return sentences.filter { $0.contains { !$0.isWhitespace } }
    }

    /// The active (me-), passive (di-), imperative (-lah) and -kan/-i forms of an Indonesian root
    /// (not the -an nouns: "rekaman" is a recording, not recording),
    /// by the standard rules of the meN- prefix (the initial p, t, k, s of a root melts unless a
    /// consonant follows it; a one-syllable root takes menge-). Loanwords that keep their initial
    /// consonant (mengkaji, mempraktikkan) are covered by making both forms.
    static func forms(ofRoot root: String) -> Set<String> {
        var stems: Set<String> = [root, "di" + root, "ter" + root, "ber" + root]
        stems.formUnion(activeForms(of: root))
        var forms: Set<String> = []
        for stem in stems {
            for suffix in ["", "kan", "i", "lah", "kanlah", "ilah"] { forms.insert(stem + suffix) }
        }
        return forms
    }

    /// A word as written and its plain inflections (-s, -ed, -ing; -kan, -lah, -nya).
    static func forms(ofWord word: String) -> Set<String> {
        Set(["", "s", "es", "d", "ed", "ing", "kan", "lah", "nya"].map { word + $0 })
    }

    /// The active forms of a root that no longer contain it, the initial consonant melted into the
    /// prefix (potret: memotret; panggang: memanggang), with their common suffixes: what a text
    /// search for the root inside words would miss.
    static func meltedForms(of root: String) -> [String] {
        activeForms(of: root).filter { !$0.contains(root) }.flatMap { form in ["", "kan", "i", "nya", "lah"].map { form + $0 } }
    }

    /// How many syllables a root has: one per vowel, a diphthong (ai, au, oi, ei) counting once, so
    /// "las" and "cat" have one and "buat" (bu-at) and "riam" (ri-am) two.
    static func syllables(_ root: String, vowels: Set<Character>) -> Int {
        let diphthongs: Set<String> = ["ai", "au", "oi", "ei"]
        var count = 0, previous: Character?
        for letter in root {
            if vowels.contains(letter) {
                if let previous, vowels.contains(previous), diphthongs.contains(String([previous, letter])) {
                    // The second half of a diphthong: the same syllable.
                } else {
                    count += 1
                }
            }
            previous = letter
        }
        return count
    }

    private static func activeForms(of root: String) -> [String] {
        let vowels: Set<Character> = ["a", "i", "u", "e", "o"]
        guard let first = root.first else { return [] }
        if syllables(root, vowels: vowels) == 1 { return ["menge" + root] }
        let melted = String(root.dropFirst())
        let cluster = root.count > 1 && !vowels.contains(root[root.index(after: root.startIndex)])
        switch first {
        case _ where vowels.contains(first): return ["meng" + root]
        case "b", "f", "v": return ["mem" + root]
        case "p": return cluster ? ["mem" + root] : ["mem" + melted, "mem" + root]
        case "d", "c", "j", "z": return ["men" + root]
        case "t": return cluster ? ["men" + root] : ["men" + melted, "men" + root]
        case "s": return cluster ? ["men" + root] : ["meny" + melted, "men" + root]
        case "k": return cluster ? ["meng" + root] : ["meng" + melted, "meng" + root]
        case "g", "h", "q", "x": return ["meng" + root]
        default: return ["me" + root]
        }
    }
}

/// Words and phrases to find in text: single words (with their forms) by set lookup, phrases of
/// several words as runs of whole words, looked up by their first word.
struct Lexicon: Sendable {
    private(set) var words: Set<String> = []
    /// Phrases by their first word ("pelacakan": [["pelacakan", "kemajuan"]]).
    private(set) var phrases: [String: [[String]]] = [:]
    /// The roots as written (a bare root may be a noun too: "desain", "panen").
    private(set) var roots: Set<String> = []

    /// `roots` get their Indonesian forms, `words` their plain inflections; an entry of several
    /// words is a phrase, found as written.
    init(roots: [String] = [], words: [String] = []) {
        for entry in roots + words {
            let parts = Wording.words(entry)
            if parts.count > 1 {
                phrases[parts[0], default: []].append(parts)
            } else if let word = parts.first {
                let isRoot = roots.contains(entry)
                if isRoot { self.roots.insert(word) }
                self.words.formUnion(isRoot ? Wording.forms(ofRoot: word) : Wording.forms(ofWord: word))
            }
        }
    }

    /// Both lexicons as one.
    func merged(_ other: Lexicon) -> Lexicon {
        var merged = self
        merged.words.formUnion(other.words)
        merged.phrases.merge(other.phrases, uniquingKeysWith: +)
        merged.roots.formUnion(other.roots)
        return merged
    }

    /// Whether one word of text is in the lexicon.
    func contains(_ word: String) -> Bool { words.contains(word) }

    /// The entries found in `text`: the words (as they appear) and the phrases, each once.
    func found(in text: String) -> [String] { found(inWords: Wording.words(text)) }

    /// The entries found in words already split by `Wording.words`.
    func found(inWords text: [String]) -> [String] {
        var found: [String] = [], seen: Set<String> = []
        for (index, word) in text.enumerated() {
            if words.contains(word), seen.insert(word).inserted { found.append(word) }
            for phrase in phrases[word] ?? [] where text[index...].starts(with: phrase) {
                let joined = phrase.joined(separator: " ")
                if seen.insert(joined).inserted { found.append(joined) }
            }
        }
        return found
    }

    func isFound(in text: String) -> Bool { !found(in: text).isEmpty }
}

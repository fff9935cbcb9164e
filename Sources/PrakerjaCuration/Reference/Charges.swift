import Foundation
import PrakerjaConformance

/// How money and extra charges are written (`charges.yaml`).
struct Charges: Sendable {
    /// Compiled once at load (an immutable, thread-safe NSRegularExpression).
    let amounts: [NSRegularExpression]
    let phrases: Lexicon
    let negations: Lexicon
    /// Words that make a sentence's amounts a price (of the course, a promotion, another channel).
    let prices: Lexicon
    /// Costs that are also a trade's subject matter (a shipping module's "ongkos kirim"): a charge
    /// only in a sentence that says someone pays (`payments`).
    let costs: Lexicon
    let payments: Lexicon
    /// Words that make an amount without a currency ("300 ribu") money rather than a count ("64 juta UMKM").
    let money: Lexicon

    init(_ file: ReferenceNode) throws(ReferenceData.LoadError) {
        var amounts: [NSRegularExpression] = []
        for item in try file.field("amounts").items() {
            let pattern = try item.string()
            do { amounts.append(try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])) } catch {
                throw item.problem("not a regular expression: \(pattern)")
            }
        }
        self.amounts = amounts
        (phrases, negations, prices) = (try file.lexicon("phrases"), try file.lexicon("negations"), try file.lexicon("prices"))
        (costs, payments, money) = (try file.lexicon("costs"), try file.lexicon("payments"), try file.lexicon("money"))
    }

    /// An amount of money as written, its value in rupiah when it can be read, and whether its
    /// sentence names it as a price.
    struct Amount: Sendable {
        let text: String
        let rupiah: Int64?
        let isPrice: Bool
    }

    /// The amounts of money in `text`, sentence by sentence.
    func amounts(in text: String) -> [Amount] {
        Wording.sentences(text).flatMap { sentence in
            let isPrice = !prices.found(in: sentence).isEmpty, namesMoney = !money.found(in: sentence).isEmpty
            let whole = NSRange(sentence.startIndex..., in: sentence)
            return amounts.flatMap { regex in
                regex.matches(in: sentence, range: whole).compactMap { match -> Amount? in
                    guard let range = Range(match.range, in: sentence) else { return nil }
                    let written = sentence[range].lowercased()
                    // "64 juta UMKM" counts businesses: a unit without a currency is money only where the sentence names money.
                    guard namesMoney || written.hasPrefix("rp") || written.hasPrefix("idr") || !money.found(in: written).isEmpty else { return nil }
                    return Amount(text: written, rupiah: Self.rupiah(written), isPrice: isPrice)
                }
            }
        }
    }

    /// The money `text` mentions outside a course priced `price`: amounts other than the price
    /// itself and than a lower price (a cheaper price elsewhere, which the price rules judge), and
    /// the charge phrases of its sentences that do not deny them; a cost that is also a trade's
    /// subject counts only where its sentence says someone pays.
    func mentions(in text: String, price: Int64) -> [String] {
        var found: [String] = []
        for amount in amounts(in: text) where amount.rupiah != price && !(amount.isPrice && (amount.rupiah ?? .max) < price) {
            if !found.contains(amount.text) { found.append(amount.text) }
        }
        for sentence in Wording.sentences(text) {
            let words = Wording.words(sentence)
            guard negations.found(inWords: words).isEmpty else { continue }
            let paid = payments.found(inWords: words).isEmpty == false
            found += phrases.found(inWords: words).filter { paid || !costs.found(in: $0).contains($0) }
        }
        return found
    }

    /// The rupiah an amount as written stands for: `Rp750.000`, `Rp 1.500.000,00`, `IDR 299,000`,
    /// `299 ribu`, `1,5 juta`, `299k`; nil when the digits cannot be read.
    static func rupiah(_ written: String) -> Int64? {
        guard let digits = written.firstRange(of: /[0-9][0-9.,]*/) else { return nil }
        var number = String(written[digits])
        while number.last == "." || number.last == "," { number.removeLast() }
        let unit = written[digits.upperBound...].trimmingCharacters(in: .whitespaces)
        let multiplier: Double = ["juta", "jt"].contains(unit) ? 1_000_000 : ["ribu", "rb", "k"].contains(unit) ? 1_000 : 1
        let groups = number.split(whereSeparator: { $0 == "." || $0 == "," })
        // Separators before groups of three digits group thousands; a last group of one or two is decimals.
        if groups.count > 1, groups.dropFirst().allSatisfy({ $0.count == 3 }) {
            return Int64(groups.joined()).map { $0 * Int64(multiplier) }
        }
        let whole = groups.count > 1 ? groups.dropLast().joined() : String(groups.first ?? "")
        let fraction = groups.count > 1 ? "0." + groups.last! : "0"
        guard let integer = Double(whole), let decimals = Double(fraction) else { return nil }
        return Int64(((integer + decimals) * multiplier).rounded())
    }
}

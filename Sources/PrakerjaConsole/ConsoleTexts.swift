import Foundation
import PrakerjaKitFiles

/// The console's two languages: Bahasa Indonesia first, English by a switch (a cookie).
public enum ConsoleLanguage: String, CaseIterable, Sendable {
    case id, en

    /// The other language: what the switch offers.
    var other: ConsoleLanguage { self == .id ? .en : .id }
}

/// Every text the console shows, one catalogue per language (`Console/texts/id.json`,
/// `en.json`, shipped in the binary): templates read them as `t.key`, code with `text(_:)`.
/// Both catalogues have the same keys (a test holds them to it).
struct ConsoleTexts: Sendable {
    let catalogues: [ConsoleLanguage: [String: String]]

    static func load() throws -> ConsoleTexts {
        var catalogues: [ConsoleLanguage: [String: String]] = [:]
        for language in ConsoleLanguage.allCases {
            let path = "Console/texts/\(language.rawValue).json"
            guard let data = KitFiles.contents(of: path) else { throw ConsoleError("the console's texts \(path) are not in this build") }
            catalogues[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        return ConsoleTexts(catalogues: catalogues)
    }

    /// The catalogue of `language`.
    func catalogue(_ language: ConsoleLanguage) -> [String: String] { catalogues[language] ?? [:] }

    /// The text `key` in `language` (the key itself when missing: visible, never a crash).
    func text(_ key: String, _ language: ConsoleLanguage) -> String { catalogues[language]?[key] ?? key }
}

/// A console that cannot start, said for a person.
public struct ConsoleError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

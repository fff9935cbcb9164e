import Foundation
import PrakerjaConformance
import PrakerjaKitFiles
import Synchronization

/// The public reference data the content rules read (`Conformance/reference/`): operational verbs,
/// KBLI 2020, KBJI 2014, certificate claims, practice, trades and their protective equipment, the
/// business side of a trade, LMS progress features, how charges are written, and what a provider says of itself. Each file names its source; a malformed file is
/// refused at load with its file, line and reason.
public struct ReferenceData: Sendable {
    /// Why a reference file was refused: the file, the line (1-based; 0 when the file as a whole),
    /// and the reason.
    public struct LoadError: Error, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let reason: String
        public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
    }

    let verbs: ObjectiveVerbs
    let sectors: Sectors
    let occupations: Occupations
    let certificates: CertificateWords
    let practice: PracticeWords
    let trades: Trades
    let business: BusinessSide
    let progressFeatures: Lexicon
    /// A channel answered by a machine (`lms.yaml`).
    let automatedReplies: Lexicon
    /// Sessions in person, and their denials (`lms.yaml`).
    let inPerson: Lexicon
    let inPersonDenials: Lexicon
    /// Hosts that hold files, chats or videos, not an LMS; progress written by hand; channels open
    /// only after the training (`lms.yaml`).
    let notLMSHosts: [String]
    let manualTracking: Lexicon
    let afterTraining: Lexicon
    /// The words that name each interaction channel (`lms.yaml`).
    let channelWords: [String: Lexicon]
    let charges: Charges
    let provider: ProviderWords

    /// Reads every reference file in `folder`.
    public static func load(folder: String) throws(LoadError) -> ReferenceData {
        func file(_ name: String) throws(LoadError) -> ReferenceNode { try ReferenceNode.load("\(folder)/\(name)") }
        let sectors = try Sectors(file("kbli.yaml"))
        let occupations = try Occupations(file("occupations.yaml"), sectors: sectors)
        return ReferenceData(
            verbs: try ObjectiveVerbs(file("verbs.yaml")), sectors: sectors, occupations: occupations,
            certificates: try CertificateWords(file("certificates.yaml")), practice: try PracticeWords(file("practice.yaml")),
            trades: try Trades(file("trades.yaml"), occupations: occupations),
            business: try BusinessSide(file("business.yaml"), occupations: occupations),
            progressFeatures: try file("lms.yaml").lexicon("progress"),
            automatedReplies: try file("lms.yaml").lexicon("automatedReplies"),
            inPerson: try file("lms.yaml").lexicon("inPerson"),
            inPersonDenials: try file("lms.yaml").lexicon("inPersonDenials"),
            notLMSHosts: try file("lms.yaml").field("notLMSHosts").strings(), manualTracking: try file("lms.yaml").lexicon("manualTracking"),
            afterTraining: try file("lms.yaml").lexicon("afterTraining"),
            channelWords: try Dictionary(
                uniqueKeysWithValues: file("lms.yaml").field("channelWords").members().map { (key, value) throws(LoadError) in
                    (key, Lexicon(words: try value.strings()))
                }),
            charges: try Charges(file("charges.yaml")), provider: try ProviderWords(file("provider.yaml")))
    }

    /// The data in `Conformance/reference/` under `root`, read once per process and kit folder.
    public static func standard(root: String = KitFiles.defaultRoot) throws(LoadError) -> ReferenceData {
        if let known = loaded.withLock({ $0[root] }) { return known }
        let data = try load(folder: "\(root)/Conformance/reference")
        loaded.withLock { $0[root] = data }
        return data
    }

    private static let loaded = Mutex<[String: ReferenceData]>([:])
}

import Foundation
import PrakerjaConformance
import PrakerjaKitFiles
import PrakerjaModels
import PrakerjaSchema

/// A catalogue of quality indicators (`Conformance/indicators/assessment.yaml`, `monitoring.yaml`):
/// the aspects the curation team judges a course on, and every indicator with its method, evidence,
/// severity, weight and the rule-pack thresholds it reads.
public struct IndicatorCatalogue: Sendable {
    public enum Kind: String, Sendable, Codable {
        case assessment, monitoring
    }

    /// A text in Bahasa Indonesia and in English.
    public struct Title: Sendable, Codable, Hashable {
        public let id: String
        public let en: String
    }

    public struct Aspect: Sendable, Codable, Hashable {
        public let id: String
        public let title: Title
    }

    /// Who decides: the machine, the machine with a person confirming, or a person.
    public enum Method: String, Sendable, Codable, CaseIterable {
        case automated, assisted, manual
    }

    /// How much a failure weighs: a critical failure rejects a proposal (or makes a live course a
    /// violation); a major one sets conditions (a warning); a minor one is noted.
    public enum Gravity: String, Sendable, Codable, CaseIterable {
        case critical, major, minor
    }

    /// Where an indicator's evidence comes from: proposal fields (JSON Pointers into
    /// `Specs/course-proposal.schema.json`), a partner endpoint, the program's own feeds
    /// (`Specs/feeds/`), or a comparison of sources.
    public struct EvidenceSource: Sendable, Codable, Hashable, CustomStringConvertible {
        public let proposal: [String]?
        public let endpoint: String?
        public let feed: [String]?
        public let comparison: [String]?

        public var description: String {
            if let proposal { return "proposal " + proposal.joined(separator: ", ") }
            if let endpoint { return "endpoint " + endpoint }
            if let feed { return "the program's feeds: " + feed.joined(separator: ", ") }
            return "comparison of " + (comparison ?? []).joined(separator: " and ")
        }
    }

    /// What an indicator judges: the course, or its provider (judged once per provider and shown
    /// on each of its proposals; `prakerja assess --provider` judges only these).
    public enum Level: String, Sendable, Codable, Hashable {
        case course, provider
    }

    public struct Indicator: Sendable, Codable, Hashable {
        public let id: String
        public let aspect: String
        public let title: Title
        /// What goes wrong if it fails.
        public let protects: String
        /// When it passes.
        public let criteria: String
        public let method: Method
        public let evidence: EvidenceSource
        public let severity: Gravity
        public let weight: Int
        /// Rule-pack thresholds it reads, by name (`minimumMinutes`, `price.maximum`).
        public var parameters: [String] { parameterNames ?? [] }
        /// What a reviewer weighs (assisted and manual indicators).
        public let rubric: String?
        /// Whether it judges the course (the default) or its provider.
        public var level: Level { levelName ?? .course }
        private let parameterNames: [String]?
        private let levelName: Level?

        enum CodingKeys: String, CodingKey {
            case id, aspect, title, protects, criteria, method, evidence, severity, weight, rubric
            case parameterNames = "parameters"
            case levelName = "level"
        }
    }

    /// Why a catalogue could not be loaded: the file and what is wrong where.
    public struct LoadError: Error, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    public let kind: Kind
    public let aspects: [Aspect]
    public let indicators: [Indicator]

    private struct File: Decodable {
        let catalogue: Kind
        let aspects: [Aspect]
        let indicators: [Indicator]
        /// Indicators no longer judged: their ids are never given to another.
        let retired: [Retired]?

        struct Retired: Decodable {
            let id: String
        }
    }

    /// Loads and checks a catalogue: every indicator has a unique id, a known aspect, a weight of
    /// 1 to 5, and (when a person takes part) a rubric, and reuses no retired id; every aspect has
    /// an indicator.
    public static func load(_ path: String) throws(LoadError) -> IndicatorCatalogue {
        let file: File
        do { file = try DataFile.decode(File.self, from: path) } catch { throw LoadError(file: path, reason: error.reason) }
        var seen: Set<String> = []
        let retired = Set((file.retired ?? []).map(\.id))
        let aspectIDs = Set(file.aspects.map(\.id))
        for indicator in file.indicators {
            guard seen.insert(indicator.id).inserted else { throw LoadError(file: path, reason: "the indicator id \(indicator.id) appears twice") }
            guard !retired.contains(indicator.id) else {
                throw LoadError(file: path, reason: "\(indicator.id) is retired: a retired id is never given to another indicator")
            }
            guard aspectIDs.contains(indicator.aspect) else {
                throw LoadError(
                    file: path,
                    reason: "\(indicator.id): the aspect \(indicator.aspect) is not one of \(file.aspects.map(\.id).joined(separator: ", "))")
            }
            guard (1...5).contains(indicator.weight) else { throw LoadError(file: path, reason: "\(indicator.id): the weight must be 1 to 5") }
            if indicator.method != .automated, (indicator.rubric ?? "").isEmpty {
                throw LoadError(file: path, reason: "\(indicator.id): an \(indicator.method.rawValue) indicator needs a rubric for the reviewer")
            }
        }
        for aspect in file.aspects where !file.indicators.contains(where: { $0.aspect == aspect.id }) {
            throw LoadError(file: path, reason: "the aspect \(aspect.id) has no indicator")
        }
        return IndicatorCatalogue(kind: file.catalogue, aspects: file.aspects, indicators: file.indicators)
    }

    /// The catalogue in `Conformance/indicators/` under `root` (the repository, by default the current folder).
    public static func standard(_ kind: Kind, root: String = KitFiles.defaultRoot) throws(LoadError) -> IndicatorCatalogue {
        try load("\(root)/Conformance/indicators/\(kind.rawValue).yaml")
    }

    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }
    public func aspect(_ id: String) -> Aspect? { aspects.first { $0.id == id } }
}

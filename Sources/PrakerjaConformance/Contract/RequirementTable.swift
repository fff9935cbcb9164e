import Foundation
import PrakerjaModels
import PrakerjaSchema

/// A contract's normative statements, each with a stable id (`PAY-IDEM-02`), as the table in
/// `Specs/requirements/<role>.yaml` states them: what is demanded, the status and response code
/// it demands, and where it comes from. Checks name the ids they judge
/// (`CheckDefinition.requirements`); the reference partners' defect switches name the id they
/// break; `prakerja conformance requirements` shows the coverage.
public struct RequirementTable: Sendable {
    /// Where a requirement comes from.
    public enum Source: String, Sendable, CaseIterable {
        /// Bank Indonesia's SNAP BI standard.
        case snap
        /// The Kartu Prakerja program's rules (`shared/DOMAIN.md`).
        case program
        /// This contract's own design.
        case contract
        /// A point the contract was silent on, decided here (the note says how and why).
        case decided
    }

    public struct Requirement: Sendable, Hashable, Identifiable {
        public let id: String
        public let statement: String
        /// The answer it demands, like `401, 401xx01` or `200, the original result`; nil when it
        /// demands no particular answer (a property of every response).
        public let demands: String?
        public let source: Source
        /// Why, for a decided point, citing SNAP BI where it speaks.
        public let note: String?
    }

    /// The role (`payment-partner`) and the contract file the table belongs to.
    public let role: String
    public let contract: String
    public let requirements: [Requirement]

    public func requirement(_ id: String) -> Requirement? { requirements.first { $0.id == id } }

    /// Reads a table, refusing a mistake with the file, the key and the reason.
    public static func load(_ path: String) throws(ConfigError) -> RequirementTable {
        let document: JSONValue
        do { document = try SchemaDocument.load(path) } catch { throw ConfigError(file: path, key: "", reason: error.reason) }
        let root = ConfigNode(value: document, key: "", file: path)
        try root.onlyKeys(["role", "contract", "requirements"])
        let role = try root.child("role").string(), contract = try root.child("contract").string()
        let prefix = try idPrefix(role, at: root.child("role"))
        guard case .array(let items)? = root.child("requirements").value, !items.isEmpty else {
            throw root.child("requirements").error("expected a list of requirements")
        }
        var requirements: [Requirement] = []
        for (index, item) in items.enumerated() {
            let node = ConfigNode(value: item, key: "/requirements/\(index)", file: path)
            try node.onlyKeys(["id", "statement", "demands", "source", "note"])
            let id = try node.child("id").string()
            guard id.hasPrefix(prefix + "-"), id.wholeMatch(of: /[A-Z]+-[A-Z]+-[0-9]{2}/) != nil else {
                throw node.child("id").error("\"\(id)\" is not an id like \(prefix)-AUTH-01")
            }
            guard !requirements.contains(where: { $0.id == id }) else { throw node.child("id").error("\(id) is stated twice") }
            let sourceText = try node.child("source").string()
            guard let source = Source(rawValue: sourceText) else {
                throw node.child("source").error("\"\(sourceText)\" is not one of \(Source.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let note = node.child("note").optionalString()
            if source == .decided, note == nil { throw node.child("note").error("a decided point says how it was decided and why") }
            requirements.append(
                Requirement(
                    id: id, statement: try node.child("statement").string(), demands: node.child("demands").optionalString(), source: source,
                    note: note))
        }
        return RequirementTable(role: role, contract: contract, requirements: requirements)
    }

    /// The id prefix of a role's requirements.
    static func idPrefix(_ role: String, at node: ConfigNode) throws(ConfigError) -> String {
        guard let prefix = prefixes[role] else {
            throw node.error("unknown role \"\(role)\" (known: \(prefixes.keys.sorted().joined(separator: ", ")))")
        }
        return prefix
    }

    static let prefixes = [
        "payment-partner": "PAY", "job-portal": "JOB", "training-provider": "TP", "digital-platform": "DP", "integration-api": "API",
    ]

    /// `Specs/requirements/<role>.yaml` under `root`.
    public static func standard(_ role: String, root: String) throws(ConfigError) -> RequirementTable {
        try load("\(root)/Specs/requirements/\(role).yaml")
    }
}

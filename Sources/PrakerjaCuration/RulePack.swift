import Foundation
import PrakerjaConformance
import PrakerjaKitFiles
import PrakerjaModels
import PrakerjaSchema

/// The thresholds that change by program year or scheme (`Conformance/rulepacks/2021.yaml`,
/// `2023-normal.yaml`): minimum hours per learning method, hours per day, the theory share,
/// participants per facilitator, required evaluations, price bounds. Indicators read them by name;
/// a per-method value is a mapping keyed by learning method; `null` means the scheme sets none.
public struct RulePack: Sendable {
    public let id: String
    public let title: String
    private let values: [String: JSONValue]

    public struct LoadError: Error, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// The default pack: the current scheme.
    public static let defaultID = "2023-normal"

    init(id: String, title: String, values: [String: JSONValue]) {
        self.id = id
        self.title = title
        self.values = values
    }

    /// Loads a pack file.
    public static func load(_ path: String) throws(LoadError) -> RulePack {
        let document: JSONValue
        do { document = try SchemaDocument.load(path) } catch { throw LoadError(file: path, reason: error.reason) }
        guard case .object(let members) = document else { throw LoadError(file: path, reason: "expected a mapping of thresholds") }
        let values = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        guard case .string(let id)? = values["id"], case .string(let title)? = values["title"] else {
            throw LoadError(file: path, reason: "id and title are required")
        }
        return RulePack(id: id, title: title, values: values)
    }

    /// Whether `named` reads `name` as a file (it ends in `.yaml` or holds a `/`) rather than a
    /// rule pack of the kit.
    public static func isFile(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.contains("/") }

    /// The pack `name` in `Conformance/rulepacks/` under `root`, or a file path.
    public static func named(_ name: String, root: String = KitFiles.defaultRoot) throws(LoadError) -> RulePack {
        if isFile(name) { return try load(name) }
        let path = "\(root)/Conformance/rulepacks/\(name).yaml"
        guard FileManager.default.fileExists(atPath: path) else {
            let known =
                (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/Conformance/rulepacks"))?
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
            throw LoadError(file: path, reason: "there is no rule pack \(name) (known: \(known.joined(separator: ", ")))")
        }
        return try load(path)
    }

    /// The value at a dotted name (`price.maximum`), or nil when absent.
    func value(_ name: String) -> JSONValue? {
        var parts = name.split(separator: ".").map(String.init)
        guard !parts.isEmpty, var current = values[parts.removeFirst()] else { return nil }
        for part in parts {
            guard let next = current[part] else { return nil }
            current = next
        }
        return current
    }

    /// Whether the pack defines `name` (a `null` counts: the scheme says it sets none).
    public func defines(_ name: String) -> Bool { value(name) != nil }

    /// A number, or nil when the scheme sets none.
    public func number(_ name: String) -> Double? {
        if case .number(let text)? = value(name) { Double(text) } else { nil }
    }

    /// A per-method number, or nil when the scheme sets none for `method`.
    public func number(_ name: String, for method: LearningMethod) -> Double? {
        if case .number(let text)? = value(name)?[method.rawValue] { Double(text) } else { nil }
    }

    /// A yes-or-no setting (`hybridMeetsInPerson`), or nil when the pack sets none.
    public func flag(_ name: String) -> Bool? {
        if case .bool(let value)? = value(name) { value } else { nil }
    }

    /// Whether a critical indicator's two agreeing reviewers must come from two institutions
    /// (`secondReviewerFromAnotherInstitution`).
    public var secondReviewerFromAnotherInstitution: Bool { flag("secondReviewerFromAnotherInstitution") == true }

    /// A list of names (`requiredEvaluations`).
    public func list(_ name: String) -> [String] {
        guard case .array(let items)? = value(name) else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }
}

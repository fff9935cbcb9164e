import Foundation
import PrakerjaModels
import Yams

/// Reads a document that holds schemas (a JSON Schema, or an OpenAPI document in YAML or JSON)
/// as a `JSONValue`, keeping member order and the exact text of numbers.
public enum SchemaDocument {
    /// Why a document could not be read: the file and the reason.
    public struct LoadError: Error, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// Loads `path`: YAML for `.yaml`/`.yml`, JSON otherwise.
    public static func load(_ path: String) throws(LoadError) -> JSONValue {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw LoadError(file: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let isYAML = path.hasSuffix(".yaml") || path.hasSuffix(".yml")
        do throws(LoadError) {
            return isYAML ? try parseYAML(data) : try parseJSON(data)
        } catch {
            throw LoadError(file: path, reason: error.reason)
        }
    }

    /// Parses JSON, naming the byte where it stops being JSON.
    public static func parseJSON(_ data: Data) throws(LoadError) -> JSONValue {
        do { return try JSONValue.parse(data) } catch {
            let reason = if case DecodingError.dataCorrupted(let context) = error { context.debugDescription } else { "\(error)" }
            throw LoadError(file: "", reason: "not JSON: \(reason)")
        }
    }

    /// Parses YAML into the JSON data model: mappings with string keys, sequences, and scalars
    /// resolved by YAML 1.2's core schema (a YAML timestamp stays a string, as JSON has no dates).
    public static func parseYAML(_ data: Data) throws(LoadError) -> JSONValue {
        guard let text = String(data: data, encoding: .utf8) else { throw LoadError(file: "", reason: "not UTF-8") }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw LoadError(file: "", reason: "not YAML: \(error)")
        }
        guard let root else { throw LoadError(file: "", reason: "the document is empty") }
        return try convert(root, at: JSONPointer())
    }

    private static func convert(_ node: Node, at pointer: JSONPointer) throws(LoadError) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var members: [(key: String, value: JSONValue)] = []
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key else {
                    throw LoadError(file: "", reason: "at \(pointer.description.isEmpty ? "/" : pointer.description): a key that is not text")
                }
                members.append((scalar.string, try convert(value, at: pointer.appending(scalar.string))))
            }
            return .object(members)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.enumerated() { items.append(try convert(item, at: pointer.appending(index))) }
            return .array(items)
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .alias:
            throw LoadError(file: "", reason: "at \(pointer.description.isEmpty ? "/" : pointer.description): YAML aliases are not supported")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar) -> JSONValue {
        switch Resolver.default.resolveTag(of: .scalar(scalar)) {
        case .null: return .null
        case .bool: return .bool(Bool.construct(from: scalar) ?? false)
        case .int:
            if let value = Int.construct(from: scalar) { return .number(String(value)) }
            return .string(scalar.string)
        case .float:
            let text = scalar.string
            if (try? JSONValue.parse(Data(text.utf8))).map({ if case .number = $0 { true } else { false } }) == true { return .number(text) }
            if let value = Double.construct(from: scalar), value.isFinite { return .number(String(value)) }
            return .string(text)
        default: return .string(scalar.string)
        }
    }
}

import Foundation
import OpenAPIKit
import PrakerjaModels
import Testing
import Yams

/// Checks that a Codable type and a JSON Schema describe the same object: the same fields, the
/// same required-ness and nullability, and compatible types (the schema's examples decode).
public enum SchemaAgreement {
    public static func check(_ type: any (Codable & Sendable).Type, against schema: DereferencedJSONSchema, name: String) throws {
        let example = try #require(instance(of: schema) as? [String: Any], "\(name): the schema is not an object")
        let value = try decode(type, example)
        #expect(try keys(of: encode(value)) == Set(example.keys), "\(name): encoding writes other fields than the schema has")
        let streamed = try JSONSerialization.jsonObject(with: Data(StreamingJSONEncoder().encode(value))) as? NSDictionary
        #expect(
            streamed == (try JSONSerialization.jsonObject(with: encode(value)) as? NSDictionary),
            "\(name): the streaming encoder and Foundation's disagree")
        guard case .object(_, let object) = schema else { return }
        for (property, propertySchema) in object.properties {
            var without = example
            without.removeValue(forKey: property)
            let required = object.requiredProperties.contains(property)
            if required && !propertySchema.nullable {
                #expect(throws: (any Error).self, "\(name): \(property) is required, but decoding without it succeeds") {
                    try decode(type, without)
                }
            } else if required {
                var null = example
                null[property] = NSNull()
                let decoded = try decode(type, null)
                #expect(try keys(of: encode(decoded)).contains(property), "\(name): \(property) is required and nullable; encode null, not nothing")
            } else {
                _ = try decode(type, without)
            }
            if case .object = propertySchema, let nested = example[property] as? [String: Any] {
                var broken = example
                broken[property] = nested.filter { _ in false }
                if !propertySchema.requiredPropertiesOfObject.isEmpty {
                    #expect(throws: (any Error).self, "\(name): \(property) decodes from an empty object although it has required fields") {
                        try decode(type, broken)
                    }
                }
            }
        }
    }

    /// A JSON value for `schema`, from its examples.
    public static func instance(of schema: DereferencedJSONSchema) -> Any? {
        if let example = schema.examples.first { return example.value }
        switch schema {
        case .object(_, let object):
            var result: [String: Any] = [:]
            for (name, property) in object.properties {
                if let value = instance(of: property) { result[name] = value }
            }
            return result
        case .all(let schemas, _):
            return schemas.compactMap { instance(of: $0) as? [String: Any] }.reduce(into: [String: Any]()) { $0.merge($1) { $1 } }
        case .array(_, let array):
            return array.items.flatMap { instance(of: $0) }.map { [$0] } ?? []
        default:
            return nil
        }
    }

    /// The schema of `name` inside an object schema (through `allOf`).
    public static func property(_ name: String, of schema: DereferencedJSONSchema) -> DereferencedJSONSchema? {
        switch schema {
        case .object(_, let object): object.properties[name]
        case .all(let schemas, _): schemas.reversed().lazy.compactMap { property(name, of: $0) }.first
        default: nil
        }
    }

    public static func decode(_ type: any (Codable & Sendable).Type, _ object: [String: Any]) throws -> any Encodable {
        let data = try JSONSerialization.data(withJSONObject: object)
        return try JSONDecoder().decode(type, from: data)
    }

    public static func encode(_ value: any Encodable) throws -> Data { try JSONEncoder().encode(value) }

    public static func keys(of data: Data) throws -> Set<String> {
        Set((try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]).keys)
    }
}

extension DereferencedJSONSchema {
    var requiredPropertiesOfObject: [String] {
        if case .object(_, let object) = self { object.requiredProperties } else { [] }
    }
}

/// An OpenAPI document from `Specs/`, parsed with OpenAPIKit and dereferenced.
public struct SpecDocument: @unchecked Sendable {
    public let document: OpenAPI.Document
    public let dereferenced: DereferencedDocument

    public init(_ relativePath: String) throws {
        let yaml = try String(contentsOf: Repository.url(relativePath), encoding: .utf8)
        document = try YAMLDecoder().decode(OpenAPI.Document.self, from: yaml)
        dereferenced = try document.locallyDereferenced()
    }

    /// The keys whose value is YAML null, as `/`-joined paths. A spec never means null: one is
    /// almost always an unquoted comma inside a flow mapping (`description: a, b`), which YAML
    /// reads as a second key and OpenAPIKit then drops without a word.
    public static func nullValuedKeys(in relativePath: String) throws -> [String] {
        let yaml = try String(contentsOf: Repository.url(relativePath), encoding: .utf8)
        var found: [String] = []
        func walk(_ node: Node, _ path: String) {
            if let mapping = node.mapping {
                for (key, value) in mapping {
                    let here = path + "/" + (key.string ?? "?")
                    if value.null != nil { found.append(here) }
                    walk(value, here)
                }
            } else if let sequence = node.sequence {
                for (index, value) in sequence.enumerated() { walk(value, path + "/\(index)") }
            }
        }
        if let root = try Yams.compose(yaml: yaml) { walk(root, "") }
        return found
    }

    /// The path and operation with `operationId`.
    public func operation(_ id: String) -> (path: String, operation: DereferencedOperation)? {
        for route in dereferenced.routes {
            for endpoint in route.pathItem.endpoints where endpoint.operation.operationId == id {
                return (route.path.rawValue, endpoint.operation)
            }
        }
        return nil
    }
}

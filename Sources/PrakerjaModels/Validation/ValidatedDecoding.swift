import Foundation

/// Decoding for types that validate on construction.
///
/// A validated type decodes its raw form, then runs its validating initialiser. A `FieldError`
/// becomes a `DecodingError.dataCorrupted` whose coding path points at the field, so JSON
/// decoding errors name the place in the document and the reason.
extension SingleValueDecodingContainer {
    func decodeValidated<Raw: Decodable, Value>(
        _ raw: Raw.Type, _ validate: (Raw) throws(FieldError) -> Value
    ) throws -> Value {
        let rawValue = try decode(Raw.self)
        do {
            return try validate(rawValue)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: error.reason))
        }
    }
}

extension KeyedDecodingContainer {
    /// Runs a validating initialiser inside `init(from:)`, reporting its `FieldError` at the right path.
    func validate<Value>(_ body: () throws(FieldError) -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            let keys = error.field.split(separator: ".").map { PathKey(stringValue: String($0)) }
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + keys, debugDescription: error.reason))
        }
    }
}

/// A coding key made from a field name, for error paths.
struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension FieldError {
    /// A readable field error for any decoding failure: the JSON path of the fault and the reason.
    public init(_ error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .dataCorrupted(let context):
            self.init(field: path(context), reason: context.debugDescription)
        case .keyNotFound(let key, let context):
            let parent = path(context)
            self.init(field: parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)", reason: "is required but missing")
        case .typeMismatch(let type, let context):
            self.init(field: path(context), reason: "has the wrong type: expected \(Self.jsonTypeName(type))")
        case .valueNotFound(let type, let context):
            self.init(field: path(context), reason: "is null: expected \(Self.jsonTypeName(type))")
        @unknown default:
            self.init(field: "", reason: String(describing: error))
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

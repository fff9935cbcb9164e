import Foundation

/// A JSON decoder for the small documents the integration APIs exchange.
///
/// It parses the whole document into a compact tree in one pass (validating the grammar, escapes
/// and UTF-8) and decodes from the tree, about three times faster than Foundation's `JSONDecoder`
/// on a request body. Errors are the standard `DecodingError`s with the same coding paths, so
/// `FieldError(decodingError)` names the field as before. Like `StreamingJSONEncoder`, it uses the
/// types' own `Decodable` implementations: a `Date` is seconds since 2001 and `Data` a byte array
/// (the wire types carry dates and files as strings). Unknown keys are ignored; of duplicate keys,
/// the last wins, unless `refusesDuplicateKeys` (then an object the type reads that repeats a key
/// is a `DuplicateKeyError`). Under `emptyStringsAreMissing` (SNAP's rule), a member whose value
/// is `""` is read as absent: a mandatory one is `keyNotFound`, an optional one `nil`.
public struct CompactJSONDecoder: Sendable {
    /// Containers nested deeper than this are refused.
    public static let maximumDepth = 512

    /// Whether an optional field sent as `null` is refused (a request decoder for a contract whose
    /// optional fields are `{type: string}`, not nullable: leave the field out instead). Off, a
    /// `null` optional decodes as absent.
    public let refusesNullForOptionals: Bool
    /// Whether a repeated key is refused: two readers of one body (a proxy keeping the first
    /// key, a decoder keeping the last) must not see two different requests.
    public let refusesDuplicateKeys: Bool
    /// Whether a member sent as the empty string is read as if it were left out.
    public let emptyStringsAreMissing: Bool

    public init(refusesNullForOptionals: Bool = false, refusesDuplicateKeys: Bool = false, emptyStringsAreMissing: Bool = false) {
        self.refusesNullForOptionals = refusesNullForOptionals
        self.refusesDuplicateKeys = refusesDuplicateKeys
        self.emptyStringsAreMissing = emptyStringsAreMissing
    }

    public func decode<Value: Decodable>(_ type: Value.Type, from bytes: some ContiguousBytes) throws -> Value {
        try Value(
            from: TreeDecoder(
                node: try JSONValue.parse(bytes), codingPath: [],
                rules: DecodingRules(
                    refusesNull: refusesNullForOptionals, refusesDuplicateKeys: refusesDuplicateKeys, emptyStringsAreMissing: emptyStringsAreMissing))
        )
    }
}

/// What a `CompactJSONDecoder` refuses beyond the grammar.
struct DecodingRules {
    /// A `null` for an optional field.
    let refusesNull: Bool
    /// An object that repeats a key.
    let refusesDuplicateKeys: Bool
    /// A member whose value is `""` is read as absent.
    let emptyStringsAreMissing: Bool
}

/// An object that repeats a key, where the decoder refuses that: the key and where.
public struct DuplicateKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    public let key: String
    /// The JSON pointer of the object.
    public let location: String

    public init(key: String, location: String) {
        self.key = key
        self.location = location
    }

    public var description: String { "the key \(key) appears twice in \(location.isEmpty ? "the body" : location)" }
}

/// The `Decoder` over one node of the tree.
struct TreeDecoder: Decoder {
    let node: JSONValue
    let codingPath: [any CodingKey]
    /// The decoder's rules, carried to every container.
    let rules: DecodingRules
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = node else { throw mismatch([String: Any].self, node, codingPath) }
        if rules.refusesDuplicateKeys, let repeated = Self.repeatedKey(in: members) {
            throw DuplicateKeyError(key: repeated, location: codingPath.map { "/" + $0.stringValue }.joined())
        }
        return KeyedDecodingContainer(TreeKeyedContainer<Key>(members: members, codingPath: codingPath, rules: rules))
    }

    /// The first key an object repeats: compared pairwise for the small objects requests carry
    /// (no allocation on the request path), through a set for large ones.
    static func repeatedKey(in members: [(key: String, value: JSONValue)]) -> String? {
        if members.count <= 16 {
            for index in members.indices.dropFirst() where members[..<index].contains(where: { $0.key == members[index].key }) {
                return members[index].key
            }
            return nil
        }
        var seen = Set<String>(minimumCapacity: members.count)
        return members.first { !seen.insert($0.key).inserted }?.key
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node else { throw mismatch([Any].self, node, codingPath) }
        return TreeUnkeyedContainer(items: items, codingPath: codingPath, rules: rules)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { TreeSingleValue(node: node, codingPath: codingPath, rules: rules) }
}

private func mismatch(_ type: Any.Type, _ node: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    if case .null = node {
        return .valueNotFound(type, .init(codingPath: path, debugDescription: "Expected \(type) but found null instead."))
    }
    return .typeMismatch(type, .init(codingPath: path, debugDescription: "Expected to decode \(type) but found \(node.kind) instead."))
}

/// Scalars read from a node, for the single-value, keyed and unkeyed containers alike. The path is
/// built only when the node is refused: a keyed container's `codingPath + [key]` is an allocation.
private enum Scalar {
    static func bool(_ node: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        guard case .bool(let value) = node else { throw mismatch(Bool.self, node, path()) }
        return value
    }

    static func string(_ node: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard case .string(let value) = node else { throw mismatch(String.self, node, path()) }
        return value
    }

    static func integer<Value: FixedWidthInteger>(_ type: Value.Type, _ node: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Value {
        guard case .number(let text) = node else { throw mismatch(type, node, path()) }
        guard let value = Value(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "Number \(text) does not fit in \(type)."))
        }
        return value
    }

    static func double(_ node: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Double {
        guard case .number(let text) = node, let value = Double(text) else { throw mismatch(Double.self, node, path()) }
        return value
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ node: JSONValue, _ path: [any CodingKey], rules: DecodingRules) throws -> Value {
        try Value(from: TreeDecoder(node: node, codingPath: path, rules: rules))
    }
}

private struct TreeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let codingPath: [any CodingKey]
    let rules: DecodingRules

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { present(key.stringValue) != nil }

    /// The value of the member `name` (the last, if repeated), unless the rules read it as absent.
    private func present(_ name: String) -> JSONValue? {
        guard let value = members.last(where: { $0.key == name })?.value else { return nil }
        if rules.emptyStringsAreMissing, case .string("") = value { return nil }
        return value
    }

    private func node(_ key: Key) throws -> JSONValue {
        guard let value = present(key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)."))
        }
        return value
    }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    /// `decodeIfPresent` asks this of a present key: under `refusesNull`, a `null` is refused rather than read as absent.
    func decodeNil(forKey key: Key) throws -> Bool {
        guard case .null = try node(key) else { return false }
        if rules.refusesNull {
            throw DecodingError.typeMismatch(
                Any.self, .init(codingPath: path(key), debugDescription: "null is not allowed; leave the field out instead"))
        }
        return true
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Scalar.bool(node(key), path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try Scalar.string(node(key), path(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Scalar.double(node(key), path(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try Scalar.double(node(key), path(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Scalar.integer(type, node(key), path(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try Scalar.integer(type, node(key), path(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try Scalar.integer(type, node(key), path(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try Scalar.integer(type, node(key), path(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try Scalar.integer(type, node(key), path(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try Scalar.integer(type, node(key), path(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try Scalar.integer(type, node(key), path(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try Scalar.integer(type, node(key), path(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try Scalar.integer(type, node(key), path(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try Scalar.integer(type, node(key), path(key)) }
    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try Scalar.decode(type, node(key), path(key), rules: rules)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TreeDecoder(node: node(key), codingPath: path(key), rules: rules).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TreeDecoder(node: node(key), codingPath: path(key), rules: rules).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        TreeDecoder(node: members.last { $0.key == "super" }?.value ?? .null, codingPath: codingPath, rules: rules)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        TreeDecoder(node: (try? node(key)) ?? .null, codingPath: path(key), rules: rules)
    }
}

private struct TreeUnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    let rules: DecodingRules
    var currentIndex = 0

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    private mutating func next<Value>(_ type: Value.Type) throws -> (JSONValue, [any CodingKey]) {
        let path = codingPath + [IndexKey(intValue: currentIndex)]
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "Unkeyed container is at end."))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let (node, path) = try next(type)
        return try Scalar.bool(node, path)
    }
    mutating func decode(_ type: String.Type) throws -> String {
        let (node, path) = try next(type)
        return try Scalar.string(node, path)
    }
    mutating func decode(_ type: Double.Type) throws -> Double {
        let (node, path) = try next(type)
        return try Scalar.double(node, path)
    }
    mutating func decode(_ type: Float.Type) throws -> Float {
        let (node, path) = try next(type)
        return Float(try Scalar.double(node, path))
    }
    mutating func decode(_ type: Int.Type) throws -> Int {
        let (node, path) = try next(type)
        return try Scalar.integer(type, node, path)
    }
    mutating func decode(_ type: Int64.Type) throws -> Int64 {
        let (node, path) = try next(type)
        return try Scalar.integer(type, node, path)
    }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 {
        let (node, path) = try next(type)
        return try Scalar.integer(type, node, path)
    }
    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let (node, path) = try next(type)
        return try Scalar.decode(type, node, path, rules: rules)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (node, path) = try next([String: Any].self)
        return try TreeDecoder(node: node, codingPath: path, rules: rules).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (node, path) = try next([Any].self)
        return try TreeDecoder(node: node, codingPath: path, rules: rules).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (node, path) = try next(Any.self)
        return TreeDecoder(node: node, codingPath: path, rules: rules)
    }
}

private struct TreeSingleValue: SingleValueDecodingContainer {
    let node: JSONValue
    let codingPath: [any CodingKey]
    let rules: DecodingRules

    func decodeNil() -> Bool {
        if case .null = node { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool { try Scalar.bool(node, codingPath) }
    func decode(_ type: String.Type) throws -> String { try Scalar.string(node, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try Scalar.double(node, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try Scalar.double(node, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try Scalar.integer(type, node, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try Scalar.integer(type, node, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try Scalar.integer(type, node, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try Scalar.integer(type, node, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Scalar.integer(type, node, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try Scalar.integer(type, node, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try Scalar.integer(type, node, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try Scalar.integer(type, node, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try Scalar.integer(type, node, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try Scalar.integer(type, node, codingPath) }
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try Scalar.decode(type, node, codingPath, rules: rules) }
}

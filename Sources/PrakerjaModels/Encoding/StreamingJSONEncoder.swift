import Foundation

/// A JSON encoder that writes bytes as values are encoded, without building a tree first.
///
/// Servers in this kit encode every response; Foundation's `JSONEncoder` builds an intermediate
/// value tree and costs several microseconds for a small envelope. This encoder produces the same
/// JSON for the kit's wire types (keys in encoding order, `/` unescaped, `nil` optionals left out
/// unless encoded explicitly) in a fraction of the time. It relies on the usual Codable pattern: a
/// value asks for one container and fills it in order. Dates and `Data` use their own `Encodable`
/// implementations (seconds since 2001, byte arrays): the wire types carry such values as strings.
/// Encoding errors (only a non-finite number can fail) name the containing object's path.
public struct StreamingJSONEncoder: Sendable {
    public init() {}

    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let writer = JSONByteWriter()
        try writer.encodeValue(value, depth: 0, codingPath: [])
        writer.close(above: 0)
        if writer.bytes.isEmpty { writer.bytes.append(contentsOf: "{}".utf8) }
        return writer.bytes
    }
}

/// The output buffer and the stack of open containers.
final class JSONByteWriter {
    @exclusivity(unchecked) var bytes: [UInt8] = []
    /// Open containers, outermost first: whether each is an object, and how many members it has.
    /// (Both properties are touched once per member; a writer is never shared, so dynamic
    /// exclusivity checks would cost without protecting anything.)
    @exclusivity(unchecked) var frames: [(isObject: Bool, count: Int)] = []

    init() { bytes.reserveCapacity(512) }

    /// Closes every container at index `depth` or deeper.
    func close(above depth: Int) {
        while frames.count > depth {
            bytes.append(frames.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    func open(object: Bool) {
        bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append((object, 0))
    }

    /// Starts the next member of the container at `index`: closes what was nested in it, then writes the separator and key.
    func beginMember(of index: Int, key: String?) {
        close(above: index + 1)
        if frames[index].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[index].count += 1
        if let key {
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Encodes a nested value whose containers live at `depth` and deeper, closing them afterwards.
    func encodeValue(_ value: some Encodable, depth: Int, codingPath: [any CodingKey]) throws {
        let start = bytes.count
        try value.encode(to: StreamingEncoder(writer: self, depth: depth, codingPath: codingPath))
        close(above: depth)
        if bytes.count == start { bytes.append(contentsOf: "{}".utf8) }
    }

    func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole, looked at as contiguous bytes.
        var text = string
        let copied = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                ])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Decimal digits written straight into the buffer.
    func writeInteger<Value: BinaryInteger>(_ value: Value) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    func writeFloatingPoint(_ value: Double, codingPath: @autoclosure () -> [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath(), debugDescription: "JSON has no \(value)"))
        }
        var text = String(value)
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }
}

/// The `Encoder` handed to each value: its containers start at frame `depth`.
struct StreamingEncoder: Encoder {
    let writer: JSONByteWriter
    let depth: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        writer.close(above: depth)
        writer.open(object: true)
        return KeyedEncodingContainer(KeyedContainer<Key>(writer: writer, index: depth, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.close(above: depth)
        writer.open(object: false)
        return UnkeyedContainer(writer: writer, index: depth, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValue(writer: writer, depth: depth, codingPath: codingPath) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONByteWriter
    let index: Int
    let codingPath: [any CodingKey]

    private func begin(_ key: Key) { writer.beginMember(of: index, key: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws {
        begin(key)
        writer.bytes.append(contentsOf: "null".utf8)
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        begin(key)
        writer.bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        begin(key)
        writer.writeString(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        begin(key)
        try writer.writeFloatingPoint(value, codingPath: codingPath + [key])
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        begin(key)
        try writer.writeFloatingPoint(Double(value), codingPath: codingPath + [key])
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        begin(key)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        begin(key)
        // The path of nested values is kept at container level: building it per value would cost an allocation each.
        try writer.encodeValue(value, depth: index + 1, codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        begin(key)
        writer.open(object: true)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, index: index + 1, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        begin(key)
        writer.open(object: false)
        return UnkeyedContainer(writer: writer, index: index + 1, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        writer.beginMember(of: index, key: "super")
        return StreamingEncoder(writer: writer, depth: index + 1, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        begin(key)
        return StreamingEncoder(writer: writer, depth: index + 1, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONByteWriter
    let index: Int
    let codingPath: [any CodingKey]
    var count: Int { writer.frames.indices.contains(index) ? writer.frames[index].count : 0 }

    private func begin() { writer.beginMember(of: index, key: nil) }

    mutating func encodeNil() throws {
        begin()
        writer.bytes.append(contentsOf: "null".utf8)
    }
    mutating func encode(_ value: Bool) throws {
        begin()
        writer.bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }
    mutating func encode(_ value: String) throws {
        begin()
        writer.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        begin()
        try writer.writeFloatingPoint(value, codingPath: codingPath)
    }
    mutating func encode(_ value: Float) throws {
        begin()
        try writer.writeFloatingPoint(Double(value), codingPath: codingPath)
    }
    mutating func encode(_ value: Int) throws {
        begin()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int64) throws {
        begin()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt8) throws {
        begin()
        writer.writeInteger(value)
    }

    mutating func encode(_ value: some Encodable) throws {
        begin()
        try writer.encodeValue(value, depth: index + 1, codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        begin()
        writer.open(object: true)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, index: index + 1, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        begin()
        writer.open(object: false)
        return UnkeyedContainer(writer: writer, index: index + 1, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        begin()
        return StreamingEncoder(writer: writer, depth: index + 1, codingPath: codingPath)
    }
}

private struct SingleValue: SingleValueEncodingContainer {
    let writer: JSONByteWriter
    let depth: Int
    let codingPath: [any CodingKey]

    private func prepare() { writer.close(above: depth) }

    mutating func encodeNil() throws {
        prepare()
        writer.bytes.append(contentsOf: "null".utf8)
    }
    mutating func encode(_ value: Bool) throws {
        prepare()
        writer.bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }
    mutating func encode(_ value: String) throws {
        prepare()
        writer.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        prepare()
        try writer.writeFloatingPoint(value, codingPath: codingPath)
    }
    mutating func encode(_ value: Float) throws {
        prepare()
        try writer.writeFloatingPoint(Double(value), codingPath: codingPath)
    }
    mutating func encode(_ value: Int) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int8) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int16) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int32) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int64) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt8) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt16) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt32) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt64) throws {
        prepare()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: some Encodable) throws {
        prepare()
        try writer.encodeValue(value, depth: depth, codingPath: codingPath)
    }
}

/// One way an instance fails its schema: where in the instance, which keyword of which schema, and why.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance (`/items/3/price`; empty for the whole instance).
    public let instanceLocation: JSONPointer
    /// The failing keyword's absolute location: its schema resource's URI, `#`, and a JSON Pointer
    /// to the keyword inside that resource.
    public let schemaLocation: String
    public let reason: String

    public init(instanceLocation: JSONPointer, schemaLocation: String, reason: String) {
        self.instanceLocation = instanceLocation
        self.schemaLocation = schemaLocation
        self.reason = reason
    }

    /// `<instance pointer>: <reason>`, the form `prakerja schema validate` prints (a bare `/` for the whole instance).
    public var description: String {
        let pointer = instanceLocation.tokens.isEmpty ? "/" : instanceLocation.description
        return "\(pointer): \(reason)"
    }
}

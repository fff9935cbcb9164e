import PrakerjaModels

/// The documents a validator may resolve references in, indexed by URI: every schema resource
/// (`$id`), every `$anchor` and `$dynamicAnchor`. References resolve only here: a `$ref` to a
/// document that was not added is an error, never a download.
public struct SchemaRegistry: Sendable {
    /// A schema (or, for a document that is not itself a schema, any value) and where it sits.
    struct Location: Sendable {
        let value: JSONValue
        /// The base URI in effect there (its resource's URI).
        let base: URIReference
        /// Where it sits inside its resource.
        let pointer: JSONPointer
    }

    private(set) var resources: [String: Location] = [:]
    private(set) var anchors: [String: Location] = [:]
    private(set) var dynamicAnchors: [String: Location] = [:]

    public init() {}

    /// Adds a document under `uri` and indexes the resources and anchors of the schema at its root.
    /// `schemaRoots` lists other places that hold schemas, for documents that are not themselves
    /// schemas (an OpenAPI document's `/components/schemas/...`).
    public mutating func add(_ document: JSONValue, uri: String, schemaRoots: [JSONPointer] = [JSONPointer()]) {
        let retrieval = URIReference(uri).withoutFragment
        // A schema document's own `$id` is its base URI; its retrieval URI names it too.
        var base = retrieval
        if schemaRoots.contains(JSONPointer()), case .string(let id)? = document["$id"] {
            base = URIReference(id).resolved(against: retrieval).withoutFragment
        }
        resources[retrieval.description] = Location(value: document, base: base, pointer: JSONPointer())
        for root in schemaRoots {
            guard let schema = root.resolve(in: document) else { continue }
            index(schema, base: retrieval, pointer: root)
        }
    }

    private mutating func index(_ schema: JSONValue, base: URIReference, pointer: JSONPointer) {
        guard case .object(let members) = schema else { return }
        var base = base, pointer = pointer
        if case .string(let id)? = schema["$id"] {
            base = URIReference(id).resolved(against: base).withoutFragment
            pointer = JSONPointer()
            resources[base.description] = Location(value: schema, base: base, pointer: pointer)
        }
        let here = Location(value: schema, base: base, pointer: pointer)
        if case .string(let anchor)? = schema["$anchor"] { anchors[base.description + "#" + anchor] = here }
        if case .string(let anchor)? = schema["$dynamicAnchor"] {
            anchors[base.description + "#" + anchor] = here
            dynamicAnchors[base.description + "#" + anchor] = here
        }
        for (key, value) in members {
            switch key {
            case "$defs", "definitions", "properties", "patternProperties", "dependentSchemas":
                guard case .object(let children) = value else { continue }
                for (name, child) in children { index(child, base: base, pointer: pointer.appending(key).appending(name)) }
            case "allOf", "anyOf", "oneOf", "prefixItems":
                guard case .array(let children) = value else { continue }
                for (position, child) in children.enumerated() { index(child, base: base, pointer: pointer.appending(key).appending(position)) }
            case "items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "contains", "propertyNames",
                "not", "if", "then", "else":
                index(value, base: base, pointer: pointer.appending(key))
            default:
                continue
            }
        }
    }

    /// What `reference` names, resolved against `base`: a resource, a JSON Pointer inside one, or an anchor.
    func resolve(_ reference: String, against base: URIReference) -> Location? {
        let target = URIReference(reference).resolved(against: base)
        let resource = target.withoutFragment.description
        let fragment = target.fragment ?? ""
        if fragment.isEmpty { return resources[resource] }
        if fragment.hasPrefix("/") {
            guard let root = resources[resource], let pointer = JSONPointer(fragment: fragment) else { return nil }
            return locate(pointer, in: root)
        }
        return anchors[resource + "#" + fragment]
    }

    /// The value at `pointer` inside `root`, with the base URI in effect there: an embedded `$id`
    /// on the way changes it (the target's own `$id` is applied when it is evaluated).
    private func locate(_ pointer: JSONPointer, in root: Location) -> Location? {
        var current = root.value, base = root.base, relative = root.pointer
        for (position, token) in pointer.tokens.enumerated() {
            guard let next = JSONPointer(tokens: [token]).resolve(in: current) else { return nil }
            current = next
            relative = relative.appending(token)
            if position < pointer.tokens.count - 1, case .string(let id)? = current["$id"] {
                base = URIReference(id).resolved(against: base).withoutFragment
                relative = JSONPointer()
            }
        }
        return Location(value: current, base: base, pointer: relative)
    }
}

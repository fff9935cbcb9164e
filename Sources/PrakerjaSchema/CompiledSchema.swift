import Foundation
import PrakerjaModels

/// A schema compiled once for validation: its keywords read into typed fields (bounds parsed,
/// patterns compiled, property names hashed, references linked to their targets), so validating
/// an instance never looks a keyword up or parses a schema value again.
///
/// Nodes form a tree by their subschemas; references point across it without owning their
/// target (every node is owned by its `CompiledSchemas`, so recursive schemas make no cycles).
final class CompiledSchema: @unchecked Sendable {
    /// The JSON types a `type` keyword allows.
    struct Types: OptionSet {
        let rawValue: UInt8
        static let null = Types(rawValue: 1), boolean = Types(rawValue: 2), string = Types(rawValue: 4)
        static let array = Types(rawValue: 8), object = Types(rawValue: 16), number = Types(rawValue: 32), integer = Types(rawValue: 64)
        static let byName: [String: Types] = [
            "null": .null, "boolean": .boolean, "string": .string, "array": .array,
            "object": .object, "number": .number, "integer": .integer,
        ]
    }

    /// A `$ref` or `$dynamicRef` and what it names; `target` is nil when it names nothing loaded.
    struct Reference {
        let text: String
        unowned(unsafe) var target: CompiledSchema?
        /// For a `$dynamicRef` whose target has the `$dynamicAnchor` it names: every schema with that
        /// dynamic anchor, by the URI of its resource (the dynamic scope picks the outermost).
        var dynamicTargets: [String: Unowned] = [:]
    }

    /// A reference to a node that does not keep it alive.
    struct Unowned { unowned(unsafe) let node: CompiledSchema }

    /// A `properties` entry, or a name `required` lists: what the validator does when it meets the name.
    struct PropertyRule {
        var schema: CompiledSchema?
        var requiredIndex: Int?
    }

    /// `true` (or a value that is not a schema: nothing to assert), `false`, or an object of keywords.
    enum Form { case anything, nothing, keywords }

    var form: Form = .keywords
    /// Where the schema sits: the base URI in effect and the pointer inside that resource (for
    /// error locations, built only when an error is).
    let base: URIReference
    let pointer: JSONPointer
    /// Whether the schema has its own `$id` (entering it enters a resource of the dynamic scope).
    var startsResource = false

    var reference: Reference?
    var dynamicReference: Reference?
    var types: (allowed: Types, names: [String])?
    var enumeration: [JSONValue]?
    var constant: JSONValue?
    var allOf: [CompiledSchema] = []
    var anyOf: [CompiledSchema]?
    var oneOf: [CompiledSchema]?
    var not: CompiledSchema?
    var ifSchema: CompiledSchema?
    var thenSchema: CompiledSchema?
    var elseSchema: CompiledSchema?

    /// The numeric keywords, each with its limit read once (and as written, for messages).
    enum NumberBound: String, CaseIterable {
        case minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf

        /// Whether `number` keeps this bound at `limit`.
        func holds(_ number: JSONNumber, _ limit: JSONNumber) -> Bool {
            switch self {
            case .minimum: !(number < limit)
            case .maximum: !(limit < number)
            case .exclusiveMinimum: limit < number
            case .exclusiveMaximum: number < limit
            case .multipleOf: number.isMultiple(of: limit)
            }
        }

        /// What a number must be to keep this bound at `limit` (written `text`), as an error says it.
        func requirement(_ text: String) -> String {
            switch self {
            case .minimum: "must be at least \(text)"
            case .maximum: "must be at most \(text)"
            case .exclusiveMinimum: "must be more than \(text)"
            case .exclusiveMaximum: "must be less than \(text)"
            case .multipleOf: "must be a multiple of \(text)"
            }
        }
    }
    var numberBounds: [(keyword: NumberBound, limit: JSONNumber, text: String)] = []
    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    var format: FormatCheck?

    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var prefixItems: [CompiledSchema] = []
    var items: CompiledSchema?
    var contains: CompiledSchema?
    var minContains: Int?
    var maxContains: Int?
    var unevaluatedItems: CompiledSchema?

    var minProperties: Int?
    var maxProperties: Int?
    /// `properties` and `required` by name, in schema order, with their rules at the same index,
    /// and the names as `propertyKeys` finds them from a member's key.
    var propertyNames: [String] = []
    var propertyRules: [PropertyRule] = []
    var propertyKeys = PropertyKeys([])
    var required: [String] = []
    var dependentRequired: [(name: String, needs: [String])] = []
    var dependentSchemas: [(name: String, schema: CompiledSchema)] = []
    var propertyNamesSchema: CompiledSchema?
    var patternProperties: [(pattern: SchemaPattern, schema: CompiledSchema)] = []
    var additionalProperties: CompiledSchema?
    var unevaluatedProperties: CompiledSchema?

    /// Whether any keyword concerns objects (when none does, an object instance is not walked).
    var checksObjects = false

    init(base: URIReference, pointer: JSONPointer) {
        self.base = base
        self.pointer = pointer
    }

    deinit { propertyKeys.deallocate() }

    /// The absolute location of `keyword` in this schema, as errors name it.
    func location(_ keyword: String?) -> String {
        base.description + "#" + (keyword.map { pointer.appending($0) } ?? pointer).description
    }
}

/// Every schema a validator has compiled, keyed by location, owning its nodes. Compiling happens
/// once per schema URI under a lock; validation then only reads.
final class CompiledSchemas: @unchecked Sendable {
    private let registry: SchemaRegistry
    private let assertFormats: Bool
    private let lock = NSLock()
    private var nodes: [CompiledSchema] = []
    private var byLocation: [String: CompiledSchema] = [:]
    private var roots: [String: CompiledSchema?] = [:]
    private var patterns: [String: SchemaPattern] = [:]
    private var programs: [String: TapeProgram] = [:]
    /// Whether a compiled schema uses `unevaluatedProperties`/`unevaluatedItems` (then evaluation
    /// must track which properties and items each subschema evaluated) or `$dynamicRef` (then it
    /// must keep the dynamic scope). Read under the lock, after compiling.
    private(set) var usesUnevaluated = false
    private(set) var usesDynamicRef = false
    /// References met while compiling, linked once every tree they may point into exists.
    private var pending: [(node: CompiledSchema, dynamic: Bool)] = []

    init(registry: SchemaRegistry, assertFormats: Bool) {
        self.registry = registry
        self.assertFormats = assertFormats
    }

    /// The compiled schema at `uri` (nil when the URI names nothing loaded), and whether
    /// evaluation must track annotations and the dynamic scope.
    func schema(at uri: String) -> (root: CompiledSchema?, tracksAnnotations: Bool, tracksDynamicScope: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let root: CompiledSchema?
        if let known = roots[uri] {
            root = known
        } else {
            root = registry.resolve(uri, against: URIReference("")).map(compile)
            link()
            roots[uri] = .some(root)
        }
        return (root, usesUnevaluated, usesDynamicRef)
    }

    /// The schema at `uri` lowered for the tape's fast path (nil when the URI names nothing
    /// loaded, or when evaluation must track annotations or the dynamic scope, which only the
    /// full evaluation does), lowered on first use.
    func program(at uri: String) -> TapeProgram? {
        if let known = lock.withLock({ programs[uri] }) { return known }
        let (root, tracksAnnotations, tracksDynamicScope) = schema(at: uri)
        guard let root, !tracksAnnotations, !tracksDynamicScope else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let known = programs[uri] { return known }
        let program = TapeProgram(root: root)
        programs[uri] = program
        return program
    }

    private func key(_ base: URIReference, _ pointer: JSONPointer) -> String { base.description + "#" + pointer.description }

    private func compile(_ location: SchemaRegistry.Location) -> CompiledSchema {
        let lookup = key(location.base, location.pointer)
        if let known = byLocation[lookup] { return known }
        let node = compile(location.value, base: location.base, pointer: location.pointer)
        byLocation[lookup] = node  // also under the location that reached it, when its own `$id` moved it
        return node
    }

    private func compile(_ schema: JSONValue, base: URIReference, pointer: JSONPointer) -> CompiledSchema {
        var base = base, pointer = pointer
        // A schema reached at the root of its resource already has its `$id` in the base URI;
        // anywhere else, an `$id` starts a new resource.
        let id: String? = if case .string(let id)? = schema["$id"] { id } else { nil }
        if let id, !pointer.tokens.isEmpty {
            base = URIReference(id).resolved(against: base).withoutFragment
            pointer = JSONPointer()
        }
        let node = CompiledSchema(base: base, pointer: pointer)
        nodes.append(node)
        byLocation[key(base, pointer)] = node
        switch schema {
        case .bool(true):
            node.form = .anything
            return node
        case .bool(false):
            node.form = .nothing
            return node
        case .object(let members): read(Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }), into: node)
        default:
            node.form = .anything
            return node
        }
        node.startsResource = id != nil
        return node
    }

    private func read(_ keywords: [String: JSONValue], into node: CompiledSchema) {
        func sub(_ tokens: String...) -> (JSONValue) -> CompiledSchema {
            { value in self.compile(value, base: node.base, pointer: tokens.reduce(node.pointer) { $0.appending($1) }) }
        }
        func list(_ keyword: String) -> [CompiledSchema]? {
            guard case .array(let values)? = keywords[keyword] else { return nil }
            return values.enumerated().map { sub(keyword, String($0))($1) }
        }
        func count(_ keyword: String) -> Int? {
            if case .number(let text)? = keywords[keyword] { Int(exactly: JSONNumber(text).double) } else { nil }
        }
        func object(_ keyword: String) -> [(key: String, value: JSONValue)] {
            if case .object(let members)? = keywords[keyword] { members } else { [] }
        }

        if case .string(let text)? = keywords["$ref"] {
            node.reference = .init(text: text)
            pending.append((node, false))
        }
        if case .string(let text)? = keywords["$dynamicRef"] {
            node.dynamicReference = .init(text: text)
            pending.append((node, true))
        }
        if let type = keywords["type"] {
            let names: [String] =
                switch type {
                case .string(let name): [name]
                case .array(let names): names.compactMap { if case .string(let name) = $0 { name } else { nil } }
                default: []
                }
            node.types = (names.reduce(into: []) { $0.formUnion(CompiledSchema.Types.byName[$1] ?? []) }, names)
        }
        if case .array(let options)? = keywords["enum"] { node.enumeration = options }
        node.constant = keywords["const"]
        node.allOf = list("allOf") ?? []
        node.anyOf = list("anyOf")
        node.oneOf = list("oneOf")
        node.not = keywords["not"].map(sub("not"))
        node.ifSchema = keywords["if"].map(sub("if"))
        node.thenSchema = keywords["then"].map(sub("then"))
        node.elseSchema = keywords["else"].map(sub("else"))

        for keyword in CompiledSchema.NumberBound.allCases {
            if case .number(let text)? = keywords[keyword.rawValue] { node.numberBounds.append((keyword, JSONNumber(text), text)) }
        }
        node.minLength = count("minLength")
        node.maxLength = count("maxLength")
        if case .string(let text)? = keywords["pattern"] { node.pattern = pattern(text) }
        if assertFormats, case .string(let format)? = keywords["format"] { node.format = FormatCheck(rawValue: format) }

        node.minItems = count("minItems")
        node.maxItems = count("maxItems")
        if case .bool(true)? = keywords["uniqueItems"] { node.uniqueItems = true }
        node.prefixItems = list("prefixItems") ?? []
        node.items = keywords["items"].map(sub("items"))
        node.contains = keywords["contains"].map(sub("contains"))
        node.minContains = count("minContains")
        node.maxContains = count("maxContains")
        node.unevaluatedItems = keywords["unevaluatedItems"].map(sub("unevaluatedItems"))

        node.minProperties = count("minProperties")
        node.maxProperties = count("maxProperties")
        for (name, schema) in object("properties") {
            node.propertyNames.append(name)
            node.propertyRules.append(.init(schema: sub("properties", name)(schema)))
        }
        if case .array(let names)? = keywords["required"] {
            for case .string(let name) in names {
                let position =
                    node.propertyNames.firstIndex(of: name)
                    ?? {
                        node.propertyNames.append(name)
                        node.propertyRules.append(.init())
                        return node.propertyNames.count - 1
                    }()
                if node.propertyRules[position].requiredIndex == nil {
                    node.propertyRules[position].requiredIndex = node.required.count
                    node.required.append(name)
                }
            }
        }
        node.propertyKeys.deallocate()
        node.propertyKeys = PropertyKeys(node.propertyNames)
        for (name, needed) in object("dependentRequired") {
            guard case .array(let list) = needed else { continue }
            node.dependentRequired.append((name, list.compactMap { if case .string(let other) = $0 { other } else { nil } }))
        }
        node.dependentSchemas = object("dependentSchemas").map { ($0.key, sub("dependentSchemas", $0.key)($0.value)) }
        node.propertyNamesSchema = keywords["propertyNames"].map(sub("propertyNames"))
        node.patternProperties = object("patternProperties").map { (pattern($0.key), sub("patternProperties", $0.key)($0.value)) }
        node.additionalProperties = keywords["additionalProperties"].map(sub("additionalProperties"))
        node.unevaluatedProperties = keywords["unevaluatedProperties"].map(sub("unevaluatedProperties"))
        if node.unevaluatedItems != nil || node.unevaluatedProperties != nil { usesUnevaluated = true }
        if node.dynamicReference != nil { usesDynamicRef = true }
        node.checksObjects =
            !node.propertyNames.isEmpty || node.minProperties != nil || node.maxProperties != nil
            || !node.dependentRequired.isEmpty || !node.dependentSchemas.isEmpty || node.propertyNamesSchema != nil
            || !node.patternProperties.isEmpty || node.additionalProperties != nil || node.unevaluatedProperties != nil

        // Schemas under keywords the validator does not apply (`$defs`, unknown keywords) are
        // compiled only when a reference reaches them.
    }

    /// Links every pending reference to its target, compiling targets not yet compiled (which
    /// may add references of their own).
    private func link() {
        while let (node, dynamic) = pending.popLast() {
            guard var reference = dynamic ? node.dynamicReference : node.reference else { continue }
            if let location = registry.resolve(reference.text, against: node.base) {
                let target = compile(location)
                reference.target = target
                let fragment = URIReference(reference.text).fragment ?? ""
                if dynamic, !fragment.isEmpty, !fragment.hasPrefix("/"), case .string(let anchor)? = location.value["$dynamicAnchor"],
                    anchor == fragment
                {
                    for (anchorURI, candidate) in registry.dynamicAnchors where anchorURI.hasSuffix("#" + fragment) {
                        reference.dynamicTargets[String(anchorURI.dropLast(fragment.count + 1))] = .init(node: compile(candidate))
                    }
                }
            }
            if dynamic { node.dynamicReference = reference } else { node.reference = reference }
        }
    }

    private func pattern(_ source: String) -> SchemaPattern {
        if let known = patterns[source] { return known }
        let compiled = SchemaPattern(source)
        patterns[source] = compiled
        return compiled
    }
}

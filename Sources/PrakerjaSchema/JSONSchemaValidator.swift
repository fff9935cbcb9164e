import Foundation
import PrakerjaModels

/// A JSON Schema draft 2020-12 validator: every keyword of the core and applicator vocabularies
/// (`$ref`, `$dynamicRef`, `$id`, `$anchor`, `$dynamicAnchor`, `$defs`, `allOf`, `anyOf`, `oneOf`,
/// `not`, `if`/`then`/`else`, `dependentSchemas`, `prefixItems`, `items`, `contains`,
/// `properties`, `patternProperties`, `additionalProperties`, `propertyNames`), the unevaluated
/// vocabulary, and validation (`type`, `enum`, `const`, the numeric, string, array and object
/// bounds, `required`, `dependentRequired`). `format` is an annotation unless `assertFormats` is on.
/// Not supported: `$vocabulary` (every vocabulary is on) and references to documents that were
/// not added to the registry (the meta-schemas included): nothing is fetched.
///
/// Errors name the instance location, the failing keyword's schema location and the reason.
public struct JSONSchemaValidator: Sendable {
    public let registry: SchemaRegistry
    /// Whether `format` asserts (`date-time`, `date`, `time`, `uuid`, `ipv4`) or only annotates; other formats always annotate.
    public let assertFormats: Bool

    /// How deep references may nest before the schema counts as recursing without end.
    static let maximumDepth = 200

    /// The schemas compiled so far (each schema URI is compiled once, on its first validation).
    let compiled: CompiledSchemas

    public init(registry: SchemaRegistry, assertFormats: Bool = false) {
        self.registry = registry
        self.assertFormats = assertFormats
        self.compiled = CompiledSchemas(registry: registry, assertFormats: assertFormats)
    }

    /// Validates `instance` against the schema at `schemaURI` (a document URI, with a JSON Pointer
    /// or anchor fragment for a schema inside it). An unresolvable URI is reported as an error at
    /// the root, never a crash.
    public func validate(_ instance: JSONValue, against schemaURI: String) -> [SchemaViolation] {
        let program = compiled.schema(at: schemaURI)
        guard let root = program.root else {
            return [
                SchemaViolation(
                    instanceLocation: JSONPointer(), schemaLocation: schemaURI,
                    reason: "the schema \(schemaURI) is not in the loaded documents")
            ]
        }
        var walk = Walk(
            tracksAnnotations: program.tracksAnnotations, tracksDynamicScope: program.tracksDynamicScope,
            dynamicScope: [root.base.description])
        return evaluate(root, instance, &walk).errors
    }

    // MARK: Evaluation

    /// Where evaluation stands: the instance path (made a JSON Pointer only for an error), the
    /// resources entered (for `$dynamicRef`) and the reference depth.
    struct Walk {
        /// Whether evaluation tracks which properties and items each subschema evaluated (only
        /// `unevaluated*` needs it) and the dynamic scope (only `$dynamicRef` needs it).
        let tracksAnnotations: Bool
        let tracksDynamicScope: Bool
        var dynamicScope: [String]
        var depth = 0
        var path: [PathToken] = []

        init(tracksAnnotations: Bool, tracksDynamicScope: Bool, dynamicScope: [String]) {
            self.tracksAnnotations = tracksAnnotations
            self.tracksDynamicScope = tracksDynamicScope
            self.dynamicScope = dynamicScope
        }

        var instanceLocation: JSONPointer { Self.pointer(path) }

        static func pointer(_ path: [PathToken]) -> JSONPointer { JSONPointer(tokens: path.map(\.text)) }

        /// Runs `body` with the instance path one member or item deeper.
        mutating func into<Result>(_ token: PathToken, _ body: (inout Walk) -> Result) -> Result {
            path.append(token)
            defer { path.removeLast() }
            return body(&self)
        }

        /// Enters `base` in the dynamic scope (if it is not the innermost resource already), and
        /// returns how to leave it.
        mutating func enter(_ node: CompiledSchema) -> Int {
            let depth = dynamicScope.count
            if tracksDynamicScope, dynamicScope.last != node.base.description { dynamicScope.append(node.base.description) }
            return depth
        }
    }

    enum PathToken {
        case key(String), index(Int)
        var text: String {
            switch self {
            case .key(let key): key
            case .index(let index): String(index)
            }
        }
    }

    /// The errors, and the properties and items this schema evaluated (for `unevaluated*`).
    struct Outcome {
        var errors: [SchemaViolation] = []
        var properties: Set<String> = []
        var items: Set<Int> = []
        var valid: Bool { errors.isEmpty }

        mutating func absorbAnnotations(_ other: Outcome) {
            if !other.properties.isEmpty { properties.formUnion(other.properties) }
            if !other.items.isEmpty { items.formUnion(other.items) }
        }

        /// Takes an in-place subschema's result: its errors, and its annotations if it passed.
        mutating func absorb(_ other: Outcome) {
            if other.valid { absorbAnnotations(other) } else { errors += other.errors }
        }

        /// Takes a child instance's result: its errors only, as annotations belong to their instance location.
        mutating func absorbErrors(_ other: Outcome) {
            if !other.errors.isEmpty { errors += other.errors }
        }
    }

    private func violation(_ node: CompiledSchema, _ keyword: String?, _ reason: String, _ walk: Walk) -> SchemaViolation {
        SchemaViolation(instanceLocation: walk.instanceLocation, schemaLocation: node.location(keyword), reason: reason)
    }

    func evaluate(_ node: CompiledSchema, _ instance: JSONValue, _ walk: inout Walk) -> Outcome {
        var outcome = Outcome()
        switch node.form {
        case .anything: return outcome
        case .nothing:
            outcome.errors.append(violation(node, nil, "no value is allowed here (the schema is false)", walk))
            return outcome
        case .keywords: break
        }
        let scope = node.startsResource ? walk.enter(node) : walk.dynamicScope.count
        defer { if walk.dynamicScope.count > scope { walk.dynamicScope.removeLast(walk.dynamicScope.count - scope) } }
        // This schema's own failures: located when evaluation is done (the path is the same then).
        var failures: [(keyword: String, reason: String)] = []
        func fail(_ keyword: String, _ reason: String) { failures.append((keyword, reason)) }

        // References.
        if let reference = node.reference { outcome.absorb(follow(reference, from: node, "$ref", instance, &walk)) }
        if let reference = node.dynamicReference { outcome.absorb(follow(reference, from: node, "$dynamicRef", instance, &walk)) }

        // Any instance.
        if let types = node.types, !Self.instance(instance, hasOneOf: types.allowed) {
            fail("type", "\(Self.article(instance.schemaType)) is not \(types.names.map(Self.article).joined(separator: " or "))")
        }
        if let options = node.enumeration, !options.contains(where: { $0.schemaEquals(instance) }) {
            fail("enum", "\(Self.show(instance)) is not one of \(Self.show(.array(options)))")
        }
        if let constant = node.constant, !constant.schemaEquals(instance) {
            fail("const", "\(Self.show(instance)) is not \(Self.show(constant))")
        }

        // In-place applicators.
        for branch in node.allOf { outcome.absorb(evaluate(branch, instance, &walk)) }
        if let branches = node.anyOf {
            let results = branches.map { evaluate($0, instance, &walk) }
            let passing = results.filter(\.valid)
            if passing.isEmpty {
                fail("anyOf", "matches none of the \(branches.count) schemas in anyOf\(Self.firstReason(results))")
            }
            for result in passing { outcome.absorbAnnotations(result) }
        }
        if let branches = node.oneOf {
            let results = branches.map { evaluate($0, instance, &walk) }
            let passing = results.indices.filter { results[$0].valid }
            if passing.count == 1 {
                outcome.absorbAnnotations(results[passing[0]])
            } else if passing.isEmpty {
                fail("oneOf", "matches none of the \(branches.count) schemas in oneOf\(Self.firstReason(results))")
            } else {
                fail("oneOf", "matches \(passing.count) schemas in oneOf (at \(passing.map(String.init).joined(separator: ", "))), exactly one must")
            }
        }
        if let negated = node.not, evaluate(negated, instance, &walk).valid {
            fail("not", "must not match the schema in not")
        }
        if let condition = node.ifSchema {
            let test = evaluate(condition, instance, &walk)
            if test.valid {
                outcome.absorbAnnotations(test)
                if let then = node.thenSchema { outcome.absorb(evaluate(then, instance, &walk)) }
            } else if let otherwise = node.elseSchema {
                outcome.absorb(evaluate(otherwise, instance, &walk))
            }
        }

        switch instance {
        case .number(let text) where !node.numberBounds.isEmpty: checkNumber(JSONNumber(text), node, fail)
        case .string(let text): checkString(text, node, fail)
        case .array(let items): checkArray(items, node, &walk, &outcome, fail)
        case .object(let pairs) where node.checksObjects: checkObject(pairs, node, &walk, &outcome, fail)
        default: break
        }
        if !failures.isEmpty {
            let here = walk.instanceLocation
            outcome.errors += failures.map { SchemaViolation(instanceLocation: here, schemaLocation: node.location($0.keyword), reason: $0.reason) }
        }
        return outcome
    }

    /// Evaluates the target of a `$ref` or `$dynamicRef`.
    private func follow(
        _ reference: CompiledSchema.Reference, from node: CompiledSchema, _ keyword: String,
        _ instance: JSONValue, _ walk: inout Walk
    ) -> Outcome {
        guard walk.depth < Self.maximumDepth else {
            return Outcome(errors: [
                violation(node, keyword, "\(keyword) \(reference.text) recurses more than \(Self.maximumDepth) times without end", walk)
            ])
        }
        guard var target = reference.target else {
            return Outcome(errors: [violation(node, keyword, "\(keyword) \(reference.text) names nothing in the loaded documents", walk)])
        }
        // Bookended: the outermost resource in the dynamic scope with this dynamic anchor wins.
        if !reference.dynamicTargets.isEmpty, let outermost = walk.dynamicScope.lazy.compactMap({ reference.dynamicTargets[$0]?.node }).first {
            target = outermost
        }
        walk.depth += 1
        let scope = walk.enter(target)
        defer {
            walk.depth -= 1
            if walk.dynamicScope.count > scope { walk.dynamicScope.removeLast(walk.dynamicScope.count - scope) }
        }
        return evaluate(target, instance, &walk)
    }

    private static func instance(_ instance: JSONValue, hasOneOf types: CompiledSchema.Types) -> Bool {
        switch instance {
        case .null: types.contains(.null)
        case .bool: types.contains(.boolean)
        case .string: types.contains(.string)
        case .array: types.contains(.array)
        case .object: types.contains(.object)
        case .number(let text): types.contains(.number) || (types.contains(.integer) && JSONNumber(text).isInteger)
        }
    }

    private func checkNumber(_ number: JSONNumber, _ node: CompiledSchema, _ fail: (String, String) -> Void) {
        for (keyword, limit, text) in node.numberBounds where !keyword.holds(number, limit) {
            fail(keyword.rawValue, keyword.requirement(text))
        }
    }

    private func checkString(_ text: String, _ node: CompiledSchema, _ fail: (String, String) -> Void) {
        if node.minLength != nil || node.maxLength != nil {
            // Lengths count code points; a string has at most as many as it has UTF-8 bytes, and at
            // least a quarter as many, so most strings are judged without counting.
            let bytes = text.utf8.count
            if let minimum = node.minLength, (bytes + 3) / 4 < minimum {
                let length = bytes < minimum ? bytes : text.unicodeScalars.count
                if length < minimum { fail("minLength", "is \(text.unicodeScalars.count) characters, at least \(minimum) are required") }
            }
            if let maximum = node.maxLength, bytes > maximum {
                let length = text.unicodeScalars.count
                if length > maximum { fail("maxLength", "is \(length) characters, at most \(maximum) are allowed") }
            }
        }
        if let pattern = node.pattern {
            switch pattern.matches(text) {
            case true?: break
            case false?: fail("pattern", "does not match the pattern \(pattern.source)")
            case nil: fail("pattern", "the schema's pattern \(pattern.source) is not a valid regular expression")
            }
        }
        if let format = node.format, let problem = format.problem(text) {
            fail("format", "is not a valid \(format.rawValue): \(problem)")
        }
    }

    private func checkArray(
        _ items: [JSONValue], _ node: CompiledSchema, _ walk: inout Walk,
        _ outcome: inout Outcome, _ fail: (String, String) -> Void
    ) {
        if let minimum = node.minItems, items.count < minimum {
            fail("minItems", "has \(items.count) items, at least \(minimum) are required")
        }
        if let maximum = node.maxItems, items.count > maximum {
            fail("maxItems", "has \(items.count) items, at most \(maximum) are allowed")
        }
        if node.uniqueItems {
            outer: for first in items.indices {
                for second in items.indices where second > first && items[first].schemaEquals(items[second]) {
                    fail("uniqueItems", "items \(first) and \(second) are equal; items must be unique")
                    break outer
                }
            }
        }
        let prefixCount = min(node.prefixItems.count, items.count)
        for index in 0..<prefixCount {
            outcome.absorbErrors(walk.into(.index(index)) { evaluate(node.prefixItems[index], items[index], &$0) })
            if walk.tracksAnnotations { outcome.items.insert(index) }
        }
        if let itemSchema = node.items {
            for index in prefixCount..<max(prefixCount, items.count) {
                outcome.absorbErrors(walk.into(.index(index)) { evaluate(itemSchema, items[index], &$0) })
                if walk.tracksAnnotations { outcome.items.insert(index) }
            }
        }
        if let contains = node.contains {
            let matching = items.indices.filter { index in walk.into(.index(index)) { evaluate(contains, items[index], &$0).valid } }
            if walk.tracksAnnotations { outcome.items.formUnion(matching) }
            let minimum = node.minContains ?? 1
            if matching.count < minimum {
                fail(
                    node.minContains == nil ? "contains" : "minContains",
                    "contains \(matching.count) matching items, at least \(minimum) are required")
            }
            if let maximum = node.maxContains, matching.count > maximum {
                fail("maxContains", "contains \(matching.count) matching items, at most \(maximum) are allowed")
            }
        }
        if let unevaluated = node.unevaluatedItems {
            for index in items.indices where !outcome.items.contains(index) {
                outcome.absorbErrors(walk.into(.index(index)) { evaluate(unevaluated, items[index], &$0) })
                outcome.items.insert(index)
            }
        }
    }

    private func checkObject(
        _ pairs: [(key: String, value: JSONValue)], _ node: CompiledSchema, _ walk: inout Walk,
        _ outcome: inout Outcome, _ fail: (String, String) -> Void
    ) {
        func has(_ name: String) -> Bool { pairs.contains { $0.key == name } }
        if let minimum = node.minProperties, pairs.count < minimum {
            fail("minProperties", "has \(pairs.count) properties, at least \(minimum) are required")
        }
        if let maximum = node.maxProperties, pairs.count > maximum {
            fail("maxProperties", "has \(pairs.count) properties, at most \(maximum) are allowed")
        }
        for (name, needs) in node.dependentRequired where has(name) {
            for other in needs where !has(other) { fail("dependentRequired", "\"\(other)\" is required when \"\(name)\" is present") }
        }
        for (name, dependent) in node.dependentSchemas where has(name) {
            outcome.absorb(evaluate(dependent, .object(pairs), &walk))
        }
        if let names = node.propertyNamesSchema {
            for (key, _) in pairs {
                for error in evaluate(names, .string(key), &walk).errors {
                    outcome.errors.append(
                        SchemaViolation(
                            instanceLocation: walk.instanceLocation, schemaLocation: error.schemaLocation,
                            reason: "the property name \"\(key)\" \(error.reason)"))
                }
            }
        }
        // One pass over the members: `properties`, `required`, `patternProperties`, `additionalProperties`.
        var present = RequiredSeen(count: node.required.count)
        var guess = 0
        for (key, value) in pairs {
            var matched = false
            if let position = node.propertyKeys.index(of: key, guess: guess) {
                guess = position + 1
                let rule = node.propertyRules[position]
                if let index = rule.requiredIndex { present.insert(index) }
                if let schema = rule.schema {
                    outcome.absorbErrors(walk.into(.key(key)) { evaluate(schema, value, &$0) })
                    matched = true
                }
            }
            for property in node.patternProperties where property.pattern.matches(key) == true {
                outcome.absorbErrors(walk.into(.key(key)) { evaluate(property.schema, value, &$0) })
                matched = true
            }
            if !matched, let additional = node.additionalProperties {
                if additional.form == .nothing {
                    outcome.errors.append(
                        walk.into(.key(key)) {
                            violation(node, "additionalProperties", "the property \"\(key)\" is not allowed", $0)
                        })
                } else {
                    outcome.absorbErrors(walk.into(.key(key)) { evaluate(additional, value, &$0) })
                }
                matched = true
            }
            if walk.tracksAnnotations, matched { outcome.properties.insert(key) }
        }
        for (index, name) in node.required.enumerated() where !present.contains(index) {
            fail("required", "the required property \"\(name)\" is missing")
        }
        if let unevaluated = node.unevaluatedProperties {
            for (key, value) in pairs where !outcome.properties.contains(key) {
                if unevaluated.form == .nothing {
                    outcome.errors.append(
                        walk.into(.key(key)) {
                            violation(node, "unevaluatedProperties", "the property \"\(key)\" is not allowed (unevaluated)", $0)
                        })
                } else {
                    outcome.absorbErrors(walk.into(.key(key)) { evaluate(unevaluated, value, &$0) })
                }
                outcome.properties.insert(key)
            }
        }
    }

    // MARK: Messages

    /// A value as a message shows it: compact JSON, cut at 80 characters.
    static func show(_ value: JSONValue) -> String {
        let text = value.serialized
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }

    private static func article(_ type: String) -> String {
        ["integer": "an integer", "array": "an array", "object": "an object", "null": "null"][type] ?? "a \(type)"
    }

    /// The first branch's first reason, as a hint of why none matched.
    private static func firstReason(_ results: [Outcome]) -> String {
        guard let first = results.first?.errors.first else { return "" }
        return " (the first: \(first))"
    }
}

/// Which of a schema's required properties an object has: bits for the usual few, an array beyond 64.
struct RequiredSeen {
    private var bits: UInt64 = 0
    private var overflow: [Bool]

    /// How many different indices were inserted.
    private(set) var count = 0

    init(count: Int) { overflow = count > 64 ? Array(repeating: false, count: count) : [] }

    mutating func insert(_ index: Int) {
        guard !contains(index) else { return }
        count += 1
        if overflow.isEmpty { bits |= 1 << UInt64(index) } else { overflow[index] = true }
    }

    func contains(_ index: Int) -> Bool { overflow.isEmpty ? bits & (1 << UInt64(index)) != 0 : overflow[index] }
}

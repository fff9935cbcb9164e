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

    /// Resolved references, by base and reference text: resolving parses URIs, and a schema's
    /// references are followed again for every instance.
    private let resolved = ResolvedReferences()

    /// Whether any loaded schema uses `unevaluatedProperties` or `unevaluatedItems`: only then
    /// must evaluation track which properties and items each subschema evaluated.
    let tracksAnnotations: Bool
    /// Whether any loaded schema uses `$dynamicRef`: only then is the dynamic scope kept.
    let tracksDynamicScope: Bool

    public init(registry: SchemaRegistry, assertFormats: Bool = false) {
        self.registry = registry
        self.assertFormats = assertFormats
        self.tracksAnnotations = registry.usesUnevaluated
        self.tracksDynamicScope = registry.usesDynamicRef
    }

    /// Validates `instance` against the schema at `schemaURI` (a document URI, with a JSON Pointer
    /// or anchor fragment for a schema inside it). An unresolvable URI is reported as an error at
    /// the root, never a crash.
    public func validate(_ instance: JSONValue, against schemaURI: String) -> [SchemaViolation] {
        guard let location = registry.resolve(schemaURI, against: URIReference("")) else {
            return [SchemaViolation(instanceLocation: JSONPointer(), schemaLocation: schemaURI,
                                    reason: "the schema \(schemaURI) is not in the loaded documents")]
        }
        let context = Context(base: location.base, pointer: location.pointer, dynamicScope: [location.base.description], depth: 0)
        return evaluate(location.value, context, instance, JSONPointer()).errors
    }

    // MARK: Evaluation

    /// Where evaluation stands in the schemas: the base URI, the keyword path inside the resource,
    /// the resources entered (for `$dynamicRef`) and the reference depth.
    struct Context {
        var base: URIReference
        var pointer: JSONPointer
        var dynamicScope: [String]
        var depth: Int

        func appending(_ tokens: String...) -> Context {
            var next = self
            for token in tokens { next.pointer = next.pointer.appending(token) }
            return next
        }

        func location(_ keyword: String) -> String { base.description + "#" + pointer.appending(keyword).description }
    }

    /// The errors, and the properties and items this schema evaluated (for `unevaluated*`).
    struct Outcome {
        var errors: [SchemaViolation] = []
        var properties: Set<String> = []
        var items: Set<Int> = []
        var valid: Bool { errors.isEmpty }

        mutating func absorbAnnotations(_ other: Outcome) {
            properties.formUnion(other.properties)
            items.formUnion(other.items)
        }

        /// Takes an in-place subschema's result: its errors, and its annotations if it passed.
        mutating func absorb(_ other: Outcome) {
            errors += other.errors
            if other.valid { absorbAnnotations(other) }
        }

        /// Takes a child instance's result: its errors only, as annotations belong to their instance location.
        mutating func absorbErrors(_ other: Outcome) {
            errors += other.errors
        }
    }

    func evaluate(_ schema: JSONValue, _ context: Context, _ instance: JSONValue, _ at: JSONPointer) -> Outcome {
        var outcome = Outcome()
        switch schema {
        case .bool(true): return outcome
        case .bool(false):
            outcome.errors.append(SchemaViolation(instanceLocation: at, schemaLocation: context.base.description + "#" + context.pointer.description,
                                                  reason: "no value is allowed here (the schema is false)"))
            return outcome
        case .object: break
        default: return outcome  // not a schema: nothing to assert
        }
        var context = context
        // A schema reached at the root of its resource (by reference or at the start) already has
        // its `$id` in the base URI; anywhere else, an `$id` starts a new resource.
        if case .string(let id)? = schema["$id"], !context.pointer.tokens.isEmpty {
            context.base = URIReference(id).resolved(against: context.base).withoutFragment
            context.pointer = JSONPointer()
            if tracksDynamicScope, context.dynamicScope.last != context.base.description { context.dynamicScope.append(context.base.description) }
        }
        var failures: [SchemaViolation] = []
        func fail(_ keyword: String, _ reason: String) {
            failures.append(SchemaViolation(instanceLocation: at, schemaLocation: context.location(keyword), reason: reason))
        }
        let members = Members(schema)

        // References.
        if case .string(let reference)? = members["$ref"] {
            outcome.absorb(follow(reference, dynamic: false, context.appending("$ref"), instance, at))
        }
        if case .string(let reference)? = members["$dynamicRef"] {
            outcome.absorb(follow(reference, dynamic: true, context.appending("$dynamicRef"), instance, at))
        }

        // Any instance.
        if let type = members["type"] { checkType(type, instance, fail) }
        if case .array(let options)? = members["enum"], !options.contains(where: { $0.schemaEquals(instance) }) {
            fail("enum", "\(Self.show(instance)) is not one of \(Self.show(.array(options)))")
        }
        if let constant = members["const"], !constant.schemaEquals(instance) {
            fail("const", "\(Self.show(instance)) is not \(Self.show(constant))")
        }

        // In-place applicators.
        if case .array(let branches)? = members["allOf"] {
            for (index, branch) in branches.enumerated() {
                outcome.absorb(evaluate(branch, context.appending("allOf", String(index)), instance, at))
            }
        }
        if case .array(let branches)? = members["anyOf"] {
            let results = branches.enumerated().map { evaluate($1, context.appending("anyOf", String($0)), instance, at) }
            let passing = results.filter(\.valid)
            if passing.isEmpty {
                fail("anyOf", "matches none of the \(branches.count) schemas in anyOf\(Self.firstReason(results))")
            }
            for result in passing { outcome.absorbAnnotations(result) }
        }
        if case .array(let branches)? = members["oneOf"] {
            let results = branches.enumerated().map { evaluate($1, context.appending("oneOf", String($0)), instance, at) }
            let passing = results.indices.filter { results[$0].valid }
            if passing.count == 1 {
                outcome.absorbAnnotations(results[passing[0]])
            } else if passing.isEmpty {
                fail("oneOf", "matches none of the \(branches.count) schemas in oneOf\(Self.firstReason(results))")
            } else {
                fail("oneOf", "matches \(passing.count) schemas in oneOf (at \(passing.map(String.init).joined(separator: ", "))), exactly one must")
            }
        }
        if let negated = members["not"], evaluate(negated, context.appending("not"), instance, at).valid {
            fail("not", "must not match the schema in not")
        }
        if let condition = members["if"] {
            let test = evaluate(condition, context.appending("if"), instance, at)
            if test.valid {
                outcome.absorbAnnotations(test)
                if let then = members["then"] { outcome.absorb(evaluate(then, context.appending("then"), instance, at)) }
            } else if let otherwise = members["else"] {
                outcome.absorb(evaluate(otherwise, context.appending("else"), instance, at))
            }
        }

        switch instance {
        case .number(let text): checkNumber(JSONNumber(text), members, fail)
        case .string(let text): checkString(text, members, fail)
        case .array(let items): checkArray(items, members, context, at, &outcome, fail)
        case .object(let properties): checkObject(properties, members, context, at, &outcome, fail)
        default: break
        }
        outcome.errors += failures
        return outcome
    }

    /// Evaluates the target of a `$ref` or `$dynamicRef`.
    private func follow(_ reference: String, dynamic: Bool, _ context: Context, _ instance: JSONValue, _ at: JSONPointer) -> Outcome {
        let keyword = dynamic ? "$dynamicRef" : "$ref"
        guard context.depth < Self.maximumDepth else {
            return Outcome(errors: [SchemaViolation(instanceLocation: at, schemaLocation: context.base.description + "#" + context.pointer.description,
                                                    reason: "\(keyword) \(reference) recurses more than \(Self.maximumDepth) times without end")])
        }
        guard var target = resolved.location(reference, against: context.base, in: registry) else {
            return Outcome(errors: [SchemaViolation(instanceLocation: at, schemaLocation: context.base.description + "#" + context.pointer.description,
                                                    reason: "\(keyword) \(reference) names nothing in the loaded documents")])
        }
        if dynamic {
            let fragment = URIReference(reference).fragment ?? ""
            if !fragment.isEmpty, !fragment.hasPrefix("/"), case .string(let anchor)? = target.value["$dynamicAnchor"], anchor == fragment {
                // Bookended: the outermost resource in the dynamic scope with this dynamic anchor wins.
                if let outermost = context.dynamicScope.lazy.compactMap({ registry.dynamicAnchors[$0 + "#" + fragment] }).first {
                    target = outermost
                }
            }
        }
        var next = Context(base: target.base, pointer: target.pointer, dynamicScope: context.dynamicScope, depth: context.depth + 1)
        if tracksDynamicScope, next.dynamicScope.last != target.base.description { next.dynamicScope.append(target.base.description) }
        return evaluate(target.value, next, instance, at)
    }

    private func checkType(_ type: JSONValue, _ instance: JSONValue, _ fail: (String, String) -> Void) {
        let allowed: [String] = switch type {
        case .string(let name): [name]
        case .array(let names): names.compactMap { if case .string(let name) = $0 { name } else { nil } }
        default: []
        }
        let actual = instance.schemaType
        guard !allowed.contains(actual), !(actual == "integer" && allowed.contains("number")) else { return }
        fail("type", "\(Self.article(actual)) is not \(allowed.map(Self.article).joined(separator: " or "))")
    }

    private func checkNumber(_ number: JSONNumber, _ members: Members, _ fail: (String, String) -> Void) {
        func bound(_ keyword: String) -> JSONNumber? { if case .number(let text)? = members[keyword] { JSONNumber(text) } else { nil } }
        func text(_ keyword: String) -> String { members[keyword].map(Self.show) ?? "" }
        if let limit = bound("minimum"), number < limit { fail("minimum", "must be at least \(text("minimum"))") }
        if let limit = bound("maximum"), limit < number { fail("maximum", "must be at most \(text("maximum"))") }
        if let limit = bound("exclusiveMinimum"), !(limit < number) { fail("exclusiveMinimum", "must be more than \(text("exclusiveMinimum"))") }
        if let limit = bound("exclusiveMaximum"), !(number < limit) { fail("exclusiveMaximum", "must be less than \(text("exclusiveMaximum"))") }
        if let divisor = bound("multipleOf"), !number.isMultiple(of: divisor) { fail("multipleOf", "must be a multiple of \(text("multipleOf"))") }
    }

    private func checkString(_ text: String, _ members: Members, _ fail: (String, String) -> Void) {
        let length = text.unicodeScalars.count
        if case .number(let limit)? = members["minLength"], let minimum = Int(exactly: JSONNumber(limit).double), length < minimum {
            fail("minLength", "is \(length) characters, at least \(minimum) are required")
        }
        if case .number(let limit)? = members["maxLength"], let maximum = Int(exactly: JSONNumber(limit).double), length > maximum {
            fail("maxLength", "is \(length) characters, at most \(maximum) are allowed")
        }
        if case .string(let pattern)? = members["pattern"] {
            switch RegexCache.shared.matches(pattern, text) {
            case .some(false): fail("pattern", "does not match the pattern \(pattern)")
            case .none: fail("pattern", "the schema's pattern \(pattern) is not a valid regular expression")
            default: break
            }
        }
        if assertFormats, case .string(let format)? = members["format"], let problem = FormatCheck.problem(format, text) {
            fail("format", "is not a valid \(format): \(problem)")
        }
    }

    private func checkArray(_ items: [JSONValue], _ members: Members, _ context: Context, _ at: JSONPointer,
                            _ outcome: inout Outcome, _ fail: (String, String) -> Void) {
        if case .number(let limit)? = members["minItems"], let minimum = Int(exactly: JSONNumber(limit).double), items.count < minimum {
            fail("minItems", "has \(items.count) items, at least \(minimum) are required")
        }
        if case .number(let limit)? = members["maxItems"], let maximum = Int(exactly: JSONNumber(limit).double), items.count > maximum {
            fail("maxItems", "has \(items.count) items, at most \(maximum) are allowed")
        }
        if case .bool(true)? = members["uniqueItems"] {
            outer: for first in items.indices {
                for second in items.indices where second > first && items[first].schemaEquals(items[second]) {
                    fail("uniqueItems", "items \(first) and \(second) are equal; items must be unique")
                    break outer
                }
            }
        }
        var prefixCount = 0
        if case .array(let prefix)? = members["prefixItems"] {
            prefixCount = min(prefix.count, items.count)
            for index in 0..<prefixCount {
                outcome.absorbErrors(evaluate(prefix[index], context.appending("prefixItems", String(index)), items[index], at.appending(index)))
                if tracksAnnotations { outcome.items.insert(index) }
            }
        }
        if let itemSchema = members["items"] {
            for index in prefixCount..<max(prefixCount, items.count) {
                outcome.absorbErrors(evaluate(itemSchema, context.appending("items"), items[index], at.appending(index)))
                if tracksAnnotations { outcome.items.insert(index) }
            }
        }
        if let contains = members["contains"] {
            let matching = items.indices.filter { evaluate(contains, context.appending("contains"), items[$0], at.appending($0)).valid }
            if tracksAnnotations { outcome.items.formUnion(matching) }
            let minimum = members["minContains"].flatMap { if case .number(let n) = $0 { Int(exactly: JSONNumber(n).double) } else { nil } } ?? 1
            if matching.count < minimum {
                fail(members["minContains"] == nil ? "contains" : "minContains",
                     "contains \(matching.count) matching items, at least \(minimum) are required")
            }
            if case .number(let limit)? = members["maxContains"], let maximum = Int(exactly: JSONNumber(limit).double), matching.count > maximum {
                fail("maxContains", "contains \(matching.count) matching items, at most \(maximum) are allowed")
            }
        }
        if let unevaluated = members["unevaluatedItems"] {
            for index in items.indices where !outcome.items.contains(index) {
                outcome.absorbErrors(evaluate(unevaluated, context.appending("unevaluatedItems"), items[index], at.appending(index)))
                outcome.items.insert(index)
            }
        }
    }

    private func checkObject(_ pairs: [(key: String, value: JSONValue)], _ members: Members, _ context: Context, _ at: JSONPointer,
                             _ outcome: inout Outcome, _ fail: (String, String) -> Void) {
        var object: [String: JSONValue] = [:]
        for (key, value) in pairs { object[key] = value }
        if case .number(let limit)? = members["minProperties"], let minimum = Int(exactly: JSONNumber(limit).double), object.count < minimum {
            fail("minProperties", "has \(object.count) properties, at least \(minimum) are required")
        }
        if case .number(let limit)? = members["maxProperties"], let maximum = Int(exactly: JSONNumber(limit).double), object.count > maximum {
            fail("maxProperties", "has \(object.count) properties, at most \(maximum) are allowed")
        }
        if case .array(let required)? = members["required"] {
            for case .string(let name) in required where object[name] == nil { fail("required", "the required property \"\(name)\" is missing") }
        }
        if case .object(let dependencies)? = members["dependentRequired"] {
            for (name, needed) in dependencies where object[name] != nil {
                guard case .array(let list) = needed else { continue }
                for case .string(let other) in list where object[other] == nil {
                    fail("dependentRequired", "\"\(other)\" is required when \"\(name)\" is present")
                }
            }
        }
        if case .object(let dependencies)? = members["dependentSchemas"] {
            for (name, dependent) in dependencies where object[name] != nil {
                outcome.absorb(evaluate(dependent, context.appending("dependentSchemas", name), .object(pairs), at))
            }
        }
        if let names = members["propertyNames"] {
            for key in object.keys.sorted() {
                let result = evaluate(names, context.appending("propertyNames"), .string(key), at.appending(key))
                for error in result.errors {
                    outcome.errors.append(SchemaViolation(instanceLocation: at, schemaLocation: error.schemaLocation,
                                                          reason: "the property name \"\(key)\" \(error.reason)"))
                }
            }
        }
        var matched: Set<String> = []
        if case .object(let properties)? = members["properties"] {
            for (name, subschema) in properties {
                guard let value = object[name] else { continue }
                outcome.absorbErrors(evaluate(subschema, context.appending("properties", name), value, at.appending(name)))
                matched.insert(name)
            }
        }
        if case .object(let patterns)? = members["patternProperties"] {
            for (pattern, subschema) in patterns {
                for key in object.keys.sorted() where RegexCache.shared.matches(pattern, key) == true {
                    outcome.absorbErrors(evaluate(subschema, context.appending("patternProperties", pattern), object[key]!, at.appending(key)))
                    matched.insert(key)
                }
            }
        }
        if tracksAnnotations { outcome.properties.formUnion(matched) }
        if let additional = members["additionalProperties"] {
            for key in object.keys.sorted() where !matched.contains(key) {
                if case .bool(false) = additional {
                    outcome.errors.append(SchemaViolation(instanceLocation: at.appending(key), schemaLocation: context.location("additionalProperties"),
                                                          reason: "the property \"\(key)\" is not allowed"))
                } else {
                    outcome.absorbErrors(evaluate(additional, context.appending("additionalProperties"), object[key]!, at.appending(key)))
                }
                if tracksAnnotations { outcome.properties.insert(key) }
            }
        }
        if let unevaluated = members["unevaluatedProperties"] {
            for key in object.keys.sorted() where !outcome.properties.contains(key) {
                if case .bool(false) = unevaluated {
                    outcome.errors.append(SchemaViolation(instanceLocation: at.appending(key), schemaLocation: context.location("unevaluatedProperties"),
                                                          reason: "the property \"\(key)\" is not allowed (unevaluated)"))
                } else {
                    outcome.absorbErrors(evaluate(unevaluated, context.appending("unevaluatedProperties"), object[key]!, at.appending(key)))
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

/// A schema object's keywords, looked up by a linear scan: schemas have few keywords, and
/// building a dictionary for each evaluation costs more than scanning them.
struct Members {
    private let pairs: [(key: String, value: JSONValue)]

    init(_ schema: JSONValue) {
        if case .object(let pairs) = schema { self.pairs = pairs } else { self.pairs = [] }
    }

    subscript(key: String) -> JSONValue? {
        for pair in pairs.reversed() where pair.key == key { return pair.value }
        return nil
    }
}

/// The validator's cache of resolved references (the registry never changes under a validator).
final class ResolvedReferences: @unchecked Sendable {
    private let lock = NSLock()
    private var locations: [String: SchemaRegistry.Location?] = [:]

    func location(_ reference: String, against base: URIReference, in registry: SchemaRegistry) -> SchemaRegistry.Location? {
        let key = base.description + " " + reference
        lock.lock()
        if let cached = locations[key] { lock.unlock(); return cached }
        lock.unlock()
        let found = registry.resolve(reference, against: base)
        lock.lock()
        locations[key] = .some(found)
        lock.unlock()
        return found
    }
}

/// Compiled patterns, shared: each distinct pattern is compiled once.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    /// Whether `pattern` matches anywhere in `text` (ECMA-262 semantics as ICU approximates them); nil if it does not compile.
    func matches(_ pattern: String, _ text: String) -> Bool? {
        lock.lock()
        let expression: NSRegularExpression?
        if let cached = compiled[pattern] {
            expression = cached
        } else {
            expression = try? NSRegularExpression(pattern: pattern)
            compiled[pattern] = .some(expression)
        }
        lock.unlock()
        guard let expression else { return nil }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

import Foundation
import PrakerjaModels

extension JSONSchemaValidator {
    /// Whether the document in `tape` is valid against the schema at `schemaURI`: the answer of
    /// `validate(_:against:).isEmpty`, found without building an error, a path or a value, and
    /// stopping at the first failure (`jsonschema-rs`'s `is_valid`). Schemas that use
    /// `unevaluatedProperties`, `unevaluatedItems` or `$dynamicRef` are judged by the full
    /// evaluation, which tracks annotations and the dynamic scope.
    public func isValid(_ tape: JSONTape, against schemaURI: String) -> Bool {
        let program = compiled.schema(at: schemaURI)
        guard let root = program.root else { return false }
        if program.tracksAnnotations || program.tracksDynamicScope { return validate(tape.value(at: 0), against: schemaURI).isEmpty }
        return tape.nodes.withUnsafeBufferPointer { nodes in
            tape.bytes.withUnsafeBufferPointer { bytes in
                var check = TapeCheck(tape: tape, nodes: nodes, bytes: bytes)
                return check.valid(root, 0)
            }
        }
    }
}

/// The fast path's evaluation over a tape: the same keywords as `JSONSchemaValidator.evaluate`,
/// answered yes or no.
private struct TapeCheck {
    let tape: JSONTape
    let nodes: UnsafeBufferPointer<JSONTape.Node>
    let bytes: UnsafeBufferPointer<UInt8>
    var depth = 0

    init(tape: JSONTape, nodes: UnsafeBufferPointer<JSONTape.Node>, bytes: UnsafeBufferPointer<UInt8>) {
        self.tape = tape
        self.nodes = nodes
        self.bytes = bytes
    }

    mutating func valid(_ node: CompiledSchema, _ at: Int) -> Bool {
        switch node.form {
        case .anything: return true
        case .nothing: return false
        case .keywords: break
        }
        if node.reference != nil, !follow(node.reference?.target, at) { return false }
        let instance = nodes[at]
        if let allowed = node.types?.allowed, !has(allowed, instance) { return false }
        if let options = node.enumeration, !options.contains(where: { equals($0, at) }) { return false }
        if let constant = node.constant, !equals(constant, at) { return false }

        for branch in node.allOf where !valid(branch, at) { return false }
        if let branches = node.anyOf, !branches.contains(where: { valid($0, at) }) { return false }
        if let branches = node.oneOf {
            var passing = 0
            for branch in branches where valid(branch, at) {
                passing += 1
                if passing > 1 { return false }
            }
            if passing == 0 { return false }
        }
        if let negated = node.not, valid(negated, at) { return false }
        if let condition = node.ifSchema {
            if valid(condition, at) {
                if let then = node.thenSchema, !valid(then, at) { return false }
            } else if let otherwise = node.elseSchema, !valid(otherwise, at) {
                return false
            }
        }

        switch instance.kind {
        case .number where !node.numberBounds.isEmpty: return numberValid(node, instance)
        case .string, .escaped: return stringValid(node, instance)
        case .array: return arrayValid(node, at)
        case .object where node.checksObjects: return objectValid(node, at)
        default: return true
        }
    }

    private mutating func follow(_ target: CompiledSchema?, _ at: Int) -> Bool {
        guard let target, depth < JSONSchemaValidator.maximumDepth else { return false }
        depth += 1
        defer { depth -= 1 }
        return valid(target, at)
    }

    private func has(_ allowed: CompiledSchema.Types, _ instance: JSONTape.Node) -> Bool {
        switch instance.kind {
        case .null: allowed.contains(.null)
        case .false, .true: allowed.contains(.boolean)
        case .string, .escaped: allowed.contains(.string)
        case .array: allowed.contains(.array)
        case .object: allowed.contains(.object)
        case .number: allowed.contains(.number) || (allowed.contains(.integer) && isInteger(instance))
        }
    }

    private func isInteger(_ number: JSONTape.Node) -> Bool { JSONNumber(utf8: utf8(number)).isInteger }

    /// The bytes of a string (between its quotes, as written) or a number.
    private func utf8(_ node: JSONTape.Node) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.start + node.count)])
    }

    /// Whether the string at `node` is `text`: compared byte for byte where it lies, or decoded when it has escapes.
    private func spells(_ node: JSONTape.Node, _ text: String) -> Bool {
        if node.kind == .escaped { return tape.decoded[Int(node.start)].utf8.elementsEqual(text.utf8) }
        var text = text
        return text.withUTF8 { expected in
            expected.count == Int(node.count)
                && (expected.isEmpty || memcmp(expected.baseAddress!, bytes.baseAddress! + Int(node.start), expected.count) == 0)
        }
    }

    /// JSON Schema's equality of `value` and the instance at `at`; strings compared byte for byte in place.
    private func equals(_ value: JSONValue, _ at: Int) -> Bool {
        let instance = nodes[at]
        switch (value, instance.kind) {
        case (.null, .null): return true
        case (.bool(let flag), .true): return flag
        case (.bool(let flag), .false): return !flag
        case (.string(let text), .string), (.string(let text), .escaped): return spells(instance, text)
        case (.null, _), (.bool, _), (.string, _): return false
        default: return value.schemaEquals(tape.value(at: at))
        }
    }

    private func numberValid(_ node: CompiledSchema, _ instance: JSONTape.Node) -> Bool {
        let number = JSONNumber(utf8: utf8(instance))
        return node.numberBounds.allSatisfy { $0.keyword.holds(number, $0.limit) }
    }

    private func stringValid(_ node: CompiledSchema, _ instance: JSONTape.Node) -> Bool {
        if instance.kind == .escaped {
            let text = tape.decoded[Int(instance.start)]
            let length = text.unicodeScalars.count
            if let minimum = node.minLength, length < minimum { return false }
            if let maximum = node.maxLength, length > maximum { return false }
            if let pattern = node.pattern, pattern.matches(text) != true { return false }
            if let format = node.format, format.problem(text) != nil { return false }
            return true
        }
        let text = utf8(instance)
        // Lengths count code points: at most one a byte, at least one in four bytes.
        if let minimum = node.minLength, (text.count + 3) / 4 < minimum, Self.scalars(text) < minimum { return false }
        if let maximum = node.maxLength, text.count > maximum, Self.scalars(text) > maximum { return false }
        if let pattern = node.pattern, pattern.matches(utf8: text) != true { return false }
        if let format = node.format, !format.accepts(text) { return false }
        return true
    }

    private static func scalars(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    private mutating func arrayValid(_ node: CompiledSchema, _ at: Int) -> Bool {
        let count = Int(nodes[at].count)
        if let minimum = node.minItems, count < minimum { return false }
        if let maximum = node.maxItems, count > maximum { return false }
        if node.uniqueItems, case .array(let items) = tape.value(at: at) {
            for first in items.indices {
                for second in items.indices where second > first && items[first].schemaEquals(items[second]) { return false }
            }
        }
        var child = at + 1, matching = 0
        for index in 0..<count {
            let schema = index < node.prefixItems.count ? node.prefixItems[index] : node.items
            if let schema, !valid(schema, child) { return false }
            if let contains = node.contains, valid(contains, child) { matching += 1 }
            child = Int(nodes[child].end)
        }
        if node.contains != nil {
            if matching < node.minContains ?? 1 { return false }
            if let maximum = node.maxContains, matching > maximum { return false }
        }
        return true
    }

    private mutating func objectValid(_ node: CompiledSchema, _ at: Int) -> Bool {
        let count = Int(nodes[at].count)
        if let minimum = node.minProperties, count < minimum { return false }
        if let maximum = node.maxProperties, count > maximum { return false }
        for (name, needs) in node.dependentRequired where member(name, of: at) != nil {
            for other in needs where member(other, of: at) == nil { return false }
        }
        for (name, dependent) in node.dependentSchemas where member(name, of: at) != nil {
            if !valid(dependent, at) { return false }
        }
        var present = RequiredSeen(count: node.required.count)
        var key = at + 1, guess = 0
        for _ in 0..<count {
            let value = key + 1
            if let names = node.propertyNamesSchema, !valid(names, key) { return false }
            var matched = false
            if let position = position(of: key, in: node, guess: guess) {
                guess = position + 1
                if let index = node.propertyRules[position].requiredIndex { present.insert(index) }
                if let schema = node.propertyRules[position].schema {
                    if !valid(schema, value) { return false }
                    matched = true
                }
            }
            for property in node.patternProperties where matches(property.pattern, key) {
                if !valid(property.schema, value) { return false }
                matched = true
            }
            if !matched, let additional = node.additionalProperties, !valid(additional, value) { return false }
            key = Int(nodes[value].end)
        }
        for index in node.required.indices where !present.contains(index) { return false }
        return true
    }

    private func matches(_ pattern: SchemaPattern, _ key: Int) -> Bool {
        let node = nodes[key]
        if node.kind == .escaped { return pattern.matches(tape.decoded[Int(node.start)]) == true }
        return pattern.matches(utf8: utf8(node)) == true
    }

    /// The node of the key of the member `name` of the object at `at`, or nil.
    private func member(_ name: String, of at: Int) -> Int? {
        var child = at + 1
        for _ in 0..<nodes[at].count {
            if spells(nodes[child], name) { return child }
            child = Int(nodes[child + 1].end)
        }
        return nil
    }

    /// The index of the `properties`/`required` entry the key at node `key` names.
    private func position(of key: Int, in node: CompiledSchema, guess: Int) -> Int? {
        let entry = nodes[key]
        if entry.kind == .escaped { return node.propertyKeys.index(of: tape.decoded[Int(entry.start)], guess: guess) }
        return node.propertyKeys.index(of: utf8(entry), guess: guess)
    }
}

import Foundation
import PrakerjaModels

extension JSONSchemaValidator {
    /// Whether the document in `tape` is valid against the schema at `schemaURI`: the answer of
    /// `validate(_:against:).isEmpty`, found without building an error, a path or a value, and
    /// stopping at the first failure (`jsonschema-rs`'s `is_valid`). Schemas that use
    /// `unevaluatedProperties`, `unevaluatedItems` or `$dynamicRef` are judged by the full
    /// evaluation, which tracks annotations and the dynamic scope.
    public func isValid(_ tape: JSONTape, against schemaURI: String) -> Bool {
        guard let program = compiled.program(at: schemaURI) else {
            // The full evaluation; a URI naming nothing loaded is an error there too.
            return validate(tape.value(at: 0), against: schemaURI).isEmpty
        }
        return tape.nodes.withUnsafeBufferPointer { nodes in
            tape.bytes.withUnsafeBufferPointer { bytes in
                var depth = 0
                return withUnsafeMutablePointer(to: &depth) { depth in
                    TapeCheck(program: program, tape: tape, nodes: nodes, bytes: bytes, depth: depth).valid(0, 0)
                }
            }
        }
    }
}

/// The fast path's evaluation over a tape: the same keywords as `JSONSchemaValidator.evaluate`,
/// answered yes or no, walking the schema's `TapeProgram`.
private struct TapeCheck {
    typealias Node = TapeProgram.Node
    let program: TapeProgram
    let tape: JSONTape
    let nodes: UnsafeBufferPointer<JSONTape.Node>
    let bytes: UnsafeBufferPointer<UInt8>
    /// How deep references nest where the walk is (kept outside, so no method mutates the walk
    /// and none copies it to call another).
    let depth: UnsafeMutablePointer<Int>

    init(
        program: TapeProgram, tape: JSONTape, nodes: UnsafeBufferPointer<JSONTape.Node>, bytes: UnsafeBufferPointer<UInt8>,
        depth: UnsafeMutablePointer<Int>
    ) {
        self.program = program
        self.tape = tape
        self.nodes = nodes
        self.bytes = bytes
        self.depth = depth
    }

    /// Whether the instance at node `at` of the tape is valid against schema `index` of the program.
    func valid(_ index: Int32, _ at: Int) -> Bool {
        let schema = UnsafePointer(program.nodes.baseAddress! + Int(index))
        switch schema.pointee.form {
        case .anything: return true
        case .nothing: return false
        case .keywords: break
        }
        let keywords = schema.pointee.keywords
        if keywords.contains(.reference), !follow(schema.pointee.reference, at) { return false }
        let instance = nodes[at]
        if keywords.contains(.types), !has(schema.pointee.types, instance) { return false }
        if keywords.contains(.enumeration), !isOption(schema.pointee.enumeration, at) { return false }
        if keywords.contains(.stringOptions), !isStringOption(schema.pointee.stringOptions, instance) { return false }
        if keywords.contains(.constant), !equals(program.constants[Int(schema.pointee.constant)], at) { return false }
        if keywords.contains(.applicators), !applicatorsValid(schema, at) { return false }

        switch instance.kind {
        case .number where keywords.contains(.numbers): return numberValid(schema, instance)
        case .string where keywords.contains(.strings), .escaped where keywords.contains(.strings): return stringValid(schema, instance)
        case .array where keywords.contains(.arrays): return arrayValid(schema, at)
        case .object where keywords.contains(.objects): return objectValid(schema, at)
        default: return true
        }
    }

    /// `allOf`, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`: the same instance against subschemas.
    private func applicatorsValid(_ schema: UnsafePointer<Node>, _ at: Int) -> Bool {
        let children = program.children
        for branch in schema.pointee.allOf.range where !valid(children[branch], at) { return false }
        if schema.pointee.keywords.contains(.anyOf), !schema.pointee.anyOf.range.contains(where: { valid(children[$0], at) }) { return false }
        if schema.pointee.keywords.contains(.oneOf) {
            var passing = 0
            for branch in schema.pointee.oneOf.range where valid(children[branch], at) {
                passing += 1
                if passing > 1 { return false }
            }
            if passing == 0 { return false }
        }
        if schema.pointee.not >= 0, valid(schema.pointee.not, at) { return false }
        if schema.pointee.ifSchema >= 0 {
            if valid(schema.pointee.ifSchema, at) {
                if schema.pointee.thenSchema >= 0, !valid(schema.pointee.thenSchema, at) { return false }
            } else if schema.pointee.elseSchema >= 0, !valid(schema.pointee.elseSchema, at) {
                return false
            }
        }
        return true
    }

    private func follow(_ target: Int32, _ at: Int) -> Bool {
        guard target >= 0, depth.pointee < JSONSchemaValidator.maximumDepth else { return false }
        depth.pointee += 1
        defer { depth.pointee -= 1 }
        return valid(target, at)
    }

    @inline(__always) private func has(_ allowed: CompiledSchema.Types, _ instance: JSONTape.Node) -> Bool {
        switch instance.kind {
        case .null: allowed.contains(.null)
        case .false, .true: allowed.contains(.boolean)
        case .string, .escaped: allowed.contains(.string)
        case .array: allowed.contains(.array)
        case .object: allowed.contains(.object)
        case .number: allowed.contains(.number) || (allowed.contains(.integer) && isInteger(instance))
        }
    }

    /// Whether a number is whole: at once when it has neither a fraction nor an exponent (JSON's
    /// grammar leaves only digits then), else as `JSONNumber` reads it (`1.0` and `1e2` are whole).
    private func isInteger(_ number: JSONTape.Node) -> Bool {
        let text = utf8(number)
        guard text.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) else { return true }
        return JSONNumber(utf8: text).isInteger
    }

    /// The bytes of a string (between its quotes, as written) or a number.
    private func utf8(_ node: JSONTape.Node) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.start + node.count)])
    }

    /// Whether the string at `node` is `text`: compared byte for byte where it lies, or decoded when it has escapes.
    @inline(__always) private func spells(_ node: JSONTape.Node, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count == Int(node.count) else { return false }
        if node.kind == .escaped { return tape.decoded[Int(node.start)].utf8.elementsEqual(text) }
        return text.isEmpty || sameBytes(text.baseAddress!, bytes.baseAddress! + Int(node.start), text.count)
    }

    /// Whether the instance at `at` equals one of the `enum` options in `options`.
    private func isOption(_ options: TapeProgram.Span, _ at: Int) -> Bool {
        var option = Int(options.start)
        let end = option + Int(options.count)
        while option < end {
            if equals(program.constants[option], at) { return true }
            option += 1
        }
        return false
    }

    /// Whether the instance is a string among `options` (an `enum` of strings only), found by hash.
    private func isStringOption(_ options: PropertyKeys, _ instance: JSONTape.Node) -> Bool {
        switch instance.kind {
        case .string: options.index(of: utf8(instance), guess: 0) != nil
        case .escaped: options.index(of: tape.decoded[Int(instance.start)], guess: 0) != nil
        default: false
        }
    }

    /// JSON Schema's equality of `constant` and the instance at `at`; strings compared byte for byte in place.
    private func equals(_ constant: TapeProgram.Constant, _ at: Int) -> Bool {
        let instance = nodes[at]
        if let text = constant.text { return (instance.kind == .string || instance.kind == .escaped) && spells(instance, program.bytes(text)) }
        let value = program.values[Int(constant.value)]
        switch (value, instance.kind) {
        case (.null, .null): return true
        case (.bool(let flag), .true): return flag
        case (.bool(let flag), .false): return !flag
        case (.null, _), (.bool, _): return false
        default: return value.schemaEquals(tape.value(at: at))
        }
    }

    private func numberValid(_ schema: UnsafePointer<Node>, _ instance: JSONTape.Node) -> Bool {
        let number = JSONNumber(utf8: utf8(instance))
        return program.bounds[schema.pointee.bounds.range].allSatisfy { $0.keyword.holds(number, $0.limit) }
    }

    private func stringValid(_ schema: UnsafePointer<Node>, _ instance: JSONTape.Node) -> Bool {
        if instance.kind == .escaped {
            let text = tape.decoded[Int(instance.start)]
            let length = text.unicodeScalars.count
            if length < schema.pointee.minLength || length > schema.pointee.maxLength { return false }
            if schema.pointee.pattern >= 0, program.patterns[Int(schema.pointee.pattern)].matches(text) != true { return false }
            if let format = schema.pointee.format, format.problem(text) != nil { return false }
            return true
        }
        let text = utf8(instance)
        // Lengths count code points: at most one a byte, at least one in four bytes.
        if (text.count + 3) / 4 < schema.pointee.minLength, Self.scalars(text) < schema.pointee.minLength { return false }
        if text.count > schema.pointee.maxLength, Self.scalars(text) > schema.pointee.maxLength { return false }
        if schema.pointee.pattern >= 0, program.patterns[Int(schema.pointee.pattern)].matches(utf8: text) != true { return false }
        if let format = schema.pointee.format, !format.accepts(text) { return false }
        return true
    }

    private static func scalars(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    private func arrayValid(_ schema: UnsafePointer<Node>, _ at: Int) -> Bool {
        let count = Int(nodes[at].count)
        if count < schema.pointee.minItems || count > schema.pointee.maxItems { return false }
        if schema.pointee.keywords.contains(.uniqueItems), case .array(let items) = tape.value(at: at) {
            for first in items.indices {
                for second in items.indices where second > first && items[first].schemaEquals(items[second]) { return false }
            }
        }
        let prefix = schema.pointee.prefixItems
        var child = at + 1, matching = 0
        for index in 0..<count {
            let item = index < Int(prefix.count) ? program.children[Int(prefix.start) + index] : schema.pointee.items
            if item >= 0, !valid(item, child) { return false }
            if schema.pointee.contains >= 0, valid(schema.pointee.contains, child) { matching += 1 }
            child = Int(nodes[child].end)
        }
        if schema.pointee.contains >= 0, matching < schema.pointee.minContains || matching > schema.pointee.maxContains { return false }
        return true
    }

    private func objectValid(_ schema: UnsafePointer<Node>, _ at: Int) -> Bool {
        let count = Int(nodes[at].count)
        if count < schema.pointee.minProperties || count > schema.pointee.maxProperties { return false }
        if schema.pointee.keywords.contains(.dependencies), !dependenciesValid(schema, at) { return false }
        let properties = program.properties
        var present = RequiredSeen(count: Int(schema.pointee.required))
        var key = at + 1, guess = 0
        for _ in 0..<count {
            let value = key + 1
            if schema.pointee.propertyNames >= 0, !valid(schema.pointee.propertyNames, key) { return false }
            var matched = false
            if let position = position(of: key, in: schema, guess: guess) {
                guess = position + 1
                let property = properties[Int(schema.pointee.properties.start) + position]
                if property.required >= 0 { present.insert(Int(property.required)) }
                if property.schema >= 0 {
                    if !valid(property.schema, value) { return false }
                    matched = true
                }
            }
            for entry in schema.pointee.patternProperties.range {
                let (pattern, subschema) = program.patternProperties[entry]
                guard matches(pattern, key) else { continue }
                if !valid(subschema, value) { return false }
                matched = true
            }
            if !matched, schema.pointee.additionalProperties >= 0, !valid(schema.pointee.additionalProperties, value) { return false }
            key = Int(nodes[value].end)
        }
        return present.count == Int(schema.pointee.required)
    }

    /// `dependentRequired` and `dependentSchemas`.
    private func dependenciesValid(_ schema: UnsafePointer<Node>, _ at: Int) -> Bool {
        for entry in schema.pointee.dependentRequired.range {
            let dependency = program.dependencies[entry]
            guard member(dependency.name, of: at) != nil else { continue }
            for other in dependency.needs.range where member(program.names[other], of: at) == nil { return false }
        }
        for entry in schema.pointee.dependentSchemas.range {
            let dependency = program.dependencies[entry]
            if member(dependency.name, of: at) != nil, !valid(dependency.schema, at) { return false }
        }
        return true
    }

    private func matches(_ pattern: Int32, _ key: Int) -> Bool {
        let node = nodes[key]
        if node.kind == .escaped { return program.patterns[Int(pattern)].matches(tape.decoded[Int(node.start)]) == true }
        return program.patterns[Int(pattern)].matches(utf8: utf8(node)) == true
    }

    /// The node of the key of the member `name` of the object at `at`, or nil.
    private func member(_ name: TapeProgram.Span, of at: Int) -> Int? {
        let text = program.bytes(name)
        var child = at + 1
        for _ in 0..<nodes[at].count {
            if spells(nodes[child], text) { return child }
            child = Int(nodes[child + 1].end)
        }
        return nil
    }

    /// The index in `properties` of the name the key at node `key` spells, as the compiled schema finds it.
    private func position(of key: Int, in schema: UnsafePointer<Node>, guess: Int) -> Int? {
        let entry = nodes[key]
        if entry.kind == .escaped { return schema.pointee.keys.index(of: tape.decoded[Int(entry.start)], guess: guess) }
        return schema.pointee.keys.index(of: utf8(entry), guess: guess)
    }
}

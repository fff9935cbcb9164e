import Foundation
import PrakerjaModels

/// A compiled schema lowered for the tape's fast path (`JSONSchemaValidator.isValid`): every node
/// reachable from one root as a flat run of plain values, subschemas and references as indices,
/// property names and string constants as UTF-8 bytes. Nothing in it is reference-counted, so a
/// walk over it retains and releases nothing; what is not plain (patterns, constants that are not
/// strings) sits in side tables read only by the keywords that need them.
///
/// Lowered once per schema URI (`CompiledSchemas.program(at:)`), after which it is only read.
final class TapeProgram: @unchecked Sendable {
    /// Which checks a node makes, so the walk tests one word before reading a field.
    struct Keywords: OptionSet {
        let rawValue: UInt32
        static let reference = Keywords(rawValue: 1 << 0), types = Keywords(rawValue: 1 << 1)
        static let enumeration = Keywords(rawValue: 1 << 2), constant = Keywords(rawValue: 1 << 3)
        /// Any of `allOf`, `anyOf`, `oneOf`, `not`, `if`: subschemas applied to the same instance.
        static let applicators = Keywords(rawValue: 1 << 4)
        /// `anyOf` and `oneOf` are there (an empty list fails every instance; a missing one none).
        static let anyOf = Keywords(rawValue: 1 << 5), oneOf = Keywords(rawValue: 1 << 6)
        static let numbers = Keywords(rawValue: 1 << 9), strings = Keywords(rawValue: 1 << 10)
        static let arrays = Keywords(rawValue: 1 << 11), objects = Keywords(rawValue: 1 << 12)
        static let uniqueItems = Keywords(rawValue: 1 << 13), dependencies = Keywords(rawValue: 1 << 14)
        /// An `enum` of strings only, found by hash (`Node.stringOptions`) instead of option by option.
        static let stringOptions = Keywords(rawValue: 1 << 15)
    }

    /// A run of entries in one of the side tables.
    struct Span {
        var start: Int32 = 0
        var count: Int32 = 0
        var range: Range<Int> { Int(start)..<Int(start + count) }
    }

    /// One schema. Indices name other nodes (-1: none), spans name runs of the side tables.
    struct Node {
        var form = CompiledSchema.Form.keywords
        var keywords: Keywords = []
        var types = CompiledSchema.Types(rawValue: 0)
        var format: FormatCheck?
        var reference: Int32 = -1
        var enumeration = Span()  // constants
        var stringOptions = PropertyKeys.none  // owned by the program
        var constant: Int32 = -1  // constants
        var allOf = Span(), anyOf = Span(), oneOf = Span()  // children
        var not: Int32 = -1, ifSchema: Int32 = -1, thenSchema: Int32 = -1, elseSchema: Int32 = -1
        var bounds = Span()  // bounds
        var minLength = 0, maxLength = Int.max
        var pattern: Int32 = -1  // patterns
        var minItems = 0, maxItems = Int.max
        var prefixItems = Span()  // children
        var items: Int32 = -1, contains: Int32 = -1
        var minContains = 1, maxContains = Int.max
        var minProperties = 0, maxProperties = Int.max
        var properties = Span()  // properties
        /// The `properties`/`required` names, as the compiled schema finds them (owned by it).
        var keys = PropertyKeys.none
        var required: Int32 = 0
        var dependentRequired = Span()  // dependencies
        var dependentSchemas = Span()  // dependencies
        var propertyNames: Int32 = -1
        var patternProperties = Span()  // patternProperties
        var additionalProperties: Int32 = -1
    }

    /// An `enum` option or a `const`: a string as its bytes, anything else as its value.
    struct Constant {
        var text: Span?  // text
        var value: Int32  // values
    }

    /// What meeting a `properties` or `required` name means (at the name's index in `keys`).
    struct Property {
        var schema: Int32
        var required: Int32
    }

    /// A `dependentRequired` name and the names it needs, or a `dependentSchemas` name and its schema.
    struct Dependency {
        var name: Span  // text
        var needs: Span  // names
        var schema: Int32
    }

    let nodes: UnsafeMutableBufferPointer<Node>
    let children: UnsafeMutableBufferPointer<Int32>
    let constants: UnsafeMutableBufferPointer<Constant>
    let bounds: UnsafeMutableBufferPointer<(keyword: CompiledSchema.NumberBound, limit: JSONNumber)>
    let properties: UnsafeMutableBufferPointer<Property>
    let dependencies: UnsafeMutableBufferPointer<Dependency>
    let names: UnsafeMutableBufferPointer<Span>
    let patternProperties: UnsafeMutableBufferPointer<(pattern: Int32, schema: Int32)>
    let text: UnsafeMutableBufferPointer<UInt8>
    /// The `enum`s of strings, each as a table of its options (freed with the program).
    private let optionTables: [PropertyKeys]
    /// What is not plain: patterns (read in place), and constants that are not strings.
    let patterns: UnsafeMutableBufferPointer<SchemaPattern>
    let values: [JSONValue]

    /// Lowers `root` and every node it reaches; the root is node 0.
    init(root: CompiledSchema) {
        var lowering = Lowering()
        _ = lowering.lower(root)
        nodes = .copying(lowering.nodes)
        children = .copying(lowering.children)
        constants = .copying(lowering.constants)
        bounds = .copying(lowering.bounds)
        properties = .copying(lowering.properties)
        dependencies = .copying(lowering.dependencies)
        names = .copying(lowering.names)
        patternProperties = .copying(lowering.patternProperties)
        text = .copying(lowering.text)
        patterns = .copying(lowering.patterns)
        values = lowering.values
        optionTables = lowering.optionTables
    }

    deinit {
        nodes.deallocate()
        children.deallocate()
        constants.deallocate()
        bounds.deallocate()
        properties.deallocate()
        dependencies.deallocate()
        names.deallocate()
        patternProperties.deallocate()
        text.deallocate()
        patterns.deinitialize().deallocate()
        for table in optionTables { table.deallocate() }
    }

    /// The bytes of a span of `text`.
    func bytes(_ span: Span) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[span.range]) }

    private struct Lowering {
        var nodes: [Node] = []
        var children: [Int32] = []
        var constants: [Constant] = []
        var bounds: [(keyword: CompiledSchema.NumberBound, limit: JSONNumber)] = []
        var properties: [Property] = []
        var dependencies: [Dependency] = []
        var names: [Span] = []
        var patternProperties: [(pattern: Int32, schema: Int32)] = []
        var text: [UInt8] = []
        var patterns: [SchemaPattern] = []
        var patternIndex: [String: Int32] = [:]
        var values: [JSONValue] = []
        var optionTables: [PropertyKeys] = []
        var lowered: [ObjectIdentifier: Int32] = [:]

        mutating func lower(_ schema: CompiledSchema?) -> Int32 {
            guard let schema else { return -1 }
            if let known = lowered[ObjectIdentifier(schema)] { return known }
            let index = Int32(nodes.count)
            lowered[ObjectIdentifier(schema)] = index
            nodes.append(Node())
            var node = Node(form: schema.form)
            guard schema.form == .keywords else {
                nodes[Int(index)] = node
                return index
            }
            var keywords: Keywords = []
            if let reference = schema.reference {
                keywords.insert(.reference)
                node.reference = lower(reference.target)  // -1 when it names nothing loaded: nothing is valid
            }
            if let types = schema.types?.allowed {
                keywords.insert(.types)
                node.types = types
            }
            if let options = schema.enumeration, !options.isEmpty,
                case let strings = options.compactMap({ if case .string(let text) = $0 { text } else { nil } }),
                strings.count == options.count
            {
                keywords.insert(.stringOptions)
                node.stringOptions = PropertyKeys(strings)
                optionTables.append(node.stringOptions)
            } else if let options = schema.enumeration {
                keywords.insert(.enumeration)
                var entries: [Constant] = []
                for option in options { entries.append(constant(option)) }
                node.enumeration = Self.span(of: &constants, entries)
            }
            if let value = schema.constant {
                keywords.insert(.constant)
                node.constant = Int32(constants.count)
                constants.append(constant(value))
            }
            if !schema.allOf.isEmpty || schema.anyOf != nil || schema.oneOf != nil || schema.not != nil || schema.ifSchema != nil {
                keywords.insert(.applicators)
                if schema.anyOf != nil { keywords.insert(.anyOf) }
                if schema.oneOf != nil { keywords.insert(.oneOf) }
                node.allOf = lower(schema.allOf)
                node.anyOf = lower(schema.anyOf ?? [])
                node.oneOf = lower(schema.oneOf ?? [])
                node.not = lower(schema.not)
                node.ifSchema = lower(schema.ifSchema)
                if node.ifSchema >= 0 {  // `then` and `else` without `if` do nothing
                    node.thenSchema = lower(schema.thenSchema)
                    node.elseSchema = lower(schema.elseSchema)
                }
            }
            if !schema.numberBounds.isEmpty {
                keywords.insert(.numbers)
                node.bounds = Self.span(of: &bounds, schema.numberBounds.map { ($0.keyword, $0.limit) })
            }
            if schema.minLength != nil || schema.maxLength != nil || schema.pattern != nil || schema.format != nil {
                keywords.insert(.strings)
                node.minLength = schema.minLength ?? 0
                node.maxLength = schema.maxLength ?? .max
                if let source = schema.pattern { node.pattern = pattern(source) }
                node.format = schema.format
            }
            if schema.minItems != nil || schema.maxItems != nil || schema.uniqueItems || !schema.prefixItems.isEmpty || schema.items != nil
                || schema.contains != nil
            {
                keywords.insert(.arrays)
                if schema.uniqueItems { keywords.insert(.uniqueItems) }
                node.minItems = schema.minItems ?? 0
                node.maxItems = schema.maxItems ?? .max
                node.prefixItems = lower(schema.prefixItems)
                node.items = lower(schema.items)
                node.contains = lower(schema.contains)
                node.minContains = schema.minContains ?? 1
                node.maxContains = schema.maxContains ?? .max
            }
            if schema.checksObjects {
                keywords.insert(.objects)
                node.minProperties = schema.minProperties ?? 0
                node.maxProperties = schema.maxProperties ?? .max
                var rules: [Property] = []
                for rule in schema.propertyRules {
                    rules.append(Property(schema: lower(rule.schema), required: rule.requiredIndex.map(Int32.init) ?? -1))
                }
                node.properties = Self.span(of: &properties, rules)
                node.required = Int32(schema.required.count)
                node.keys = schema.propertyKeys
                var required: [Dependency] = []
                for (name, needs) in schema.dependentRequired {
                    var needed: [Span] = []
                    for other in needs { needed.append(span(other)) }
                    required.append(Dependency(name: span(name), needs: Self.span(of: &names, needed), schema: -1))
                }
                node.dependentRequired = Self.span(of: &dependencies, required)
                var dependent: [Dependency] = []
                for (name, subschema) in schema.dependentSchemas {
                    dependent.append(Dependency(name: span(name), needs: Span(), schema: lower(subschema)))
                }
                node.dependentSchemas = Self.span(of: &dependencies, dependent)
                if !required.isEmpty || !dependent.isEmpty { keywords.insert(.dependencies) }
                node.propertyNames = lower(schema.propertyNamesSchema)
                var patterned: [(pattern: Int32, schema: Int32)] = []
                for (source, subschema) in schema.patternProperties { patterned.append((pattern(source), lower(subschema))) }
                node.patternProperties = Self.span(of: &patternProperties, patterned)
                node.additionalProperties = lower(schema.additionalProperties)
            }
            node.keywords = keywords
            nodes[Int(index)] = node
            return index
        }

        /// Lowers each schema, then places their indices together (lowering may add children of its own).
        private mutating func lower(_ schemas: [CompiledSchema]) -> Span {
            var indices: [Int32] = []
            for schema in schemas { indices.append(lower(schema)) }
            return Self.span(of: &children, indices)
        }

        private static func span<Element>(of table: inout [Element], _ entries: [Element]) -> Span {
            defer { table.append(contentsOf: entries) }
            return Span(start: Int32(table.count), count: Int32(entries.count))
        }

        private mutating func span(_ string: String) -> Span { Self.span(of: &text, Array(string.utf8)) }

        private mutating func constant(_ value: JSONValue) -> Constant {
            if case .string(let string) = value { return Constant(text: span(string), value: -1) }
            values.append(value)
            return Constant(text: nil, value: Int32(values.count - 1))
        }

        private mutating func pattern(_ pattern: SchemaPattern) -> Int32 {
            if let known = patternIndex[pattern.source] { return known }
            patterns.append(pattern)
            patternIndex[pattern.source] = Int32(patterns.count - 1)
            return Int32(patterns.count - 1)
        }
    }
}

extension UnsafeMutableBufferPointer {
    /// A buffer of its own holding `elements`.
    fileprivate static func copying(_ elements: [Element]) -> Self {
        let buffer = Self.allocate(capacity: elements.count)
        _ = buffer.initialize(from: elements)
        return buffer
    }
}

import Foundation
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSchema

/// Invalid request bodies generated from an operation's request schema: each takes a valid body
/// and breaks one rule of the schema (a required field missing, a wrong type, a broken pattern,
/// length, bound or enum). Only mutations the kit's validator confirms invalid are kept, so a
/// partner that accepts one has accepted a body its own contract forbids.
public struct NegativePayload: Sendable {
    /// What was broken, like `without /partnerReferenceNo` or `/amount/value: a number`.
    public let description: String
    public let body: JSONValue
}

extension Contract {
    /// Up to `limit` invalid variants of `valid` for `operation`'s request schema.
    public func negativePayloads(for operation: ContractOperation, from valid: JSONValue, limit: Int = 30) -> [NegativePayload] {
        guard let pointer = operation.requestSchema else { return [] }
        var candidates: [NegativePayload] = [
            NegativePayload(description: "an array instead of an object", body: .array([])),
            NegativePayload(description: "an empty object", body: .object([])),
        ]
        collect(schemaAt: pointer, value: valid, at: JSONPointer(), root: valid, into: &candidates, depth: 0)
        return Array(candidates.filter { !validate($0.body, against: pointer).isEmpty }.prefix(limit))
    }

    /// The schema at `pointer`, its `$ref`s to this document followed.
    func schema(at pointer: JSONPointer) -> JSONValue? { referent(of: pointer).resolve(in: document) }

    /// Where `pointer` leads once its `$ref`s to this document are followed: a schema's
    /// `properties` are looked up there, not beside the reference.
    func referent(of pointer: JSONPointer) -> JSONPointer {
        var current = pointer
        var hops = 0
        while case .string(let reference)? = current.resolve(in: document)?["$ref"], reference.hasPrefix("#"), hops < 20,
            let target = JSONPointer(String(reference.dropFirst()))
        {
            current = target
            hops += 1
        }
        return current
    }

    private func collect(
        schemaAt pointer: JSONPointer, value: JSONValue, at location: JSONPointer, root: JSONValue,
        into candidates: inout [NegativePayload], depth: Int, parentSchema: JSONValue? = nil
    ) {
        guard depth < 4, let schema = schema(at: pointer) else { return }
        func replace(_ replacement: JSONValue, _ description: String) {
            candidates.append(NegativePayload(description: description, body: root.replacing(at: location.tokens[...], with: replacement)))
        }
        let here = location.tokens.isEmpty ? "/" : location.description
        if case .string(let type)? = schema["type"], !location.tokens.isEmpty {
            let wrong: JSONValue =
                switch type {
                case "string": .number("12345")
                case "integer", "number": .string("12345")
                case "boolean": .string("true")
                case "array": .object([])
                default: .string("text")
                }
            replace(wrong, "\(here): \(wrong.serialized) (wrong type, \(type) expected)")
            // A boolean is no number (some languages count `true` as 1).
            if type == "integer" || type == "number" { replace(.bool(true), "\(here): true (wrong type, \(type) expected)") }
            if type != "null" { replace(.null, "\(here): null (not nullable: leave it out or give a value)") }
        }
        if case .string = value {
            if case .string? = schema["pattern"] {
                replace(.string("!not-valid!"), "\(here): breaks its pattern")
                // Near misses of the valid value, which a lenient reader takes for it (`600000`
                // or `6E+5` for `600000.00`): kept only where the schema refuses them.
                for (nearMiss, how) in nearMisses(of: value) { replace(.string(nearMiss), "\(here): \(nearMiss.debugDescription) (\(how))") }
            }
            if location.tokens.last.map({ name in requiredNames(of: parentSchema).contains(name) }) == true {
                replace(.string(""), "\(here): an empty string (a mandatory field left empty is missing)")
            }
            if case .number(let limit)? = schema["maxLength"], let maximum = Int(limit), maximum < 10_000 {
                replace(.string(String(repeating: "A", count: maximum + 1)), "\(here): \(maximum + 1) characters, at most \(maximum) allowed")
            }
            if schema["const"] != nil || schema["enum"] != nil { replace(.string("NOT-AN-OPTION"), "\(here): not an allowed value") }
        }
        if case .number = value {
            if case .number(let limit)? = schema["maximum"], let maximum = Int(limit) {
                replace(.number(String(maximum + 1)), "\(here): above its maximum")
            }
            if case .number(let limit)? = schema["minimum"], let minimum = Int(limit) {
                replace(.number(String(minimum - 1)), "\(here): below its minimum")
            }
        }
        guard case .object(let members) = value, case .object(let properties)? = schema["properties"] else { return }
        if case .array(let required)? = schema["required"] {
            for case .string(let name) in required where members.contains(where: { $0.key == name }) {
                candidates.append(
                    NegativePayload(
                        description: "without \(location.appending(name).description)",
                        body: root.removing(at: location.appending(name).tokens[...])))
            }
        }
        for (name, _) in properties {
            guard let child = members.last(where: { $0.key == name })?.value else { continue }
            collect(
                schemaAt: referent(of: pointer).appending("properties").appending(name), value: child, at: location.appending(name), root: root,
                into: &candidates, depth: depth + 1, parentSchema: schema)
        }
    }
}

extension Contract {
    /// A field `operation`'s request schema requires, at any depth, present in a valid body.
    public struct MandatoryField: Sendable {
        public let pointer: JSONPointer
        /// Whether it is a string (an empty one counts as missing).
        public let isString: Bool
    }

    /// Every field the request schema of `operation` requires that `valid` carries, outermost first.
    public func mandatoryFields(of operation: ContractOperation, in valid: JSONValue) -> [MandatoryField] {
        guard let pointer = operation.requestSchema else { return [] }
        var fields: [MandatoryField] = []
        func walk(_ pointer: JSONPointer, _ value: JSONValue, _ location: JSONPointer, depth: Int) {
            guard depth < 4, let schema = schema(at: pointer), case .object(let members) = value else { return }
            for name in requiredNames(of: schema) {
                guard let child = members.last(where: { $0.key == name })?.value else { continue }
                if case .string = child {
                    fields.append(MandatoryField(pointer: location.appending(name), isString: true))
                } else {
                    fields.append(MandatoryField(pointer: location.appending(name), isString: false))
                }
                walk(referent(of: pointer).appending("properties").appending(name), child, location.appending(name), depth: depth + 1)
            }
        }
        walk(pointer, valid, JSONPointer(), depth: 0)
        return fields
    }
}

/// The names an object schema requires.
func requiredNames(of schema: JSONValue?) -> [String] {
    guard case .array(let required)? = schema?["required"] else { return [] }
    return required.compactMap { if case .string(let name) = $0 { name } else { nil } }
}

/// Strings one slip away from `value`, each with what the slip is: the last character dropped or
/// doubled, cut at its decimal point, the digits alone, in exponent form, with a space around it.
func nearMisses(of value: JSONValue) -> [(String, String)] {
    guard case .string(let text) = value, !text.isEmpty else { return [] }
    var misses: [(String, String)] = [
        (String(text.dropLast()), "its last character dropped"), (text + String(text.last!), "its last character doubled"),
        (" " + text, "a space before it"), (text + "\n", "a newline after it"),
    ]
    // Its digits in another script (full-width), which a Unicode-minded digit test passes.
    if text.contains(where: \.isASCII) && text.contains(where: \.isNumber) {
        let wide = String(
            text.unicodeScalars.map { $0.value >= 0x30 && $0.value <= 0x39 ? Character(UnicodeScalar($0.value - 0x30 + 0xFF10)!) : Character($0) })
        misses.append((wide, "its digits full-width"))
    }
    if let point = text.firstIndex(of: ".") { misses.append((String(text[..<point]), "without its decimals")) }
    let digits = text.filter(\.isNumber)
    if digits.count != text.count, !digits.isEmpty { misses.append((digits, "its digits alone")) }
    if let number = Double(text), number >= 10, number.rounded() == number {
        let mantissa = String(format: "%g", number / pow(10, floor(log10(number))))
        misses.append(("\(mantissa)E+\(Int(floor(log10(number))))", "in exponent form"))
    }
    return misses.filter { $0.0 != text }
}

extension JSONValue {
    /// This value with the member or item at `path` replaced.
    func replacing(at path: ArraySlice<String>, with replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        switch self {
        case .object(let members):
            return .object(members.map { $0.key == first ? ($0.key, $0.value.replacing(at: path.dropFirst(), with: replacement)) : $0 })
        case .array(let items):
            guard let index = Int(first), items.indices.contains(index) else { return self }
            var copy = items
            copy[index] = items[index].replacing(at: path.dropFirst(), with: replacement)
            return .array(copy)
        default:
            return self
        }
    }

    /// This value without the object member at `path`.
    func removing(at path: ArraySlice<String>) -> JSONValue {
        guard let first = path.first, case .object(let members) = self else { return self }
        if path.count == 1 { return .object(members.filter { $0.key != first }) }
        return .object(members.map { $0.key == first ? ($0.key, $0.value.removing(at: path.dropFirst())) : $0 })
    }
}

extension Contract {
    /// Targets the contract forbids for `operation`, each `valid` (a target it accepts, path and
    /// query) with one parameter broken, from the schemas of its query parameters: an integer just
    /// outside its bounds, not a number, with a fraction or in digits other than ASCII ones; a
    /// value outside an enumeration or one of its values in another case; a string over its
    /// maximum length, or a date-time without its offset. The other parameters stay as they were, so only the one fault is refused.
    public func negativeQueries(for operation: ContractOperation, valid: String) -> [(target: String, description: String)] {
        var queries: [(String, String)] = []
        func add(_ name: String, _ value: String, _ description: String) {
            queries.append((RequestTarget.setting(name, to: ProgramSignedClient.percentEncoded(value), in: valid), "\(name) \(description)"))
        }
        for (name, schema) in operation.queryParameters {
            let types: [String] =
                switch schema["type"] {
                case .string(let type)?: [type]
                case .array(let types)?: types.compactMap { if case .string(let type) = $0 { type } else { nil } }
                default: []
                }
            if types.contains("integer") || types.contains("number") {
                if case .number(let text)? = schema["minimum"], let minimum = Int(text) {
                    add(name, String(minimum - 1), "below its minimum \(minimum)")
                }
                if case .number(let text)? = schema["maximum"], let maximum = Int(text) {
                    add(name, String(maximum + 1), "above its maximum \(maximum)")
                }
                if !types.contains("string") {
                    add(name, "ten", "not a number")
                    if types.contains("integer") {
                        // Read with a float parser and truncated, or with a Unicode digit test.
                        let inRange = Self.valueInRange(schema)
                        add(name, "\(inRange).5", "with a fraction (an integer)")
                        add(name, "\u{00B2}", "a superscript digit (not an ASCII one)")
                        add(name, "99999999999999999999", "too large for a 64-bit integer")
                        add(
                            name, String(String(inRange).unicodeScalars.map { Character(UnicodeScalar($0.value - 0x30 + 0xFF10)!) }),
                            "in full-width digits")
                    }
                }
            }
            if case .array(let values)? = schema["enum"] {
                let known = Set(values.map(\.serialized))
                if !known.contains("\"no-such-value\"") { add(name, "no-such-value", "not one of its values") }
                // A value in another case is no value of the enumeration (compared exactly).
                for case .string(let value) in values.prefix(1) where !known.contains(JSONValue.string(value.uppercased()).serialized) {
                    if value.uppercased() != value { add(name, value.uppercased(), "one of its values in upper case") }
                }
            }
            if types.contains("string"), schema["format"]?.text == "date-time" {
                add(name, "2021-11-01T00:00:00", "a date-time without its offset")
            }
            if case .number(let text)? = schema["maxLength"], let maximum = Int(text), maximum < 2_000 {
                add(name, String(repeating: "x", count: maximum + 1), "over its maximum length \(maximum)")
            }
        }
        return queries
    }

    /// An integer inside `schema`'s bounds (its minimum, or 1).
    static func valueInRange(_ schema: JSONValue) -> Int {
        if case .number(let text)? = schema["minimum"], let minimum = Int(text) { return max(minimum, 1) }
        return 1
    }

    /// Targets the contract forbids for `operation`, each `valid` with one path parameter outside
    /// its schema: in lower or upper case, with a character its pattern does not allow, or over
    /// 200 characters. Each is kept only when the contract's own schema refuses it (a code whose
    /// pattern allows lower case is not broken by lower-casing it).
    public func negativePaths(for operation: ContractOperation, valid: String) -> [(target: String, description: String)] {
        let parts = valid.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query = parts.count > 1 ? "?" + parts[1] : ""
        let segments = parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let template = operation.template.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count == template.count else { return [] }
        var targets: [(String, String)] = []
        for (index, piece) in template.enumerated() where piece.hasPrefix("{") && piece.hasSuffix("}") {
            let name = String(piece.dropFirst().dropLast())
            guard let schema = operation.pathParameters.first(where: { $0.name == name })?.schema,
                let value = segments[index].removingPercentEncoding, !value.isEmpty
            else { continue }
            let candidates = [
                (value.lowercased(), "in lower case"), (value.uppercased(), "in upper case"), (value + "!", "with a character outside its pattern"),
                (String(repeating: value, count: 200 / value.count + 1), "over 200 characters"),
            ]
            for (candidate, how) in candidates where candidate != value && !validate(.string(candidate), against: schema).isEmpty {
                var broken = segments
                broken[index] = ProgramSignedClient.percentEncoded(candidate)
                targets.append((broken.joined(separator: "/") + query, "\(name) \(how)"))
            }
        }
        return targets
    }
}

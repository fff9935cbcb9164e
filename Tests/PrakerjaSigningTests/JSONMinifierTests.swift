import Foundation
import PrakerjaSigning
import Testing

@Suite struct JSONMinifierTests {
    func minified(_ text: String) throws(JSONSyntaxError) -> String {
        String(decoding: try JSONMinifier.minify(Data(text.utf8)), as: UTF8.self)
    }

    @Test(arguments: [
        (" { \"a\" : 1 ,\n\t\"b\" : [ true , false , null ] } ", #"{"a":1,"b":[true,false,null]}"#),
        (#"{"s":"keep  these   spaces","e":"\"quoted\" \\ \/ \u00e9"}"#, #"{"s":"keep  these   spaces","e":"\"quoted\" \\ \/ \u00e9"}"#),
        ("[ -0 , 1.50 , 2e10 , -3.25E-2 , 0.0 ]", "[-0,1.50,2e10,-3.25E-2,0.0]"),
        ("\"top-level string\"", "\"top-level string\""),
        ("  42  ", "42"),
        ("{\"nama\" : \"Pelatihan — bulan ke-1 ☕\"}", "{\"nama\":\"Pelatihan — bulan ke-1 ☕\"}"),
        ("{ }", "{}"),
        ("[\n]", "[]"),
        (
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ 1 ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
        ),
    ])
    func stripsOnlyInsignificantWhitespace(_ input: String, _ expected: String) throws {
        #expect(try minified(input) == expected)
    }

    @Test(arguments: [
        ("", 0, "no JSON value (the body is empty or only whitespace)"),
        ("   ", 3, "no JSON value (the body is empty or only whitespace)"),
        ("{\"a\":1,}", 7, "expected an object key in double quotes, found '}'"),
        ("{\"a\" 1}", 5, "expected ':' after an object key, found '1'"),
        ("[1 2]", 3, "expected ',' or ']', found '2'"),
        ("[1,2", 4, "unexpected end of the body inside an array"),
        ("{\"a\":[1}", 7, "'}' does not close the open container"),
        ("{\"a\":01}", 6, "numbers must not have leading zeros"),
        ("[1.]", 3, "a decimal point must be followed by digits"),
        ("[1e]", 3, "an exponent needs digits"),
        ("[-]", 2, "a number needs digits after '-'"),
        ("[tru]", 1, "expected true"),
        ("{'a':1}", 1, "expected an object key in double quotes, found '''"),
        ("\"unterminated", 0, "string is not terminated"),
        ("\"bad \\x escape\"", 5, "invalid escape \\'x'"),
        ("\"bad \\u12 escape\"", 5, "\\u must be followed by four hex digits"),
        ("\"tab\tinside\"", 4, "control character byte 0x9 must be escaped inside a string"),
        ("{} {}", 3, "unexpected '{' after the end of the JSON value"),
        ("amount=600000", 0, "expected a JSON value, found 'a'"),
    ])
    func refusesInvalidJSONWithOffsetAndReason(_ input: String, _ offset: Int, _ reason: String) {
        #expect(throws: JSONSyntaxError(offset: offset, reason: reason)) { try minified(input) }
    }

    @Test func refusesInvalidUTF8InsideStrings() {
        for bytes: [UInt8] in [
            [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22],
        ] {
            #expect(throws: JSONSyntaxError.self) { try JSONMinifier.minify(bytes) }
        }
        #expect(throws: JSONSyntaxError(offset: 0, reason: "expected a JSON value, found byte 0xEF")) {
            try JSONMinifier.minify([0xEF, 0xBB, 0xBF, 0x7B, 0x7D])  // a byte-order mark is not JSON
        }
    }

    /// Strings are skipped eight bytes at a time: whatever needs a look (a quote, an escape, a
    /// control character, UTF-8) is found at every offset within and across those words.
    @Test func everyOffsetInALongStringIsLookedAt() throws {
        for offset in 0..<20 {
            let pad = [UInt8](repeating: UInt8(ascii: "a"), count: offset), tail = [UInt8](repeating: UInt8(ascii: "z"), count: 11)
            for special: [UInt8] in [Array(#"\""#.utf8), Array(#"\u00e9"#.utf8), Array("é".utf8), Array("😀".utf8), Array(#"\\"#.utf8)] {
                let document = Array("{\"k\": \"".utf8) + pad + special + tail + Array("\" }".utf8)
                let expected = Array("{\"k\":\"".utf8) + pad + special + tail + Array("\"}".utf8)
                #expect(try JSONMinifier.minify(document) == expected, "offset \(offset), \(special)")
            }
            let start = Array("[\"".utf8).count + offset
            #expect(throws: JSONSyntaxError(offset: start, reason: "control character byte 0x1 must be escaped inside a string")) {
                try JSONMinifier.minify(Array("[\"".utf8) + pad + [0x01] + tail + Array("\"]".utf8))
            }
            #expect(throws: JSONSyntaxError(offset: start, reason: "invalid UTF-8 byte byte 0xFF")) {
                try JSONMinifier.minify(Array("[\"".utf8) + pad + [0xFF] + tail + Array("\"]".utf8))
            }
            #expect(throws: JSONSyntaxError(offset: 0, reason: "string is not terminated")) {
                try JSONMinifier.minify(Array("\"".utf8) + pad + tail)
            }
        }
    }

    @Test func refusesExcessiveNesting() throws {
        let deep = String(repeating: "[", count: JSONMinifier.maximumDepth + 1) + String(repeating: "]", count: JSONMinifier.maximumDepth + 1)
        #expect(throws: JSONSyntaxError(offset: JSONMinifier.maximumDepth, reason: "containers nested deeper than 512")) { try minified(deep) }
        let allowed = String(repeating: "[{\"k\":", count: 200) + "1" + String(repeating: "}]", count: 200)
        #expect(try minified(allowed) == allowed)
    }

    /// Every valid document is unchanged by minifying its own minified form, and Foundation parses it to the same value.
    @Test func agreesWithFoundationOnGeneratedDocuments() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let pretty = try JSONSerialization.data(withJSONObject: ["v": value], options: [.prettyPrinted])
            let once = try JSONMinifier.minify(pretty)
            #expect(try JSONMinifier.minify(once) == once)
            let reparsed = try JSONSerialization.jsonObject(with: Data(once)) as? NSDictionary
            let original = try JSONSerialization.jsonObject(with: pretty) as? NSDictionary
            #expect(reparsed == original)
        }
    }

    static func randomValue(depth: Int, using generator: inout SystemRandomNumberGenerator) -> Any {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator) {
        case 0: return Int.random(in: -1_000_000...1_000_000, using: &generator)
        case 1: return ["a b", "tab\tand\nnewline", "quote\" and \\", "é ☕ 日本", ""].randomElement(using: &generator)!
        case 2: return Bool.random(using: &generator)
        case 3: return NSNull()
        case 4: return (0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) }
        default:
            var object: [String: Any] = [:]
            for index in 0..<Int.random(in: 0...4, using: &generator) { object["k \(index)"] = randomValue(depth: depth + 1, using: &generator) }
            return object
        }
    }
}

import Foundation
import PrakerjaModels
import Testing

@testable import PrakerjaSchema

/// The tape reads exactly the documents the kit's JSON parser reads, and gives back the same values.
@Suite struct JSONTapeTests {
    static let documents = [
        #"{"a":[1,-2.5e3,true,false,null],"b":{"c":"d"},"e":[]}"#, #"  [ {} , [ ] , "" ]  "#, #""caf\u00e9 \"quoted\" \\ \n""#, "0", "-0.0E+1",
        #"{"k\u00e9y":"v","k\u00e9y":"w"}"#, #""Jalan Sudirman No. 5, Jakarta — 🐲""#, #"{"a":{"b":{"c":[[[1]]]}}}"#,
        // Not JSON:
        "", "[1,]", "{\"a\"}", "{\"a\":1,}", "01", "1.", "-", "1e", "[1 2]", "\"tab\there\"", "\"unterminated", "tru", "nul", "[1]]",
        #""\ud800""#, #""\x41""#, "{'a':1}", "[1] x", "\u{FEFF}[]",
    ]

    @Test(arguments: documents)
    func readsWhatTheParserReadsAndGivesTheSameValue(_ document: String) {
        let bytes = Array(document.utf8)
        let tree = try? JSONValue.parse(bytes)
        let tape = JSONTape(parsing: bytes)
        #expect(
            (tape == nil) == (tree == nil),
            "\(document): the tape \(tape == nil ? "refuses" : "reads") it, the parser \(tree == nil ? "refuses" : "reads") it")
        if let tape, let tree { #expect(tape.value(at: 0).serialized == tree.serialized) }
    }

    @Test func stringsAreReadEightBytesAtATimeWithoutMissingWhatStopsThem() {
        // An escape, a raw control character, a non-ASCII letter or the closing quote at every
        // offset of a long string: the tape reads (or refuses) each as the parser does.
        for special in [#"\""#, #"\\"#, "\u{01}", "\u{1F}", "é", "🐲", #"\u00e9"#, "\u{7F}"] {
            for offset in 0..<20 {
                let document = "[\"" + String(repeating: "a", count: offset) + special + String(repeating: "b", count: 19 - offset) + "\"]"
                let tree = try? JSONValue.parse(Array(document.utf8))
                let tape = JSONTape(parsing: Array(document.utf8))
                #expect((tape == nil) == (tree == nil), "\(document.debugDescription)")
                if let tape, let tree { #expect(tape.value(at: 0).serialized == tree.serialized, "\(document.debugDescription)") }
            }
        }
    }

    @Test func invalidUTF8IsRefusedAsTheParserRefusesIt() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x28, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect(JSONTape(parsing: bytes) == nil)
            #expect((try? JSONValue.parse(bytes)) == nil)
        }
    }

    @Test func nestingBeyondTheParsersLimitIsRefused() {
        let deep =
            String(repeating: "[", count: CompactJSONDecoder.maximumDepth + 1) + String(repeating: "]", count: CompactJSONDecoder.maximumDepth + 1)
        #expect(JSONTape(parsing: Array(deep.utf8)) == nil)
        let allowed = String(repeating: "[", count: CompactJSONDecoder.maximumDepth) + String(repeating: "]", count: CompactJSONDecoder.maximumDepth)
        #expect(JSONTape(parsing: Array(allowed.utf8)) != nil)
    }

    @Test func keysAreFoundInAnyOrderAmongManyPropertiesAndWhenEscaped() throws {
        // Twenty properties (looked up by hash past the guess), every other one required and a string.
        let names = (0..<20).map { "field\($0)" }
        let properties = names.enumerated().map { #""\#($1)":{"type":"\#($0 % 2 == 0 ? "string" : "integer")"}"# }.joined(separator: ",")
        let required = names.enumerated().filter { $0.offset % 2 == 0 }.map { #""\#($1)""# }.joined(separator: ",")
        var registry = SchemaRegistry()
        registry.add(
            try JSONValue.parse(Array(#"{"properties":{\#(properties)},"required":[\#(required)],"additionalProperties":false}"#.utf8)),
            uri: "urn:many")
        let validator = JSONSchemaValidator(registry: registry)
        let members = names.enumerated().map { #""\#($1)":\#($0 % 2 == 0 ? "\"x\"" : "1")"# }
        let cases = [
            members.reversed().joined(separator: ","), members.shuffled().joined(separator: ","),
            members.dropFirst().joined(separator: ","), (members + [#""field3":"one""#]).joined(separator: ","),
            (members + [#""other":1"#]).joined(separator: ","),
            members.joined(separator: ",").replacingOccurrences(of: #""field0""#, with: #""fi\u0065ld0""#),
        ]
        for body in cases {
            let document = Array("{\(body)}".utf8)
            let tape = try #require(JSONTape(parsing: document))
            #expect(
                validator.isValid(tape, against: "urn:many") == validator.validate(try JSONValue.parse(document), against: "urn:many").isEmpty,
                "\(body)")
        }
    }

    @Test func aReferenceToNothingLoadedIsInvalidOnBothPaths() throws {
        var registry = SchemaRegistry()
        registry.add(try JSONValue.parse(Array(##"{"properties":{"a":{"$ref":"#/$defs/none"}}}"##.utf8)), uri: "urn:dangling")
        let validator = JSONSchemaValidator(registry: registry)
        for body in [#"{"a":1}"#, #"{"b":1}"#] {
            let tape = try #require(JSONTape(parsing: Array(body.utf8)))
            let full = validator.validate(try JSONValue.parse(Array(body.utf8)), against: "urn:dangling")
            #expect(validator.isValid(tape, against: "urn:dangling") == full.isEmpty, "\(body): \(full)")
        }
        #expect(!validator.isValid(try #require(JSONTape(parsing: Array(#"{"a":1}"#.utf8))), against: "urn:dangling"))
    }

    @Test func emptyAndEscapedStringsCompareAsTheFullEvaluationComparesThem() throws {
        var registry = SchemaRegistry()
        registry.add(try JSONValue.parse(Array(#"{"properties":{"":{"enum":["","x"]}},"required":[""]}"#.utf8)), uri: "urn:empty")
        let validator = JSONSchemaValidator(registry: registry)
        for body in [#"{"":""}"#, #"{"":"x"}"#, #"{"":"y"}"#, #"{"":"\u0078"}"#, #"{"\u0000":""}"#, "{}"] {
            let tape = try #require(JSONTape(parsing: Array(body.utf8)))
            #expect(
                validator.isValid(tape, against: "urn:empty")
                    == validator.validate(try JSONValue.parse(Array(body.utf8)), against: "urn:empty").isEmpty, "\(body)")
        }
    }

    @Test func theFastPathAndTheFullEvaluationAgreeOnAContractsResponses() throws {
        // Every vacancy page of the benchmark's kind, valid and broken in the ways a partner breaks them.
        var registry = SchemaRegistry()
        let schema = try JSONValue.parse(
            Array(
                #"{"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"type":"object","required":["id","location","postedAt"],"properties":{"id":{"type":"string","maxLength":5},"location":{"type":"string","pattern":"^[0-9]{2}(\\.[0-9]{2})?$"},"postedAt":{"type":"string","format":"date-time"},"salary":{"type":"integer","minimum":0},"kind":{"enum":["full-time","part-time"]}},"additionalProperties":false}}}}"#
                    .utf8))
        registry.add(schema, uri: "urn:page")
        let validator = JSONSchemaValidator(registry: registry, assertFormats: true)
        let item = #"{"id":"V1","location":"32.73","postedAt":"2021-11-02T13:14:15+07:00","salary":5,"kind":"full-time"}"#
        var cases = [
            item, item.replacingOccurrences(of: "32.73", with: "32.7"), item.replacingOccurrences(of: "+07:00", with: ""),
            item.replacingOccurrences(of: "\"V1\"", with: "\"V123456\""), item.replacingOccurrences(of: "5,", with: "-5,"),
            item.replacingOccurrences(of: "5,", with: "5.5,"), item.replacingOccurrences(of: "5,", with: "5.0,"),
            item.replacingOccurrences(of: "full-time", with: "full\\u002dtime"), item.replacingOccurrences(of: "full-time", with: "gig"),
            item.replacingOccurrences(of: "\"kind\"", with: "\"extra\""), item.replacingOccurrences(of: "\"id\":\"V1\",", with: ""),
            item.replacingOccurrences(of: "\"V1\"", with: "\"V\\u00e9\""),
        ]
        // Whole or not by their exponent; an enum option found by hash, and its key escaped.
        let more: [(String, String)] = [
            ("5,", "5e2,"), ("5,", "5E-1,"), ("5,", "-0,"), ("\"kind\"", "\"\\u006bind\""), ("full-time", "part-time"),
            ("full-time", "full-tim"),
        ]
        for (text, replacement) in more { cases.append(item.replacingOccurrences(of: text, with: replacement)) }
        for body in cases {
            let document = Array(#"{"items":[\#(body)]}"#.utf8)
            let tape = try #require(JSONTape(parsing: document))
            #expect(
                validator.isValid(tape, against: "urn:page") == validator.validate(try JSONValue.parse(document), against: "urn:page").isEmpty,
                "\(body)")
        }
    }
}

import Foundation
import PrakerjaModels
import Testing

/// The compact decoder reads what Foundation's `JSONDecoder` reads, and fails where it fails.
@Suite struct CompactJSONDecoderTests {
    static let sample = #"""
        { "id": 9223372036854775807, "small": 255, "ok": true, "text": "esc \" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00 ☕",
          "nested": {"name": "n", "tags": ["a", ""], "score": -1.5e3}, "list": [{"name": "x", "tags": [], "score": null}],
          "matrix": [[1, 2], [], [-3]], "map": {"k": 1, "k2": 2}, "amount": 600000, "date": "2021-11-02",
          "unknown": {"ignored": [1, {"deep": true}]}, "nik": "3273014508950001" }
        """#

    @Test func decodesWhatFoundationDecodes() throws {
        let compact = try CompactJSONDecoder().decode(JSONFixture.Outer.self, from: Array(Self.sample.utf8))
        let foundation = try JSONDecoder().decode(JSONFixture.Outer.self, from: Data(Self.sample.utf8))
        #expect(compact == foundation)
        #expect(compact.text.hasSuffix("é 😀 ☕"))
        #expect(compact.nested.score == -1500)
    }

    @Test func aStrictDecoderRefusesNullForAnOptionalAndNamesWhere() throws {
        struct Request: Decodable {
            struct Part: Decodable { let note: String? }
            let name: String
            let part: Part
        }
        let body = Array(#"{"name": "x", "part": {"note": null}}"#.utf8)
        #expect(try CompactJSONDecoder().decode(Request.self, from: body).part.note == nil, "lenient: null reads as absent")
        #expect {
            _ = try CompactJSONDecoder(refusesNullForOptionals: true).decode(Request.self, from: body)
        } throws: { error in
            guard case .typeMismatch(_, let context) = error as? DecodingError else { return false }
            return context.codingPath.map(\.stringValue) == ["part", "note"] && context.debugDescription.contains("leave the field out")
        }
        let absent = Array(#"{"name": "x", "part": {}}"#.utf8)
        #expect(try CompactJSONDecoder(refusesNullForOptionals: true).decode(Request.self, from: absent).part.note == nil, "strict: absent is fine")
    }

    @Test func aDecoderThatRefusesDuplicateKeysNamesTheKeyAndWhere() throws {
        struct Request: Decodable {
            struct Info: Decodable { let month: Int }
            let reference: String
            let info: Info
        }
        let outer = Array(#"{"reference":"A","info":{"month":1},"reference":"B"}"#.utf8)
        let inner = Array(#"{"reference":"A","info":{"month":1,"month":2}}"#.utf8)
        #expect(try CompactJSONDecoder().decode(Request.self, from: outer).reference == "B", "by default the last wins")
        #expect(throws: DuplicateKeyError(key: "reference", location: "")) {
            try CompactJSONDecoder(refusesDuplicateKeys: true).decode(Request.self, from: outer)
        }
        #expect(throws: DuplicateKeyError(key: "month", location: "/info")) {
            try CompactJSONDecoder(refusesDuplicateKeys: true).decode(Request.self, from: inner)
        }
    }

    @Test func roundTripsWithTheStreamingEncoder() throws {
        let value = try JSONDecoder().decode(JSONFixture.Outer.self, from: Data(Self.sample.utf8))
        #expect(try CompactJSONDecoder().decode(JSONFixture.Outer.self, from: StreamingJSONEncoder().encode(value)) == value)
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "1e", "\"\\x\"", "\"\\u12\"", "\"\t\"",
        "\"\\ud83d\"", "\"\\ude00\"", "{} {}", "tru", "nul", "[1 2]", "{'a':1}",
    ])
    func refusesInvalidJSONLikeFoundation(_ text: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(JSONFixture.Inner?.self, from: Data(text.utf8)) }
        #expect {
            try CompactJSONDecoder().decode(JSONFixture.Inner?.self, from: Array(text.utf8))
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.codingPath.isEmpty && context.debugDescription.hasPrefix("The given data was not valid JSON")
        }
    }

    /// SNAP's rule: a field sent empty is a field left out, mandatory or optional; off, it is a value.
    @Test func emptyStringsAreMissingWhenAsked() throws {
        struct Named: Decodable { let name: String, note: String? }
        let snap = CompactJSONDecoder(emptyStringsAreMissing: true)
        #expect {
            try snap.decode(Named.self, from: Array(#"{"name":"","note":"x"}"#.utf8))
        } throws: { error in
            guard case .keyNotFound(let key, _) = error as? DecodingError else { return false }
            return key.stringValue == "name"
        }
        #expect(try snap.decode(Named.self, from: Array(#"{"name":"a","note":""}"#.utf8)).note == nil)
        #expect(try CompactJSONDecoder().decode(Named.self, from: Array(#"{"name":"","note":""}"#.utf8)).note == "")
    }

    @Test func refusesInvalidUTF8AndDeepNesting() throws {
        #expect(throws: DecodingError.self) { try CompactJSONDecoder().decode(String.self, from: [0x22, 0xC3, 0x28, 0x22]) }
        // ASCII skips validation; anything else is validated, escaped or not, as a key or a value.
        #expect(throws: DecodingError.self) { try CompactJSONDecoder().decode(String.self, from: [0x22, 0x61, 0x62, 0xFF, 0x22]) }
        #expect(throws: DecodingError.self) { try CompactJSONDecoder().decode(String.self, from: [0x22, 0x5C, 0x6E, 0xED, 0xA0, 0x80, 0x22]) }
        #expect(throws: DecodingError.self) {
            try CompactJSONDecoder().decode([String: Int].self, from: [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D])
        }
        #expect(try CompactJSONDecoder().decode(String.self, from: Array(#""Rp 1.000 · Jakarta é""#.utf8)) == "Rp 1.000 · Jakarta é")
        #expect(try CompactJSONDecoder().decode(String.self, from: Array(#""plain ascii""#.utf8)) == "plain ascii")
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: DecodingError.self) { try CompactJSONDecoder().decode([String].self, from: Array(deep.utf8)) }
    }

    /// The same error, at the same path, for each kind of mistake, so `FieldError` reads the same.
    @Test(arguments: [
        #"{"tags":[],"score":1}"#,  // missing name
        #"{"name":1,"tags":[],"score":1}"#,  // wrong type
        #"{"name":null,"tags":[],"score":1}"#,  // null
        #"{"name":"n","tags":["a",2],"score":1}"#,  // wrong type in an array
        #"{"name":"n","tags":"a","score":1}"#,  // array expected
        #"[]"#,  // object expected
    ])
    func errorsMatchFoundation(_ text: String) {
        func fieldError(_ decode: () throws -> JSONFixture.Inner) -> FieldError? {
            do {
                _ = try decode()
                return nil
            } catch let error as DecodingError {
                return FieldError(error)
            } catch {
                return nil
            }
        }
        let foundation = fieldError { try JSONDecoder().decode(JSONFixture.Inner.self, from: Data(text.utf8)) }
        let compact = fieldError { try CompactJSONDecoder().decode(JSONFixture.Inner.self, from: Array(text.utf8)) }
        #expect(foundation != nil)
        #expect(compact?.field == foundation?.field, "\(text)")
        #expect(compact?.reason == foundation?.reason, "\(text)")
    }

    @Test func validationErrorsKeepTheirPath() throws {
        struct Holder: Decodable { let amount: SNAPAmount }
        do {
            _ = try CompactJSONDecoder().decode(Holder.self, from: Array(#"{"amount":{"value":"600000.5","currency":"IDR"}}"#.utf8))
            Issue.record("an invalid amount decoded")
        } catch let error as DecodingError {
            #expect(FieldError(error) == FieldError(field: "amount.value", reason: "must have exactly two decimals, like \"600000.00\"; got 1"))
        }
        #expect(throws: DecodingError.self) { try CompactJSONDecoder().decode(UInt8.self, from: Array("256".utf8)) }
    }

    /// A value a wire enumeration does not have is refused naming what it may be.
    @Test func anUnknownEnumerationValueNamesTheValuesItMayTake() throws {
        struct Holder: Decodable { let method: LearningMethod }
        do {
            _ = try CompactJSONDecoder().decode(Holder.self, from: Array(#"{"method":"seminar"}"#.utf8))
            Issue.record("an unknown method decoded")
        } catch let error as DecodingError {
            #expect(FieldError(error) == FieldError(field: "method", reason: #"expected one of self-paced, webinar, offline, hybrid, got "seminar""#))
        }
        #expect(try CompactJSONDecoder().decode(Holder.self, from: Array(#"{"method":"hybrid"}"#.utf8)).method == .hybrid)
    }
}

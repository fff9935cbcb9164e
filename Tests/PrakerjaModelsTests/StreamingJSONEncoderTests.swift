import Foundation
import PrakerjaModels
import Testing

/// The streaming encoder writes the same JSON as Foundation's `JSONEncoder`.
@Suite struct StreamingJSONEncoderTests {
    /// A type that writes nested containers by hand, in the order Codable allows.
    struct Handwritten: Encodable {
        enum Keys: String, CodingKey { case a, b, c, d }
        func encode(to encoder: any Encoder) throws {
            var root = encoder.container(keyedBy: Keys.self)
            var nested = root.nestedContainer(keyedBy: Keys.self, forKey: .a)
            try nested.encode(1, forKey: .b)
            var list = nested.nestedUnkeyedContainer(forKey: .c)
            try list.encode("x")
            try list.encodeNil()
            try root.encode(true, forKey: .b)
            try root.encodeNil(forKey: .c)
            var trailing = root.nestedUnkeyedContainer(forKey: .d)
            var inner = trailing.nestedContainer(keyedBy: Keys.self)
            try inner.encode(2.5, forKey: .a)
        }
    }

    func same(_ value: some Encodable) throws {
        let foundation = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: .fragmentsAllowed)
        let streamed = try StreamingJSONEncoder().encode(value)
        let parsed = try JSONSerialization.jsonObject(with: Data(streamed), options: .fragmentsAllowed)
        #expect(NSArray(object: parsed).isEqual(NSArray(object: foundation)), "\(String(decoding: streamed, as: UTF8.self))")
    }

    @Test func matchesFoundationOnNestedStructures() throws {
        let inner = JSONFixture.Inner(
            name: "quote \" backslash \\ tab \t newline \n unicode é ☕ control \u{01}", tags: ["a", "", "c/d"], score: 0.25)
        let outer = JSONFixture.Outer(
            id: Int64.max, small: 7, ok: false, text: "Pelatihan — bulan ke-1", nested: inner,
            list: [inner, JSONFixture.Inner(name: "", tags: [], score: nil)], optional: nil, matrix: [[1, 2], [], [-3]],
            map: ["x": 1], amount: 600_000, date: try CalendarDate("2021-11-02"), nik: nil)
        try same(outer)
        try same([outer, outer])
        try same(Handwritten())
        try same("top-level string")
        try same(42)
        try same([Int]())
        try same(["k": [1.5, -0.0, 1e20]])
    }

    @Test func handwrittenContainersCloseInOrder() throws {
        let text = String(decoding: try StreamingJSONEncoder().encode(Handwritten()), as: UTF8.self)
        #expect(text == #"{"a":{"b":1,"c":["x",null]},"b":true,"c":null,"d":[{"a":2.5}]}"#)
    }

    @Test func refusesNonFiniteNumbers() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Double.infinity]) }
    }
}

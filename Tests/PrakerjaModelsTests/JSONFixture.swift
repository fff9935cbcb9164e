import PrakerjaModels

/// Nested Codable shapes for the JSON encoder and decoder tests.
enum JSONFixture {
    struct Inner: Codable, Equatable {
        let name: String
        let tags: [String]
        let score: Double?
    }

    struct Outer: Codable, Equatable {
        let id: Int64
        let small: UInt8
        let ok: Bool
        let text: String
        let nested: Inner
        let list: [Inner]
        let optional: Inner?
        let matrix: [[Int]]
        let map: [String: Int]
        let amount: Rupiah
        let date: CalendarDate
        let nik: NIK?
    }
}

/// An Indonesian province, by its two-digit Ministry of Home Affairs (Kemendagri) code.
///
/// The code is the one in the first two digits of a NIK and in regional codes (`32.73`).
/// The program's 2021 numbers count 34 provinces; the four Papua provinces created in 2022
/// are listed too, because NIKs and vacancies carry their codes now.
public struct Province: Hashable, Sendable, WireValue, CustomStringConvertible {
    /// Two digits, e.g. `"32"` for Jawa Barat.
    public let code: String
    public let name: String
    /// The year the province was created, for those created after the program started.
    public let establishedIn: Int?

    /// Looks a province up by its code.
    public init(code: String) throws(FieldError) {
        guard let province = Self.byCode[code] else {
            throw FieldError(field: "", reason: "\"\(code.prefix(4))\" is not a Kemendagri province code")
        }
        self = province
    }

    private init(_ code: String, _ name: String, establishedIn: Int? = nil) {
        self.code = code
        self.name = name
        self.establishedIn = establishedIn
    }

    public var description: String { "\(code) \(name)" }

    /// All provinces, in code order.
    public static let all: [Province] = [
        Province("11", "Aceh"), Province("12", "Sumatera Utara"), Province("13", "Sumatera Barat"),
        Province("14", "Riau"), Province("15", "Jambi"), Province("16", "Sumatera Selatan"),
        Province("17", "Bengkulu"), Province("18", "Lampung"), Province("19", "Kepulauan Bangka Belitung"),
        Province("21", "Kepulauan Riau"), Province("31", "DKI Jakarta"), Province("32", "Jawa Barat"),
        Province("33", "Jawa Tengah"), Province("34", "DI Yogyakarta"), Province("35", "Jawa Timur"),
        Province("36", "Banten"), Province("51", "Bali"), Province("52", "Nusa Tenggara Barat"),
        Province("53", "Nusa Tenggara Timur"), Province("61", "Kalimantan Barat"),
        Province("62", "Kalimantan Tengah"), Province("63", "Kalimantan Selatan"),
        Province("64", "Kalimantan Timur"), Province("65", "Kalimantan Utara"),
        Province("71", "Sulawesi Utara"), Province("72", "Sulawesi Tengah"), Province("73", "Sulawesi Selatan"),
        Province("74", "Sulawesi Tenggara"), Province("75", "Gorontalo"), Province("76", "Sulawesi Barat"),
        Province("81", "Maluku"), Province("82", "Maluku Utara"), Province("91", "Papua"),
        Province("92", "Papua Barat"), Province("93", "Papua Selatan", establishedIn: 2022),
        Province("94", "Papua Tengah", establishedIn: 2022), Province("95", "Papua Pegunungan", establishedIn: 2022),
        Province("96", "Papua Barat Daya", establishedIn: 2022),
    ]

    /// The provinces that existed in a given year (34 in 2021, 38 from 2022).
    public static func existing(in year: Int) -> [Province] {
        all.filter { ($0.establishedIn ?? 0) <= year }
    }

    private static let byCode: [String: Province] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    public init(wire: String) throws(FieldError) { self = try Province(code: wire) }

    public var wire: String { code }
}

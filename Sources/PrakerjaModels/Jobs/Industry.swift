/// An industry, as a section of KBLI 2020 (Klasifikasi Baku Lapangan Usaha Indonesia): `A` to `U`.
public struct Industry: Hashable, Sendable, WireValue, CustomStringConvertible {
    /// The KBLI section letter.
    public let section: String
    public let name: String

    public init(section: String) throws(FieldError) {
        guard let industry = Self.all.first(where: { $0.section == section }) else {
            throw FieldError(field: "", reason: "\"\(section.prefix(4))\" is not a KBLI 2020 section (A to U)")
        }
        self = industry
    }

    private init(_ section: String, _ name: String) {
        self.section = section
        self.name = name
    }

    public var description: String { "\(section) \(name)" }

    /// The 21 KBLI 2020 sections.
    public static let all: [Industry] = [
        Industry("A", "Pertanian, Kehutanan dan Perikanan"),
        Industry("B", "Pertambangan dan Penggalian"),
        Industry("C", "Industri Pengolahan"),
        Industry("D", "Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin"),
        Industry("E", "Pengelolaan Air, Air Limbah, Sampah dan Remediasi"),
        Industry("F", "Konstruksi"),
        Industry("G", "Perdagangan Besar dan Eceran; Reparasi Mobil dan Sepeda Motor"),
        Industry("H", "Pengangkutan dan Pergudangan"),
        Industry("I", "Penyediaan Akomodasi dan Makan Minum"),
        Industry("J", "Informasi dan Komunikasi"),
        Industry("K", "Aktivitas Keuangan dan Asuransi"),
        Industry("L", "Real Estat"),
        Industry("M", "Aktivitas Profesional, Ilmiah dan Teknis"),
        Industry("N", "Aktivitas Penyewaan, Ketenagakerjaan, Agen Perjalanan dan Penunjang Usaha"),
        Industry("O", "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib"),
        Industry("P", "Pendidikan"),
        Industry("Q", "Aktivitas Kesehatan Manusia dan Aktivitas Sosial"),
        Industry("R", "Kesenian, Hiburan dan Rekreasi"),
        Industry("S", "Aktivitas Jasa Lainnya"),
        Industry("T", "Aktivitas Rumah Tangga sebagai Pemberi Kerja"),
        Industry("U", "Aktivitas Badan Internasional dan Ekstra Internasional"),
    ]

    public init(wire: String) throws(FieldError) { self = try Industry(section: wire) }

    public var wire: String { section }
}

import Foundation
import PrakerjaPartners
import Testing

@testable import PrakerjaCuration

/// The public reference data the content rules read: it loads, a malformed file is refused with
/// its file, line and reason, and the readings the rules rest on (main verbs, unit sectors,
/// facilities, claims, phones) come out as a person reads them.
@Suite struct ReferenceDataTests {
    static let root = AssessmentTests.root
    static var data: ReferenceData { get throws { try ReferenceData.standard(root: root) } }

    @Test func everyFileLoadsAndNamesItsSource() throws {
        _ = try Self.data
        let folder = "\(Self.root)/Conformance/reference"
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".yaml") {
            let text = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
            #expect(text.contains("Source"), "\(file) names its public source")
        }
    }

    /// A copy of the reference folder with one file replaced, loaded.
    static func load(replacing file: String, with text: String) throws -> ReferenceData {
        let folder = FileManager.default.temporaryDirectory.appending(path: "reference-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: "\(root)/Conformance/reference"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(text.utf8).write(to: folder.appending(path: file))
        return try ReferenceData.load(folder: folder.path)
    }

    @Test(arguments: [
        ("verbs.yaml", "leadIns: [mampu\nintroductions: [x]\n", 2, "not YAML"),
        (
            "verbs.yaml", "leadIns: [mampu]\nintroductions: [setelah]\navoid: { words: [tahu] }\ndomains:\n  kognitif: { roots: [susun] }\n", 5,
            "kognitif is not a domain"
        ),
        (
            "kbli.yaml",
            "sections:\n  C: { title: Industri, divisions: [\"10\"] }\ndivisions:\n  \"10\": { title: Makanan }\n  \"11\": { title: Minuman }\n", 5,
            "the division 11 is in no section"
        ),
        ("kbli.yaml", "sections:\n  C: { title: Industri, divisions: [\"1O\"] }\ndivisions: {}\n", 2, "1O is not a code of 2 digits"),
        ("charges.yaml", "amounts:\n  - 'rp ?[0-9'\nphrases: [biaya tambahan]\n", 2, "not a regular expression"),
        ("practice.yaml", "practiceKinds: [assignment, podcast]\n", 1, "podcast is not a material kind"),
        (
            "trades.yaml", "generalProtective: [APD]\ntrades:\n  - { id: welding, hazardous: true, unitGroups: [\"7212\"], words: [las] }\n", 3,
            "needs its protective equipment"
        ),
        (
            "business.yaml", "functions:\n  - { id: selling, title: Penjualan, unitGroups: [\"9999\"], words: [jual] }\n", 2,
            "9999 is not a unit group listed"
        ),
        ("business.yaml", "functions:\n  - { id: selling, title: Penjualan, unitGroups: [\"5221\"] }\n", 2, "needs the words of its work"),
    ])
    func aMalformedFileIsRefusedWithItsFileLineAndReason(_ file: String, _ text: String, _ line: Int, _ reason: String) {
        #expect {
            _ = try Self.load(replacing: file, with: text)
        } throws: { error in
            guard let error = error as? ReferenceData.LoadError else { return false }
            return error.file.hasSuffix(file) && error.line == line && error.reason.contains(reason)
        }
    }

    @Test func anOccupationGroupCitingAnUnknownDivisionIsRefused() throws {
        var text = try String(contentsOfFile: "\(Self.root)/Conformance/reference/occupations.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "kbli: [\"56\", \"11\", \"55\"]", with: "kbli: [\"56\", \"00\", \"55\"]")
        #expect {
            _ = try Self.load(replacing: "occupations.yaml", with: text)
        } throws: { ($0 as? ReferenceData.LoadError)?.reason.contains("00 is not a KBLI 2020 division") ?? false }
    }

    @Test(arguments: [
        ("Peserta mampu memahami jenis-jenis biji kopi", ObjectiveVerbs.MainVerb.avoided("memahami")),
        ("Setelah mengikuti pelatihan, peserta dapat mengetahui fungsi mesin las", .avoided("mengetahui")),
        ("Mengenal alat jahit dan fungsinya", .avoided("mengenal")),
        ("Peserta mampu menyusun laporan arus kas bulanan", .operational("menyusun", .cognitive)),
        ("Setelah mengikuti pelatihan, peserta dapat mengoperasikan mesin jahit high speed", .operational("mengoperasikan", .psychomotor)),
        ("Mengelas sambungan pelat posisi 2G", .operational("mengelas", .psychomotor)),
        ("Participants can install a split air conditioner", .operational("install", .psychomotor)),
        ("Pengetahuan tentang kopi", .unrecognised),
    ])
    func anObjectivesMainVerbIsReadPastItsLeadIn(_ objective: String, _ verb: ObjectiveVerbs.MainVerb) throws {
        #expect(try Self.data.verbs.mainVerb(of: objective) == verb)
    }

    @Test func aUnitCodeNamesItsSectorAndDivision() throws {
        let sectors = try Self.data.sectors
        #expect((try? sectors.division(ofUnit: "M.702090.001.01").get())?.code == "70")
        #expect((try? sectors.division(ofUnit: "I.56BAR00.001.1").get())?.code == "56")
        #expect((try? sectors.division(ofUnit: "C.70ABC00.001.1").get()) == nil, "division 70 is in section M, not C")
        #expect((try? sectors.division(ofUnit: "Z.99XYZ00.001.1").get()) == nil)
        let occupations = try Self.data.occupations
        #expect(occupations.divisions(for: "7212.01").contains("25"))
        #expect(!occupations.divisions(for: "7212.01").contains("70"))
        #expect(!occupations.knows("9912.01"))
    }

    @Test func rootsOfTwoVowelsInARowAreTwoSyllables() throws {
        // "buat" is bu-at: membuat, not mengebuat; "las" is one syllable: mengelas.
        #expect(Wording.forms(ofRoot: "buat").contains("membuat"))
        #expect(Wording.forms(ofRoot: "las").contains("mengelas"))
        #expect(Wording.forms(ofRoot: "cat").contains("mengecat"))
        #expect(Wording.forms(ofRoot: "pakai").contains("memakai"), "a diphthong is one syllable, pa-kai is two")
        let verbs = try Self.data.verbs
        #expect(verbs.mainVerb(of: "Peserta mampu membuat tahu melalui penggumpalan dan pencetakan") == .operational("membuat", .psychomotor))
    }

    @Test func aTextNamingOnlyTheProductDoesNotNameTheWork() throws {
        let data = try Self.data
        let baker = Vocabulary(data.occupations.words(for: "7512.01"), products: data.occupations.products(for: "7512.01"))
        #expect(baker.shared(with: "Fotografi produk roti untuk katalog") == ["roti"])
        #expect(baker.work(sharedWith: "Fotografi produk roti untuk katalog").isEmpty)
        #expect(baker.work(sharedWith: "Membuat adonan roti manis") == ["adonan"])
        #expect(baker.work(sharedWith: "Roti tawar dalam loyang dan oven") == ["loyang", "oven"])
        let tailor = Vocabulary(data.occupations.words(for: "7531.01"), products: data.occupations.products(for: "7531.01"))
        #expect(tailor.work(sharedWith: "Promosi busana di media sosial").isEmpty)
        #expect(tailor.work(sharedWith: "Menjahit kemeja lengan panjang") == ["menjahit"])
        // An occupation without products: every shared word names the work.
        let welder = Vocabulary(data.occupations.words(for: "7212.01"), products: data.occupations.products(for: "7212.01"))
        #expect(welder.work(sharedWith: "Pengelasan pipa posisi 2G") == welder.shared(with: "Pengelasan pipa posisi 2G"))
    }

    @Test func aModuleIsJudgedByWhoseWorkItsTitleAndMaterialsName() throws {
        let data = try Self.data
        let baker = Vocabulary(data.occupations.words(for: "7512.01"), products: data.occupations.products(for: "7512.01"))
        let side = data.business.foreign(to: ["7512.01"])
        func module(_ title: String, _ materials: [String]) -> CourseModule {
            CourseModule(
                sequence: 1, title: title, theoryMinutes: 30, practiceMinutes: 60,
                materials: materials.map { LearningMaterial(kind: .assignment, title: $0, minutes: 30) })
        }
        #expect(ModuleTrade.of(module("Membuat adonan roti manis", ["Praktik menguleni dan fermentasi"]), vocabulary: baker, side: side) == .own)
        // Naming the product in a module of another trade's work does not make it the baker's.
        let photos = ModuleTrade.of(module("Foto produk roti untuk katalog", ["Praktik memotret roti di lightbox"]), vocabulary: baker, side: side)
        #expect(photos == .another(function: "Fotografi dan video produk", words: ["foto", "foto produk", "memotret", "lightbox"]), "\(photos)")
        // A trade word in a promotion title is outnumbered.
        if case .another(let function, _) = ModuleTrade.of(module("Resep promosi roti di Instagram", []), vocabulary: baker, side: side) {
            #expect(function == "Promosi dan pemasaran")
        } else {
            Issue.record("resep promosi roti di Instagram is promotion")
        }
        // A title the kit has no words for is read through its materials; one it cannot read is a person's.
        #expect(ModuleTrade.of(module("Roti sobek", ["Praktik membentuk dan memanggang roti sobek di oven"]), vocabulary: baker, side: side) == .own)
        #expect(ModuleTrade.of(module("Roti sobek", []), vocabulary: baker, side: side) == .unknown(products: ["roti"]))
        // For a marketing course, promotion is its own work, not another trade's.
        #expect(data.business.foreign(to: ["2431.03"]).allSatisfy { $0.id != "promotion" })
        #expect(side.contains { $0.id == "promotion" })
    }

    @Test(arguments: [
        ("Laboratorium kopi dengan 8 mesin espresso", 8, 0), ("Ruang kelas 20 kursi", 0, 20), ("Bengkel las dua unit mesin las", 2, 0),
        ("Ruang praktik kapasitas 30 orang dengan 10 meja kerja", 10, 30), ("Ruang kelas ber-AC", 0, 0),
    ])
    func aFacilitySaysWhatItHolds(_ facility: String, _ units: Int, _ seats: Int) throws {
        let capacity = try Self.data.practice.capacity(of: facility)
        #expect(capacity.units == units && capacity.seats == seats, "\(facility): \(capacity)")
    }

    @Test func aCompetencyCertificateClaimIsToldFromATrainersCertificateAndAnHonestNote() throws {
        let words = try Self.data.certificates
        #expect(words.claims(inDescription: "Lulusan mendapatkan Sertifikat Kompetensi BNSP.").count == 1)
        #expect(words.claims(inDescription: "Pelatih kami bersertifikat BNSP.").isEmpty)
        #expect(words.claims(inDescription: "Peserta disiapkan mengikuti uji kompetensi oleh LSP berlisensi BNSP (tidak termasuk).").isEmpty)
        #expect(words.isAttendanceOnly("Peserta webinar nasional teknik menjahit"))
        #expect(!words.isAttendanceOnly("Sertifikat Kompetensi Penjahit Pakaian, LSP Garmen"))
    }

    @Test func asciiAndAccentedTextSplitIntoTheSameWords() {
        #expect(Wording.words("Pelacakan-Kemajuan (LMS) 2x") == ["pelacakan", "kemajuan", "lms", "2x"])
        #expect(Wording.words("Kafé KOPI—espresso") == ["kafe", "kopi", "espresso"])
        #expect(Wording.words("Pelacakan-Kemajuan") == Wording.words("pélacakan kemajuan"))
    }

    @Test(arguments: ["081234567890", "+62 812-3456-7890", "031-7345-2210", "(021) 7345-2210", "0274 512345"])
    func anIndonesianPhoneIsAccepted(_ phone: String) { #expect(Text.isIndonesianPhone(phone)) }

    @Test(arguments: ["12345", "0812", "+1 415 555 0100", "0912-3456-789", "telepon kami"])
    func aNonIndonesianPhoneIsRefused(_ phone: String) { #expect(!Text.isIndonesianPhone(phone)) }

    @Test func moneyAndChargesAreFoundButPaidAdvertisingIsNot() throws {
        let charges = try Self.data.charges
        func mentions(_ text: String) -> [String] { charges.mentions(in: text, price: 750_000) }
        #expect(mentions("Peserta wajib membeli paket kain seharga Rp250.000").count == 2)
        #expect(mentions("biaya ujian 150 ribu dibayar terpisah").count >= 2)
        #expect(mentions("Memasang iklan berbayar di media sosial").isEmpty)
        #expect(mentions("Kotak P3K di bengkel").isEmpty)
        // A purchase with no amount and no listed charge: bought ("ditebus") from the provider's admin.
        #expect(mentions("Paket bahan praktik ditebus peserta secara terpisah melalui admin WhatsApp").contains("ditebus"))
        // A deposit in words, no digits and no "Rp".
        #expect(mentions("Setiap peserta menitipkan uang jaminan peralatan sebesar tiga ratus ribu rupiah").contains("uang jaminan"))
        // The course's own price is no charge, nor a lower price (a price elsewhere, judged by A-PR-02).
        #expect(mentions("Harga pelatihan Rp750.000 sudah mencakup sertifikat; tidak ada biaya tambahan.").isEmpty)
        #expect(mentions("Di situs kami kelas yang sama tersedia dengan harga promo Rp299.000.").isEmpty)
        #expect(mentions("Harga normal Rp1.500.000").count == 1, "a higher price is quoted for a person to read")
        // A count is not money: a unit without a currency counts only where the sentence names money.
        #expect(mentions("Indonesia memiliki lebih dari 64 juta UMKM yang berjualan daring.").isEmpty)
        #expect(mentions("Biaya cetak sertifikat 50 ribu.").contains("50 ribu"))
        // A trade's costs are its subject where it is taught, a charge where someone pays them.
        #expect(mentions("Menghitung ongkos kirim lele hidup").isEmpty)
        #expect(mentions("Latihan: peserta menghitung ongkos kirim 20 paket").isEmpty)
        #expect(mentions("Ongkos kirim bahan ditanggung peserta").count >= 1)
    }

    @Test(
        arguments: [
            ("Rp750.000", 750_000), ("rp 1.500.000,00", 1_500_000), ("idr 299,000", 299_000), ("299 ribu", 299_000), ("1,5 juta", 1_500_000),
            ("299k", 299_000), ("rp.50.000,-", 50_000), ("rp 2.5", 3),
        ] as [(String, Int64)])
    func anAmountIsReadInRupiah(_ written: String, _ rupiah: Int64) {
        #expect(Charges.rupiah(written.lowercased()) == rupiah, "\(written)")
    }

    /// What the prose says of a class and a day, where a field may say otherwise.
    @Test func classSizesDaysAndReadingsAreReadFromProse() throws {
        let practice = try Self.data.practice
        let sizes = practice.classSizes(in: "Setiap jadwal menampung 200 peserta dalam satu ruang Zoom, dipandu dua pelatih dan satu asisten.")
        #expect(sizes.map { [$0.participants, $0.facilitators] } == [[200, 3]])
        #expect(practice.classSizes(in: "Kelas berisi 24 peserta di dua ruang.").isEmpty, "no one guiding counted: no class size")
        #expect(Text.dailyHours(in: "Sabtu dan Minggu pukul 08.00-16.00 WIB dengan istirahat 30 menit.").map(\.minutes) == [450])
        #expect(Text.dailyHours(in: "Harga Rp750.000 untuk lulusan 2019-2024.").isEmpty)
        func material(_ title: String) -> LearningMaterial { LearningMaterial(kind: .document, title: title, minutes: 60) }
        #expect(practice.holdsPractice(material("Lembar kerja: rekap absensi")))
        #expect(!practice.holdsPractice(material("Studi kasus (bacaan): rekap absensi di kantor mitra")))
        #expect(!practice.holdsPractice(material("Pembahasan latihan: tabel gaji yang sudah jadi")))
    }
}

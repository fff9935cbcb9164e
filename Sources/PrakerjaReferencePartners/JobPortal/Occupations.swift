import PrakerjaModels

/// The occupations the reference job portal's vacancies are drawn from: what the program's
/// recipients trained for most (digital marketing, cooking, sewing, driving, office work, trades).
struct Occupation: Sendable {
    let title: String
    /// KBLI 2020 section.
    let industry: String
    let education: EducationLevel
    /// Monthly salary band in Jakarta-level rupiah, before the regional factor.
    let salary: ClosedRange<Int64>
    let skills: [String]

    static let all: [Occupation] = [
        Occupation(
            title: "Barista", industry: "I", education: .sma, salary: 3_500_000...5_500_000,
            skills: ["Menyeduh kopi", "Latte art", "Pelayanan pelanggan", "Kebersihan dapur"]),
        Occupation(
            title: "Juru Masak", industry: "I", education: .smp, salary: 3_500_000...7_000_000,
            skills: ["Memasak masakan Indonesia", "Keamanan pangan", "Manajemen dapur", "Kebersihan dapur"]),
        Occupation(
            title: "Pramusaji", industry: "I", education: .sma, salary: 3_000_000...4_500_000,
            skills: ["Pelayanan pelanggan", "Kebersihan dapur", "Komunikasi"]),
        Occupation(
            title: "Staf Pemasaran Digital", industry: "M", education: .d3, salary: 4_500_000...9_000_000,
            skills: ["Pemasaran media sosial", "Copywriting", "Google Ads", "Analisis data", "Desain grafis"]),
        Occupation(
            title: "Admin Media Sosial", industry: "J", education: .sma, salary: 3_500_000...6_000_000,
            skills: ["Pemasaran media sosial", "Copywriting", "Fotografi produk", "Komunikasi"]),
        Occupation(
            title: "Desainer Grafis", industry: "J", education: .d3, salary: 4_500_000...9_000_000,
            skills: ["Desain grafis", "Adobe Illustrator", "Tipografi", "Fotografi produk"]),
        Occupation(
            title: "Pengembang Web", industry: "J", education: .s1, salary: 7_000_000...15_000_000,
            skills: ["HTML dan CSS", "JavaScript", "PHP", "Basis data SQL", "Git"]),
        Occupation(
            title: "Analis Data", industry: "J", education: .s1, salary: 7_000_000...14_000_000,
            skills: ["Analisis data", "Microsoft Excel", "Basis data SQL", "Python", "Visualisasi data"]),
        Occupation(
            title: "Staf Administrasi", industry: "N", education: .sma, salary: 3_500_000...5_500_000,
            skills: ["Microsoft Excel", "Microsoft Word", "Pengarsipan", "Komunikasi"]),
        Occupation(
            title: "Staf Akuntansi", industry: "K", education: .d3, salary: 4_500_000...8_000_000,
            skills: ["Akuntansi dasar", "Microsoft Excel", "Perpajakan", "Laporan keuangan"]),
        Occupation(
            title: "Kasir", industry: "G", education: .sma, salary: 3_000_000...4_800_000,
            skills: ["Pelayanan pelanggan", "Mengoperasikan mesin kasir", "Matematika dasar"]),
        Occupation(
            title: "Pramuniaga", industry: "G", education: .sma, salary: 3_000_000...4_500_000,
            skills: ["Pelayanan pelanggan", "Penjualan", "Komunikasi"]),
        Occupation(
            title: "Staf Gudang", industry: "H", education: .sma, salary: 3_500_000...5_000_000,
            skills: ["Manajemen stok", "Mengoperasikan forklift", "Microsoft Excel"]),
        Occupation(
            title: "Kurir", industry: "H", education: .smp, salary: 3_000_000...5_000_000,
            skills: ["Mengemudi sepeda motor", "Navigasi peta digital", "Pelayanan pelanggan"]),
        Occupation(
            title: "Pengemudi", industry: "H", education: .smp, salary: 3_500_000...6_000_000,
            skills: ["Mengemudi mobil", "SIM A", "Navigasi peta digital", "Perawatan kendaraan"]),
        Occupation(
            title: "Penjahit", industry: "C", education: .smp, salary: 3_000_000...5_500_000,
            skills: ["Menjahit", "Membuat pola", "Mengoperasikan mesin jahit"]),
        Occupation(
            title: "Operator Produksi", industry: "C", education: .sma, salary: 3_800_000...5_500_000,
            skills: ["Mengoperasikan mesin produksi", "Keselamatan kerja", "Kontrol kualitas"]),
        Occupation(
            title: "Teknisi Listrik", industry: "F", education: .sma, salary: 4_000_000...7_000_000,
            skills: ["Instalasi listrik", "Keselamatan kerja", "Membaca gambar teknik"]),
        Occupation(
            title: "Tukang Las", industry: "C", education: .smp, salary: 4_000_000...7_500_000,
            skills: ["Pengelasan SMAW", "Keselamatan kerja", "Membaca gambar teknik"]),
        Occupation(
            title: "Mekanik Sepeda Motor", industry: "G", education: .sma, salary: 3_500_000...6_000_000,
            skills: ["Perawatan kendaraan", "Servis mesin", "Kelistrikan otomotif"]),
        Occupation(
            title: "Teknisi AC", industry: "S", education: .sma, salary: 3_800_000...6_500_000,
            skills: ["Servis AC", "Instalasi listrik", "Keselamatan kerja"]),
        Occupation(
            title: "Perawat Lansia", industry: "Q", education: .d3, salary: 4_000_000...7_000_000,
            skills: ["Perawatan lansia", "Pertolongan pertama", "Komunikasi"]),
        Occupation(
            title: "Asisten Apoteker", industry: "Q", education: .d3, salary: 3_800_000...6_000_000,
            skills: ["Farmasi dasar", "Pelayanan pelanggan", "Manajemen stok"]),
        Occupation(
            title: "Guru Les", industry: "P", education: .s1, salary: 3_000_000...6_000_000,
            skills: ["Mengajar", "Matematika dasar", "Komunikasi"]),
        Occupation(
            title: "Staf Customer Service", industry: "N", education: .sma, salary: 3_800_000...6_000_000,
            skills: ["Pelayanan pelanggan", "Komunikasi", "Bahasa Inggris", "Microsoft Excel"]),
        Occupation(
            title: "Telemarketing", industry: "N", education: .sma, salary: 3_500_000...5_500_000,
            skills: ["Penjualan", "Komunikasi", "Pelayanan pelanggan"]),
        Occupation(
            title: "Petugas Kebersihan", industry: "N", education: .sd, salary: 2_800_000...4_500_000,
            skills: ["Kebersihan gedung", "Keselamatan kerja"]),
        Occupation(
            title: "Satpam", industry: "N", education: .sma, salary: 3_500_000...5_500_000,
            skills: ["Keamanan", "Pertolongan pertama", "Komunikasi"]),
        Occupation(
            title: "Penata Rambut", industry: "S", education: .smp, salary: 3_000_000...6_000_000,
            skills: ["Memotong rambut", "Tata rias", "Pelayanan pelanggan"]),
        Occupation(
            title: "Penata Rias", industry: "S", education: .sma, salary: 3_000_000...7_000_000,
            skills: ["Tata rias", "Fotografi produk", "Pelayanan pelanggan"]),
        Occupation(
            title: "Petani Hortikultura", industry: "A", education: .sd, salary: 2_500_000...4_500_000,
            skills: ["Budidaya tanaman", "Pengendalian hama", "Pemupukan"]),
        Occupation(
            title: "Pembudidaya Ikan", industry: "A", education: .smp, salary: 2_800_000...5_000_000,
            skills: ["Budidaya ikan", "Manajemen pakan", "Kualitas air"]),
        Occupation(
            title: "Tukang Bangunan", industry: "F", education: .sd, salary: 3_000_000...5_000_000,
            skills: ["Pemasangan bata", "Pengecoran", "Keselamatan kerja", "Membaca gambar teknik"]),
        Occupation(
            title: "Staf Housekeeping Hotel", industry: "I", education: .sma, salary: 3_200_000...5_000_000,
            skills: ["Kebersihan gedung", "Pelayanan pelanggan", "Bahasa Inggris"]),
        Occupation(
            title: "Resepsionis", industry: "I", education: .d3, salary: 3_800_000...6_000_000,
            skills: ["Pelayanan pelanggan", "Bahasa Inggris", "Komunikasi", "Microsoft Excel"]),
        Occupation(
            title: "Pemandu Wisata", industry: "N", education: .sma, salary: 3_000_000...6_500_000,
            skills: ["Bahasa Inggris", "Komunikasi", "Pengetahuan sejarah lokal"]),
        Occupation(
            title: "Penerjemah", industry: "M", education: .s1, salary: 5_000_000...10_000_000,
            skills: ["Bahasa Inggris", "Penerjemahan", "Copywriting"]),
        Occupation(
            title: "Admin Toko Online", industry: "G", education: .sma, salary: 3_200_000...5_500_000,
            skills: ["Pengelolaan marketplace", "Fotografi produk", "Copywriting", "Pelayanan pelanggan"]),
        Occupation(
            title: "Sales Lapangan", industry: "G", education: .sma, salary: 3_500_000...7_000_000,
            skills: ["Penjualan", "Komunikasi", "Mengemudi sepeda motor"]),
        Occupation(
            title: "Pembuat Roti dan Kue", industry: "C", education: .smp, salary: 3_000_000...5_000_000,
            skills: ["Membuat roti", "Keamanan pangan", "Kebersihan dapur"]),
        Occupation(
            title: "Staf HRD", industry: "N", education: .s1, salary: 5_000_000...9_000_000,
            skills: ["Rekrutmen", "Microsoft Excel", "Komunikasi", "Hukum ketenagakerjaan"]),
        Occupation(
            title: "Editor Video", industry: "J", education: .d3, salary: 4_500_000...9_000_000,
            skills: ["Penyuntingan video", "Desain grafis", "Fotografi produk"]),
    ]
}

/// Company names, put together from parts.
enum CompanyNames {
    static let prefixes = ["PT", "CV", "PT", "PT", "UD"]
    static let first = [
        "Sinar", "Maju", "Karya", "Cahaya", "Mitra", "Nusa", "Bumi", "Sentosa", "Jaya", "Harapan", "Prima", "Mandiri",
        "Berkah", "Samudra", "Putra", "Dharma", "Citra", "Graha", "Lestari", "Sejahtera",
    ]
    static let second = [
        "Abadi", "Makmur", "Utama", "Indah", "Perkasa", "Gemilang", "Sentosa", "Bersama", "Nusantara", "Sukses",
        "Lancar", "Mulia", "Agung", "Raya", "Baru",
    ]
}

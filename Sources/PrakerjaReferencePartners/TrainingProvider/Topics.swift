import PrakerjaPartners

/// The subjects of the reference provider's courses: what Prakerja recipients trained in most in
/// 2021 (digital marketing, food and beverage, sewing, office software, trades, languages).
struct Topic: Sendable {
    let title: String
    let targetParticipants: String
    let competencies: [Competency]
    let occupation: OccupationReference
    let modules: [String]
    let practicalTest: String
    /// The skills a recipient brings from this course, as job portals name them.
    let skills: [String]

    static let all: [Topic] = [
        Topic(
            title: "Pemasaran Digital untuk UMKM",
            targetParticipants: "Pelaku usaha mikro dan pencari kerja yang ingin memasarkan produk secara daring",
            competencies: [
                Competency(code: "M.702090.001.01", title: "Merencanakan kampanye pemasaran digital"),
                Competency(code: nil, title: "Mengelola iklan media sosial"),
            ],
            occupation: OccupationReference(code: "2431.03", title: "Spesialis Pemasaran Digital"),
            modules: [
                "Dasar pemasaran digital", "Riset pasar dan persona", "Konten media sosial", "Iklan berbayar", "Analitik kampanye",
                "Rencana pemasaran",
            ],
            practicalTest: "Menyusun dan menjalankan kampanye iklan media sosial selama tiga hari",
            skills: ["Pemasaran media sosial", "Google Ads", "Copywriting"]),
        Topic(
            title: "Menjadi Barista Profesional", targetParticipants: "Pencari kerja di bidang makanan dan minuman",
            competencies: [
                Competency(code: "I.56BAR00.001.1", title: "Menyiapkan espresso"), Competency(code: "I.56BAR00.006.1", title: "Membuat latte art"),
            ],
            occupation: OccupationReference(code: "5132.02", title: "Barista"),
            modules: [
                "Pengetahuan biji kopi", "Mesin espresso", "Teknik seduh manual", "Susu dan latte art", "Pelayanan pelanggan", "Kebersihan bar",
            ],
            practicalTest: "Menyajikan empat minuman espresso dengan latte art", skills: ["Menyeduh kopi", "Latte art", "Pelayanan pelanggan"]),
        Topic(
            title: "Menjahit Busana Muslim", targetParticipants: "Penjahit pemula dan ibu rumah tangga yang ingin membuka usaha jahit",
            competencies: [
                Competency(code: "C.14GAR01.010.1", title: "Membuat pola busana"), Competency(code: "C.14GAR01.022.1", title: "Menjahit busana"),
            ],
            occupation: OccupationReference(code: "7533.01", title: "Penjahit"),
            modules: ["Alat dan bahan", "Mengukur badan", "Membuat pola", "Memotong kain", "Menjahit gamis", "Penyelesaian busana"],
            practicalTest: "Menjahit satu gamis sesuai ukuran", skills: ["Menjahit", "Membuat pola", "Mengoperasikan mesin jahit"]),
        Topic(
            title: "Microsoft Excel untuk Administrasi Perkantoran", targetParticipants: "Pencari kerja dan pekerja administrasi",
            competencies: [
                Competency(code: "N.821100.009.02", title: "Mengoperasikan aplikasi lembar kerja"),
                Competency(code: nil, title: "Menyusun laporan data"),
            ],
            occupation: OccupationReference(code: "4110.01", title: "Staf Administrasi"),
            modules: ["Dasar lembar kerja", "Rumus dan fungsi", "Tabel dan format", "Grafik", "Pivot table", "Laporan administrasi"],
            practicalTest: "Menyusun laporan bulanan dengan pivot table dan grafik", skills: ["Microsoft Excel", "Pengarsipan", "Analisis data"]),
        Topic(
            title: "Teknik Pengelasan SMAW Dasar", targetParticipants: "Pencari kerja di bidang manufaktur dan konstruksi",
            competencies: [
                Competency(code: "C.25WEL01.005.1", title: "Mengelas dengan proses las busur manual"),
                Competency(code: "C.25WEL01.001.1", title: "Menerapkan keselamatan kerja pengelasan"),
            ],
            occupation: OccupationReference(code: "7212.01", title: "Juru Las"),
            modules: [
                "Keselamatan kerja", "Mesin las dan elektroda", "Posisi pengelasan", "Sambungan tumpul", "Sambungan sudut", "Inspeksi hasil las",
            ],
            practicalTest: "Mengelas sambungan tumpul posisi 1G", skills: ["Pengelasan SMAW", "Keselamatan kerja", "Membaca gambar teknik"]),
        Topic(
            title: "Memasak Masakan Nusantara untuk Usaha Katering", targetParticipants: "Pencari kerja dan pelaku usaha kuliner",
            competencies: [
                Competency(code: "I.56JSB00.004.1", title: "Mengolah masakan Indonesia"), Competency(code: nil, title: "Menerapkan keamanan pangan"),
            ],
            occupation: OccupationReference(code: "5120.01", title: "Juru Masak"),
            modules: ["Keamanan pangan", "Bumbu dasar", "Olahan daging", "Olahan sayur", "Penyajian", "Menghitung harga jual"],
            practicalTest: "Memasak tiga menu nusantara untuk 10 porsi", skills: ["Memasak masakan Indonesia", "Keamanan pangan", "Kebersihan dapur"]),
        Topic(
            title: "Desain Grafis dengan Aplikasi Vektor", targetParticipants: "Pencari kerja kreatif dan pelaku usaha",
            competencies: [
                Competency(code: "J.59DKV00.005.1", title: "Membuat desain grafis"), Competency(code: nil, title: "Menerapkan tipografi"),
            ],
            occupation: OccupationReference(code: "2166.01", title: "Desainer Grafis"),
            modules: ["Prinsip desain", "Alat vektor", "Tipografi", "Warna", "Desain logo", "Portofolio"],
            practicalTest: "Membuat identitas visual satu merek", skills: ["Desain grafis", "Adobe Illustrator", "Tipografi"]),
        Topic(
            title: "Bahasa Inggris untuk Pelayanan Pelanggan", targetParticipants: "Pekerja dan pencari kerja di bidang jasa",
            competencies: [Competency(code: nil, title: "Berkomunikasi dalam bahasa Inggris di tempat kerja")],
            occupation: OccupationReference(code: "4222.01", title: "Petugas Layanan Pelanggan"),
            modules: ["Salam dan perkenalan", "Menjawab telepon", "Menangani keluhan", "Email kerja", "Presentasi singkat", "Simulasi layanan"],
            practicalTest: "Simulasi melayani pelanggan dalam bahasa Inggris", skills: ["Bahasa Inggris", "Pelayanan pelanggan", "Komunikasi"]),
        Topic(
            title: "Pengembangan Web Dasar dengan HTML, CSS dan JavaScript", targetParticipants: "Pencari kerja yang ingin masuk industri digital",
            competencies: [
                Competency(code: "J.620100.004.01", title: "Menggunakan bahasa pemrograman"), Competency(code: nil, title: "Membuat halaman web"),
            ],
            occupation: OccupationReference(code: "2513.01", title: "Pengembang Web"),
            modules: ["Struktur HTML", "Gaya CSS", "Tata letak responsif", "Dasar JavaScript", "Interaksi halaman", "Proyek akhir"],
            practicalTest: "Membuat situs profil usaha yang responsif", skills: ["HTML dan CSS", "JavaScript", "Git"]),
        Topic(
            title: "Mengemudi Aman untuk Pengemudi Profesional", targetParticipants: "Calon pengemudi angkutan orang dan barang",
            competencies: [Competency(code: "H.49PNG00.001.1", title: "Mengemudikan kendaraan dengan aman")],
            occupation: OccupationReference(code: "8322.01", title: "Pengemudi Mobil"),
            modules: [
                "Peraturan lalu lintas", "Pemeriksaan kendaraan", "Teknik mengemudi defensif", "Navigasi", "Pelayanan penumpang", "Keadaan darurat",
            ],
            practicalTest: "Uji mengemudi di rute yang ditentukan", skills: ["Mengemudi mobil", "Navigasi peta digital", "Perawatan kendaraan"]),
        Topic(
            title: "Akuntansi Dasar untuk Usaha Kecil", targetParticipants: "Pelaku usaha kecil dan calon staf keuangan",
            competencies: [
                Competency(code: "M.692000.008.02", title: "Menyusun laporan keuangan"), Competency(code: nil, title: "Mencatat transaksi"),
            ],
            occupation: OccupationReference(code: "3313.01", title: "Staf Akuntansi"),
            modules: ["Persamaan akuntansi", "Jurnal umum", "Buku besar", "Neraca saldo", "Laporan laba rugi", "Pajak usaha kecil"],
            practicalTest: "Menyusun laporan keuangan satu bulan usaha dagang", skills: ["Akuntansi dasar", "Laporan keuangan", "Microsoft Excel"]),
        Topic(
            title: "Instalasi Listrik Rumah Tinggal", targetParticipants: "Pencari kerja di bidang konstruksi dan kelistrikan",
            competencies: [
                Competency(code: "F.43ILT00.012.1", title: "Memasang instalasi penerangan"),
                Competency(code: nil, title: "Menerapkan keselamatan listrik"),
            ],
            occupation: OccupationReference(code: "7411.01", title: "Teknisi Listrik Bangunan"),
            modules: [
                "Keselamatan listrik", "Membaca gambar instalasi", "Pengkabelan", "Panel dan pengaman", "Pengujian instalasi", "Perbaikan gangguan",
            ],
            practicalTest: "Memasang instalasi penerangan satu ruang", skills: ["Instalasi listrik", "Keselamatan kerja", "Membaca gambar teknik"]),
        Topic(
            title: "Fotografi Produk untuk Toko Online", targetParticipants: "Pelaku usaha dan admin toko online",
            competencies: [Competency(code: nil, title: "Memotret produk"), Competency(code: nil, title: "Menyunting foto produk")],
            occupation: OccupationReference(code: "3431.02", title: "Fotografer Produk"),
            modules: ["Kamera dan ponsel", "Pencahayaan", "Komposisi", "Latar dan properti", "Penyuntingan", "Foto untuk marketplace"],
            practicalTest: "Memotret dan menyunting sepuluh foto produk", skills: ["Fotografi produk", "Pengelolaan marketplace", "Desain grafis"]),
        Topic(
            title: "Perawatan Lansia di Rumah", targetParticipants: "Calon pramurukti dan keluarga perawat lansia",
            competencies: [
                Competency(code: "Q.87PRL00.003.1", title: "Merawat kebutuhan dasar lansia"),
                Competency(code: nil, title: "Memberi pertolongan pertama"),
            ],
            occupation: OccupationReference(code: "5322.01", title: "Pramurukti"),
            modules: ["Kebutuhan lansia", "Kebersihan diri", "Gizi dan makan", "Mobilisasi", "Pertolongan pertama", "Komunikasi dengan lansia"],
            practicalTest: "Simulasi perawatan harian lansia", skills: ["Perawatan lansia", "Pertolongan pertama", "Komunikasi"]),
        Topic(
            title: "Analisis Data dengan Python", targetParticipants: "Lulusan baru dan pekerja yang ingin beralih ke bidang data",
            competencies: [
                Competency(code: "J.62DMI00.008.1", title: "Menganalisis data"), Competency(code: nil, title: "Membuat visualisasi data"),
            ],
            occupation: OccupationReference(code: "2511.02", title: "Analis Data"),
            modules: ["Dasar Python", "Pandas", "Membersihkan data", "Statistik deskriptif", "Visualisasi", "Studi kasus"],
            practicalTest: "Menganalisis data penjualan dan menyajikan temuan", skills: ["Python", "Analisis data", "Visualisasi data"]),
        Topic(
            title: "Budidaya Ikan Lele Sistem Bioflok", targetParticipants: "Pembudidaya pemula di perdesaan",
            competencies: [Competency(code: "A.03BUD00.014.1", title: "Membesarkan ikan"), Competency(code: nil, title: "Mengelola kualitas air")],
            occupation: OccupationReference(code: "6221.01", title: "Pembudidaya Ikan"),
            modules: ["Kolam bioflok", "Benih", "Pakan", "Kualitas air", "Penyakit ikan", "Panen dan pemasaran"],
            practicalTest: "Menyiapkan kolam bioflok dan menghitung kebutuhan pakan", skills: ["Budidaya ikan", "Manajemen pakan", "Kualitas air"]),
        Topic(
            title: "Penyuntingan Video untuk Konten Kreator", targetParticipants: "Pencari kerja kreatif dan pelaku usaha",
            competencies: [Competency(code: nil, title: "Menyunting video"), Competency(code: nil, title: "Menyusun naskah video")],
            occupation: OccupationReference(code: "3521.03", title: "Penyunting Video"),
            modules: ["Perencanaan konten", "Pengambilan gambar", "Penyuntingan dasar", "Audio", "Grafik bergerak", "Publikasi"],
            practicalTest: "Menyunting satu video promosi berdurasi satu menit", skills: ["Penyuntingan video", "Desain grafis", "Fotografi produk"]),
    ]
}

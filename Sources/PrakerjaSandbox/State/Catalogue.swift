import Foundation
import PrakerjaClient
import PrakerjaModels

/// The sandbox's seeded world: recipients, each LP's courses and schedules, and redeem codes
/// already bought, laid out around the business clock's start so every rule can be exercised now.
struct Catalogue {
    var participants: [String: Participant] = [:]
    var courses: [String: SandboxCourse] = [:]
    var schedules: [String: SandboxSchedule] = [:]
    var redeemCodes: [String: RedeemCodeRecord] = [:]

    /// The 2021 training balance each recipient starts with.
    static let trainingBalance: Int64 = 1_000_000

    init(clients: [SandboxClient], start: Date) {
        let today = CalendarDate(start)
        func born(yearsAgo: Int) -> CalendarDate { (try? CalendarDate(year: today.year - yearsAgo, month: 1, day: 15)) ?? today }
        let people: [(String, String, String, Int, Int64)] = [
            ("4001000000000001", "Siti Rahmawati", "081234567801", 26, Self.trainingBalance),
            ("4001000000000002", "Budi Santoso", "081234567802", 35, Self.trainingBalance),
            ("4001000000000003", "Dewi Lestari", "081234567803", 22, Self.trainingBalance),
            ("4001000000000004", "Agus Prasetyo", "081234567804", 45, Self.trainingBalance),
            ("4001000000000005", "Rina Wulandari", "081234567805", 17, Self.trainingBalance),
            ("4001000000000006", "Hartono", "081234567806", 65, Self.trainingBalance),
            ("4001000000000007", "Nur Aini", "081234567807", 30, 300_000),
            ("4001000000000008", "Yusuf Hidayat", "081234567808", 29, Self.trainingBalance),
        ]
        for (id, name, phone, age, balance) in people {
            let email = name.lowercased().split(separator: " ").joined(separator: ".") + "@example.id"
            participants[id] = Participant(
                prakerjaID: id, name: name, email: email, phone: try! PhoneNumber(phone),
                birthDate: born(yearsAgo: age), balance: balance)
        }

        let hour: TimeInterval = 3600, day = 24 * hour
        let platform = clients.first { $0.role == .dp }?.code ?? "DPSANDBOX01"
        for provider in clients where provider.role == .lp {
            let lp = provider.code
            add(
                SandboxCourse(code: "\(lp)-LMS-01", providerCode: lp, title: "Pemasaran Digital untuk UMKM", method: .selfPaced, price: 500_000),
                schedules: [("\(lp)-LMS-01-A", [], (start - day, start + 30 * day), 100)])
            add(
                SandboxCourse(code: "\(lp)-WEB-01", providerCode: lp, title: "Barista Kopi Manual Brew", method: .webinar, price: 750_000),
                schedules: [
                    // Session 1 starts in 30 minutes: its code is usable now; buying closes at the start.
                    (
                        "\(lp)-WEB-01-A", [0, 1, 2].map { (start + 0.5 * hour + Double($0) * day, start + 3.5 * hour + Double($0) * day) },
                        (start, start), 30
                    ),
                    ("\(lp)-WEB-01-B", [7, 8, 9].map { (start + Double($0) * day, start + Double($0) * day + 3 * hour) }, (start, start), 30),
                    ("\(lp)-WEB-01-C", [14, 15, 16].map { (start + Double($0) * day, start + Double($0) * day + 3 * hour) }, (start, start), 1),
                ])
            add(
                SandboxCourse(code: "\(lp)-OFF-01", providerCode: lp, title: "Teknisi Pendingin Ruangan", method: .offline, price: 900_000),
                schedules: [("\(lp)-OFF-01-A", [3, 4].map { (start + Double($0) * day, start + Double($0) * day + 8 * hour) }, (start, start), 20)])
            add(
                SandboxCourse(code: "\(lp)-HYB-01", providerCode: lp, title: "Dasar Akuntansi Usaha Kecil", method: .hybrid, price: 650_000),
                schedules: [("\(lp)-HYB-01-A", [5, 6].map { (start + Double($0) * day, start + Double($0) * day + 4 * hour) }, (start, start), 25)])

            // Codes already bought, so an LP can start its flow at once.
            for (participant, course, schedule) in [
                ("4001000000000001", "\(lp)-WEB-01", "\(lp)-WEB-01-A"), ("4001000000000002", "\(lp)-LMS-01", "\(lp)-LMS-01-A"),
                ("4001000000000003", "\(lp)-WEB-01", "\(lp)-WEB-01-A"), ("4001000000000004", "\(lp)-OFF-01", "\(lp)-OFF-01-A"),
            ] {
                let code = Self.code(seed: "\(lp)|\(participant)|\(course)")
                redeemCodes[code] = RedeemCodeRecord(
                    code: code, providerCode: lp, courseCode: course, scheduleCode: schedule, invoiceCode: "INV-SEED-\(code.prefix(6))",
                    platformCode: platform, participantID: participant, state: .active, redeemedAt: nil, attendance: [:],
                    isTestCode: false, failsVerification: false)
                schedules[schedule]?.quota -= 1
            }
        }
    }

    private mutating func add(_ course: SandboxCourse, schedules list: [(String, [(Date, Date)], (Date, Date), Int)]) {
        courses[course.code] = course
        for (code, sessions, period, quota) in list {
            schedules[code] = SandboxSchedule(
                code: code, courseCode: course.code, sessions: sessions.map { (start: $0.0, end: $0.1) },
                period: (start: period.0, end: period.1), quota: quota)
        }
    }

    /// A deterministic 12-character redeem code (FNV-1a of the seed, base 36).
    static func code(seed: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var text = ""
        for _ in 0..<12 {
            text.append(alphabet[Int(hash % 36)])
            hash = hash / 36 &+ (hash &* 31)
        }
        return text
    }
}

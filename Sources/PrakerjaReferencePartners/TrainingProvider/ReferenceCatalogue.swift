import Foundation
import PrakerjaModels
import PrakerjaPartners

/// The reference training provider's data: 51 courses over 17 subjects in every learning method
/// (two thirds self-paced, as in 2021), each with a full syllabus, trainers and evaluation; past,
/// running and future schedules; three participants per course at different stages; and the
/// certificates of those who completed. Deterministic for a seed and a reference time.
public struct ReferenceCatalogue: Sendable {
    public static let providerCode = "REFLP01"
    public static let providerName = "Lembaga Pelatihan Referensi Nusantara"

    public let courses: [CourseDetail]
    /// By course code: a past, a running and a future schedule for live courses; one for self-paced ones.
    public let schedules: [String: [Schedule]]
    public let participants: [Participant]
    public let certificates: [String: Certificate]

    /// A participant: who, and where they stand.
    public struct Participant: Sendable {
        public let name: String
        public let progress: ParticipantProgress
        /// The subject's skills, as job portals name them.
        public let skills: [String]
    }

    /// - Parameter courses: how many courses (the 53 of one round of the subjects by default; a
    ///   larger catalogue repeats the subjects in further rounds, coded `...-R2`, for benchmarks).
    public static func generate(now: Date, seed: UInt64 = 2021, courses count: Int? = nil) -> ReferenceCatalogue {
        var random = SeededRandom(seed: seed)
        var courses: [CourseDetail] = [], schedules: [String: [Schedule]] = [:], participants: [Participant] = []
        var certificates: [String: Certificate] = [:]
        var round = 1
        rounds: while true {
            for (topicIndex, topic) in Topic.all.enumerated() {
                for (variant, (method, advanced)) in Self.methods(topicIndex).enumerated() {
                    if let count, courses.count >= count { break rounds }
                    let code =
                        String(format: "%@-%02d%@%d", providerCode, topicIndex + 1, Self.methodLetter(method), variant + 1)
                        + (round > 1 ? "-R\(round)" : "")
                    let detail = Self.course(code: code, topic: topic, method: method, advanced: advanced, random: &random)
                    courses.append(detail)
                    let courseSchedules = Self.schedules(for: detail, now: now, random: &random)
                    schedules[code] = courseSchedules
                    for stage in 0..<3 {
                        let name = "\(random.pick(Names.first)) \(random.pick(Names.last))"
                        let (progress, certificate) = Self.participant(
                            stage: stage, course: detail, schedules: courseSchedules, name: name,
                            serial: participants.count + 1, now: now, random: &random)
                        participants.append(Participant(name: name, progress: progress, skills: topic.skills))
                        if let certificate { certificates[certificate.number] = certificate }
                    }
                }
            }
            guard let count, courses.count < count else { break }
            round += 1
        }
        return ReferenceCatalogue(courses: courses, schedules: schedules, participants: participants, certificates: certificates)
    }

    /// The participants of the first course of each learning method, every stage (completed, not
    /// completed, midway through a running schedule): the sample whose progress the kit judges.
    public var sampleParticipants: [Participant] {
        let firstOfEachMethod = Set(Dictionary(grouping: courses, by: \.course.method).values.compactMap { $0.first?.course.code })
        return participants.filter { firstOfEachMethod.contains($0.progress.courseCode) }
    }

    /// A subject's courses: basic and advanced self-paced, and for some subjects webinar, hybrid or offline.
    private static func methods(_ topicIndex: Int) -> [(LearningMethod, advanced: Bool)] {
        var methods: [(LearningMethod, Bool)] = [(.selfPaced, false), (.selfPaced, true)]
        if topicIndex % 2 == 0 { methods.append((.webinar, false)) }
        if topicIndex % 3 == 0 { methods.append((.hybrid, false)) }
        if topicIndex % 4 == 1 { methods.append((.offline, false)) }
        return methods
    }

    private static func methodLetter(_ method: LearningMethod) -> String {
        switch method {
        case .selfPaced: "S"
        case .webinar: "W"
        case .offline: "L"
        case .hybrid: "B"
        }
    }

    // MARK: Courses

    private static func course(code: String, topic: Topic, method: LearningMethod, advanced: Bool, random: inout SeededRandom) -> CourseDetail {
        let sessions = method == .selfPaced ? 0 : Int.random(in: 3...5, using: &random)
        let minutesPerDay = method == .selfPaced ? 0 : [180, 210, 240][Int.random(in: 0...2, using: &random)]
        let duration = method == .selfPaced ? Int.random(in: 8...16, using: &random) * 45 : sessions * minutesPerDay
        let modules = Self.modules(topic: topic, method: method, duration: duration, random: &random)
        let price = Int64(Int.random(in: 4...18, using: &random)) * 50_000
        let title = advanced ? "\(topic.title) Tingkat Lanjut" : topic.title
        let course = try! Course(
            code: code, providerCode: providerCode, title: title,
            description: "\(title): pelatihan \(method.label) untuk \(topic.targetParticipants.lowercased()). "
                + "Peserta mempelajari \(topic.modules.prefix(3).joined(separator: ", ").lowercased()) dan lainnya.",
            method: method, price: try! Rupiah(price), durationMinutes: duration)
        let trainers = (0..<2).map { _ in
            Trainer(
                name: "\(random.pick(Names.first)) \(random.pick(Names.last))",
                qualifications: [
                    random.pick(["S1 ", "D3 ", "S2 "]) + random.pick(["Manajemen", "Teknik", "Pendidikan", "Komunikasi", "Tata Boga", "Informatika"])
                ],
                yearsOfExperience: Int.random(in: 3...15, using: &random),
                certifications: ["Sertifikat Kompetensi BNSP \(topic.occupation.title)", "Pelatihan Metodologi Pelatihan (TOT)"])
        }
        return CourseDetail(
            course: course, targetParticipants: topic.targetParticipants, competencies: topic.competencies, occupations: [topic.occupation],
            learningObjectives: topic.competencies.map { "Peserta mampu \($0.title.prefix(1).lowercased() + $0.title.dropFirst())" }
                + ["Peserta mampu menerapkan \(topic.modules.last!.lowercased()) secara mandiri"],
            schedulePlan: method == .selfPaced
                ? SchedulePlan(days: (duration + 239) / 240, minutesPerDay: min(240, duration), sessions: 0)
                : SchedulePlan(days: sessions, minutesPerDay: minutesPerDay, sessions: sessions),
            modules: modules,
            evaluation: EvaluationPlan(
                preTest: TestPlan(questions: 10, passingScore: 0), postTest: TestPlan(questions: 20, passingScore: 60),
                quizzes: modules.count, practicalTest: topic.practicalTest),
            trainers: trainers, participantsPerFacilitator: method == .selfPaced ? 100 : (method == .webinar ? 30 : 20),
            pricesElsewhere: [
                PriceElsewhere(channel: "Situs lembaga", price: try! Rupiah(price + Int64(Int.random(in: 0...4, using: &random)) * 25_000)),
                PriceElsewhere(channel: "Kelas tatap muka reguler", price: try! Rupiah(price + 100_000)),
            ],
            certificate: CertificateTemplate(
                title: "Sertifikat Penyelesaian \(title)", issuer: providerName, listsCompetencies: true,
                sampleURL: "https://reflp01.example.id/sertifikat/contoh/\(code).pdf"),
            lms: method == .selfPaced || method == .hybrid
                ? LMSDetails(url: "https://belajar.reflp01.example.id/kelas/\(code)", features: ["video", "kuis", "forum diskusi", "unggah tugas"])
                : nil,
            selfPracticeTasks: [
                SelfPracticeTask(
                    sequence: 1, title: "Tugas praktik mandiri",
                    instructions: "\(topic.practicalTest); unggah hasilnya sebagai foto atau video.")
            ])
    }

    /// Six modules whose theory and practice minutes add up to `duration` exactly.
    private static func modules(topic: Topic, method: LearningMethod, duration: Int, random: inout SeededRandom) -> [CourseModule] {
        let count = topic.modules.count
        return topic.modules.enumerated().map { index, title in
            let minutes = duration / count + (index == count - 1 ? duration % count : 0)
            let theory = minutes * Int.random(in: 35...60, using: &random) / 100
            let kinds: [LearningMaterial.Kind] = method == .selfPaced ? [.video, .document, .quiz] : [.liveSession, .slides, .quiz]
            return CourseModule(
                sequence: index + 1, title: title, theoryMinutes: theory, practiceMinutes: minutes - theory,
                materials: kinds.map {
                    LearningMaterial(kind: $0, title: "\(title): \($0.rawValue)", minutes: $0 == .quiz ? 10 : max(5, minutes / 2))
                })
        }
    }

    // MARK: Schedules and participants

    /// Live courses: a past schedule (started 20 days ago), a running one (session 1 started 30
    /// hours ago, a session a day) and a future one (in a week). Self-paced: one open schedule.
    private static func schedules(for detail: CourseDetail, now: Date, random: inout SeededRandom) -> [Schedule] {
        let code = detail.course.code
        guard detail.course.method != .selfPaced else {
            return [try! Schedule(code: "\(code)-A", courseCode: code, quota: 1_000, sessions: [])]
        }
        let base = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        return [(-20 * 86_400.0, "A"), (-30 * 3_600.0, "B"), (7 * 86_400.0, "C")].map { offset, letter in
            let start = base.addingTimeInterval(offset)
            let sessions = (0..<detail.schedulePlan.sessions).map { index in
                let begins = start.addingTimeInterval(Double(index) * 86_400)
                return try! Session(
                    sequence: index + 1, startsAt: begins, endsAt: begins.addingTimeInterval(Double(detail.schedulePlan.minutesPerDay * 60)))
            }
            return try! Schedule(
                code: "\(code)-\(letter)", courseCode: code, quota: letter == "C" ? Int.random(in: 10...30, using: &random) : 0, sessions: sessions)
        }
    }

    /// Stage 0 completed with a valid certificate; stage 1 finished the past schedule without
    /// completing (one session missed), or, for every fifth course, completed and had its
    /// certificate revoked; stage 2 is midway through the running schedule.
    private static func participant(
        stage: Int, course: CourseDetail, schedules: [Schedule], name: String, serial: Int, now: Date,
        random: inout SeededRandom
    ) -> (ParticipantProgress, Certificate?) {
        let code = try! RedeemCode(String((0..<12).map { _ in random.pick(Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")) }))
        let live = course.course.method != .selfPaced
        let schedule = live ? schedules[stage == 2 ? 1 : 0] : schedules[0]
        let revoked = stage == 1 && serial % 5 == 0
        let completes = stage == 0 || revoked
        var attendance: [AttendanceRecord] = []
        for session in schedule.sessions {
            let missed = stage == 1 && !revoked && session.sequence == 2
            let status: AttendanceRecord.Status = session.endsAt <= now ? (missed ? .absent : .attended) : .upcoming
            attendance.append(
                AttendanceRecord(
                    sequence: session.sequence, status: status,
                    verifiedAt: status == .attended ? Timestamp(session.startsAt.addingTimeInterval(600)) : nil))
        }
        let finished = (schedule.sessions.last?.endsAt ?? now.addingTimeInterval(-5 * 86_400)).addingTimeInterval(3_600)
        let finishedAt = Date(timeIntervalSince1970: finished.timeIntervalSince1970.rounded(.down))
        let postTest = completes ? Int.random(in: 62...98, using: &random) : nil
        let quizzes = (0..<(stage == 2 ? 2 : course.modules.count)).map { _ in Int.random(in: 50...100, using: &random) }
        var certificate: Certificate?
        if completes, let score = postTest {
            let number = CertificateNumbers.number(serial: serial, year: CalendarDate(finishedAt).year)
            certificate = try! Certificate(
                number: number, courseCode: course.course.code, participantName: name, issuedOn: CalendarDate(finishedAt),
                postTestScore: score, status: revoked ? .revoked : .valid)
        }
        let progress = ParticipantProgress(
            redeemCode: code, courseCode: course.course.code, scheduleCode: schedule.code, attendance: attendance,
            preTestScore: Int.random(in: 20...70, using: &random), quizScores: quizzes, postTestScore: postTest, completed: completes,
            completedAt: completes ? Timestamp(finishedAt) : nil, certificateNumber: certificate?.number)
        return (progress, certificate)
    }
}

/// The reference provider's certificate numbers: `REFLP01-YYYY-NNNNNN-C`, C a check letter over the
/// rest, so a typo is recognisably not a number this provider issues (but it is still `unknown`,
/// not an error: only issued numbers are ever `valid`).
public enum CertificateNumbers {
    public static func number(serial: Int, year: Int) -> String {
        let body = String(format: "%@-%04d-%06d", ReferenceCatalogue.providerCode, year, serial)
        return body + "-" + check(body)
    }

    /// A well-formed number this provider never issued: the right shape and check letter, a serial far beyond any issued.
    public static func forged(year: Int = 2026) -> String { number(serial: 987_654, year: year) }

    static func check(_ body: String) -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        return String(letters[body.unicodeScalars.reduce(7) { ($0 * 31 + Int($1.value)) % 1_000_003 } % letters.count])
    }
}

enum Names {
    static let first = [
        "Siti", "Budi", "Dewi", "Agus", "Rina", "Yusuf", "Ayu", "Eko", "Fitri", "Hendra", "Indah", "Joko", "Kartika", "Lukman",
        "Maya", "Nur", "Putri", "Rizky", "Sri", "Teguh", "Wahyu", "Yuni", "Andi", "Bayu", "Citra", "Dian",
    ]
    static let last = [
        "Rahmawati", "Santoso", "Lestari", "Prasetyo", "Wulandari", "Hidayat", "Saputra", "Kurniawan", "Nugroho", "Pratama",
        "Susanti", "Setiawan", "Handayani", "Wijaya", "Siregar", "Nasution", "Simanjuntak", "Sihombing", "Manurung", "Tanjung",
    ]
}

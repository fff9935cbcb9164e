import Foundation

/// The program's own feeds about the reference provider's courses, as the contact centre, the
/// evaluation survey and the redemptions would give them (`Specs/feeds/`): a few months of
/// enrolments and complaints, and the survey's answers. Most courses are healthy (a handful of
/// complaints per 1,000 participants, satisfaction about 4.5 of 5, as the 2021 report's 4.9
/// stars and 94% "matched my interest"); the troubled ones went wrong in the newest month
/// (complaints ten times their rate, a survey at about 2.4). Deterministic for a seed.
public struct ReferenceFeeds: Sendable {
    /// The courses, by code with their provider's code, in catalogue order.
    public let courses: [(code: String, provider: String)]
    /// The platform's code the courses are sold under.
    public let platformCode: String
    /// The newest month (the one monitoring judges); earlier months come before it.
    public let year: Int, month: Int
    /// How many months before the newest are written (each provider's history).
    public var earlierMonths = 2
    /// Participants enrolled per course per month (varied by a fifth either way).
    public var participants = 400
    /// Survey answers per course in the newest month.
    public var answers = 40
    /// Complaints not about a course (the incentive's payment, anything else) added in the
    /// newest month: the bulk of the contact centre's 1.9 million forms a month.
    public var otherComplaints = 0
    /// The indices (in `courses`) of the courses that went wrong in the newest month.
    public var troubled: Set<Int>
    public var seed: UInt64 = 2021

    /// The payment partners payment complaints name.
    static let paymentPartners = ["DANA", "OVO", "GOPAY", "LINKAJA", "BNI"]

    public init(courses: [(code: String, provider: String)], platformCode: String, year: Int, month: Int, troubledEvery: Int = 17) {
        self.courses = courses
        self.platformCode = platformCode
        (self.year, self.month) = (year, month)
        troubled = troubledEvery > 0 ? Set(courses.indices.filter { $0 % troubledEvery == troubledEvery / 3 }) : []
    }

    /// The files written.
    public struct Files: Sendable {
        public let complaints: URL
        public let survey: URL
        public let enrolments: URL
        /// Rows written to each.
        public let complaintRows: Int, answerRows: Int, enrolmentRows: Int
    }

    /// The feeds' CSV headers, as `Specs/feeds/` names the columns.
    static let enrolmentHeader = "month,courseCode,platformCode,participants"
    static let complaintHeader = "complaintId,receivedAt,channel,category,courseCode,partnerCode,nik"
    static let answerHeader = "answerId,answeredAt,wave,courseCode,platformCode,satisfaction,matchedInterest,newSkills,moreEfficient,nik"

    /// Writes `complaints.csv`, `survey.csv` and `enrolments.csv` into `folder` (made if missing),
    /// a row at a time (feeds of millions of rows).
    public func write(to folder: URL) throws -> Files {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let enrolments = try CSVFile(folder.appending(path: "enrolments.csv"), header: Self.enrolmentHeader)
        let complaints = try CSVFile(folder.appending(path: "complaints.csv"), header: Self.complaintHeader)
        let survey = try CSVFile(folder.appending(path: "survey.csv"), header: Self.answerHeader)
        try generate(enrolment: enrolments.row, complaint: complaints.row, answer: survey.row)
        try enrolments.close()
        try complaints.close()
        try survey.close()
        return Files(
            complaints: complaints.url, survey: survey.url, enrolments: enrolments.url, complaintRows: complaints.rows, answerRows: survey.rows,
            enrolmentRows: enrolments.rows)
    }

    /// The three feeds as CSV text, header first (a sandbox's sample: a few courses).
    public func texts() -> (complaints: String, survey: String, enrolments: String) {
        var enrolments = Self.enrolmentHeader + "\n", complaints = Self.complaintHeader + "\n", survey = Self.answerHeader + "\n"
        generate(enrolment: { enrolments += $0 + "\n" }, complaint: { complaints += $0 + "\n" }, answer: { survey += $0 + "\n" })
        return (complaints, survey, enrolments)
    }

    /// Makes every row, in order, and hands each to its feed's sink (a line without its newline).
    private func generate<Failure: Error>(
        enrolment: (String) throws(Failure) -> Void, complaint write: (String) throws(Failure) -> Void, answer: (String) throws(Failure) -> Void
    ) throws(Failure) {
        var random = SeededRandom(seed: seed)
        var complaintNumber = 0
        func complaint(_ monthIndex: Int, _ category: String, _ course: String, _ partner: String) throws(Failure) {
            complaintNumber += 1
            let (y, m) = Self.yearMonth(monthIndex)
            let day = Int.random(in: 1...28, using: &random), minute = Int.random(in: 0..<1440, using: &random)
            try write(
                "ADU-\(Self.pad(y, 4))\(Self.pad(m, 2))-\(Self.pad(complaintNumber, 8)),\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(day, 2))T\(Self.pad(minute / 60, 2)):\(Self.pad(minute % 60, 2)):00+07:00,"
                    + "\(random.pick(["form", "call", "chat"])),\(category),\(course),\(partner),\(Self.maskedNIK(&random))")
        }
        let newest = year * 12 + month - 1
        for monthIndex in (newest - earlierMonths)...newest {
            let (y, m) = Self.yearMonth(monthIndex)
            for (index, course) in courses.enumerated() {
                let enrolled = max(1, participants * Int.random(in: 80...120, using: &random) / 100)
                try enrolment("\(Self.pad(y, 4))-\(Self.pad(m, 2)),\(course.code),\(platformCode),\(enrolled)")
                let wrong = monthIndex == newest && troubled.contains(index)
                // Per 1,000 participants: healthy, or ten times that in a troubled course's bad month.
                let rates: [(String, Double)] = [("training", 6), ("provider", 3), ("certificate", 2), ("platform", 3)]
                for (category, rate) in rates {
                    let expected = Double(enrolled) * rate * (wrong ? 10 : 1) / 1000 * Double.random(in: 0.7...1.3, using: &random)
                    for _ in 0..<Int(expected.rounded()) {
                        try complaint(monthIndex, category, course.code, category == "platform" ? platformCode : course.provider)
                    }
                }
            }
        }
        for _ in 0..<otherComplaints {
            let payment = Double.random(in: 0..<1, using: &random) < 0.6
            try complaint(newest, payment ? "payment" : "other", "", payment ? random.pick(Self.paymentPartners) : "PRAKERJA")
        }
        var answerNumber = 0
        for (index, course) in courses.enumerated() {
            let wrong = troubled.contains(index)
            for _ in 0..<answers {
                answerNumber += 1
                let day = Int.random(in: 1...28, using: &random)
                let roll = Double.random(in: 0..<1, using: &random)
                let satisfaction =
                    wrong
                    ? (roll < 0.25 ? 1 : roll < 0.55 ? 2 : roll < 0.8 ? 3 : roll < 0.95 ? 4 : 5) : (roll < 0.6 ? 5 : roll < 0.9 ? 4 : 3)
                let yes = { (healthy: Double, troubled: Double) in Double.random(in: 0..<1, using: &random) < (wrong ? troubled : healthy) }
                try answer(
                    "SE-\(Self.pad(answerNumber, 9)),\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T10:00:00+07:00,1,\(course.code),\(platformCode),"
                        + "\(satisfaction),\(yes(0.94, 0.4)),\(yes(0.9, 0.35)),\(yes(0.85, 0.3)),\(Self.maskedNIK(&random))")
            }
        }
    }

    static func yearMonth(_ index: Int) -> (Int, Int) { (index / 12, index % 12 + 1) }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A NIK masked as the program's feeds carry it: the last four digits.
    static func maskedNIK(_ random: inout SeededRandom) -> String { "************" + pad(Int.random(in: 0...9999, using: &random), 4) }
}

/// A CSV file written a row at a time through a buffer (feeds of millions of rows).
private final class CSVFile {
    let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var rows = 0

    init(_ url: URL, header: String) throws {
        self.url = url
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
        buffer += header.utf8
        buffer.append(10)
    }

    func row(_ line: String) throws {
        buffer += line.utf8
        buffer.append(10)
        rows += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}

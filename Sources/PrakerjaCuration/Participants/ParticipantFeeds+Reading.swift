import Foundation
import PrakerjaModels

extension ParticipantFeeds {
    /// The columns of a complaint row.
    public static let complaintColumns = ["complaintId", "receivedAt", "channel", "category", "courseCode", "partnerCode", "nik"]
    /// The columns of an evaluation survey answer row.
    public static let answerColumns = [
        "answerId", "answeredAt", "wave", "courseCode", "platformCode", "satisfaction", "matchedInterest", "newSkills", "moreEfficient", "nik",
    ]
    /// The columns of an enrolment row.
    public static let enrolmentColumns = ["month", "courseCode", "platformCode", "participants"]

    /// The columns the contracts type as strings only (the others take a number or boolean too).
    static let textColumns: Set<String> = [
        "complaintId", "receivedAt", "channel", "category", "courseCode", "partnerCode", "nik", "answerId", "answeredAt", "platformCode", "month",
    ]

    static let channels = ["form", "call", "chat"]
    static let categoryNames = Category.allCases.map(\.rawValue)

    /// Reads the feeds for the approved `courses` (code to provider code) and the sweep's
    /// `platforms` (code to config name; empty when the configs give no codes: any platform code
    /// is then taken). Each file is read once; throws only when a file cannot be read at all. A
    /// file in `names` is reported under its name there (a feed fetched from an address: the address).
    public static func read(
        complaints: [String] = [], survey: [String] = [], enrolments: [String] = [], courses: [String: String],
        platforms: [String: String] = [:], names: [String: String] = [:]
    ) throws(FeedError) -> ParticipantFeeds {
        let given = Set(
            [(Feed.complaints, complaints), (.survey, survey), (.enrolments, enrolments)].compactMap { $0.1.isEmpty ? nil : $0.0 })
        var feeds = ParticipantFeeds(courses: courses, platforms: platforms, given: given)
        var seen = Set<UInt64>()
        for file in enrolments { try feeds.readEnrolments(file, named: names[file] ?? file, seen: &seen) }
        seen.removeAll()
        for file in complaints { try feeds.readComplaints(file, named: names[file] ?? file, seen: &seen) }
        seen.removeAll()
        for file in survey { try feeds.readAnswers(file, named: names[file] ?? file, seen: &seen) }
        for (_, course) in feeds.courses {
            for month in Set(course.participants.keys).union(course.complaints.keys) {
                feeds.providers[course.provider, default: [:]][month, default: Rate()].add(
                    complaints: [.training, .provider, .certificate].reduce(0) { $0 + (course.complaints[month]?[$1] ?? 0) },
                    participants: course.participants[month] ?? 0)
            }
        }
        return feeds
    }

    /// The approved course a row names, or why the row cannot be used (unknown).
    private func course(_ bytes: ArraySlice<UInt8>) throws(Unusable) -> String {
        let code = String(decoding: bytes, as: UTF8.self)
        guard courses[code] != nil else { throw Unusable(kind: .unknown, reason: "course \(code) is not one the program approved") }
        return code
    }

    /// Refuses a platform code the sweep does not know (when it knows its platforms' codes).
    private func checkPlatform(_ bytes: ArraySlice<UInt8>) throws(Unusable) -> String {
        let code = String(decoding: bytes, as: UTF8.self)
        guard platformNames.isEmpty || platformNames[code] != nil else {
            throw Unusable(kind: .unknown, reason: "platform \(code) is none of the sweep's (\(platformNames.keys.sorted().joined(separator: ", ")))")
        }
        return code
    }

    /// Refuses an id read before in this feed (`duplicate`), by its hash.
    private static func checkFirst(_ bytes: ArraySlice<UInt8>, _ field: String, seen: inout Set<UInt64>) throws(Unusable) {
        guard seen.insert(FeedValues.hash(bytes)).inserted else {
            throw Unusable(kind: .duplicate, reason: "\(field) \(String(decoding: bytes, as: UTF8.self)) was read before")
        }
    }

    private mutating func readEnrolments(_ file: String, named name: String, seen: inout Set<UInt64>) throws(FeedError) {
        var feeds = self
        defer { self = feeds }
        try Self.rows(of: file, named: name, Self.enrolmentColumns, problem: { feeds.problem($0) }) { (fields) throws(Unusable) in
            let (year, month) = try Unusable.checked { () throws(FeedValues.Invalid) in try FeedValues.month(fields[0], "month") }
            try Unusable.checked { () throws(FeedValues.Invalid) in
                try FeedValues.checkIdentifier(fields[1], "courseCode")
                try FeedValues.checkIdentifier(fields[2], "platformCode")
            }
            let participants = try Unusable.checked { () throws(FeedValues.Invalid) in
                try FeedValues.integer(fields[3], "participants", in: 0...999_999_999)
            }
            let code = try feeds.course(fields[1])
            let platform = try feeds.checkPlatform(fields[2])
            try Self.checkFirst(fields[0] + [0] + fields[1] + [0] + fields[2], "month, course and platform", seen: &seen)
            let at = Month(year: year, month: month)
            feeds.courses[code]!.participants[at, default: 0] += participants
            feeds.courses[code]!.platformParticipants[at, default: [:]][platform, default: 0] += participants
            feeds.latestMonth = max(feeds.latestMonth ?? at, at)
            feeds.used[.enrolments, default: 0] += 1
        }
    }

    private mutating func readComplaints(_ file: String, named name: String, seen: inout Set<UInt64>) throws(FeedError) {
        var feeds = self
        defer { self = feeds }
        try Self.rows(of: file, named: name, Self.complaintColumns, problem: { feeds.problem($0) }) { (fields) throws(Unusable) in
            let (receivedAt, category) = try Unusable.checked { () throws(FeedValues.Invalid) in
                try FeedValues.checkIdentifier(fields[0], "complaintId")
                let receivedAt = try FeedValues.instant(fields[1], "receivedAt")
                _ = try FeedValues.choice(fields[2], "channel", of: Self.channels)
                let category = Category.allCases[try FeedValues.choice(fields[3], "category", of: Self.categoryNames)]
                if category.concernsACourse || !fields[4].isEmpty { try FeedValues.checkIdentifier(fields[4], "courseCode") }
                try FeedValues.checkIdentifier(fields[5], "partnerCode")
                try FeedValues.checkMaskedNIK(fields[6], "nik")
                return (receivedAt, category)
            }
            let partner = String(decoding: fields[5], as: UTF8.self)
            var code: String?
            if !fields[4].isEmpty {
                code = try feeds.course(fields[4])
                let provider = feeds.courses[code!]!.provider
                if category == .platform {
                    _ = try feeds.checkPlatform(fields[5])
                } else if category.concernsACourse, partner != provider {
                    throw Unusable(
                        kind: .unknown, reason: "a \(category.rawValue) complaint about \(code!) names \(partner), not its provider \(provider)")
                }
            }
            try Self.checkFirst(fields[0], "complaintId", seen: &seen)
            let month = Month(CalendarDate(dayNumber: FeedValues.jakartaDay(receivedAt)))
            if let code {
                feeds.courses[code]!.complaints[month, default: [:]][category, default: 0] += 1
                if category == .platform { feeds.courses[code]!.platformComplaints[month, default: [:]][partner, default: 0] += 1 }
            }
            feeds.partners[partner, default: [:]][category, default: 0] += 1
            feeds.latestMonth = max(feeds.latestMonth ?? month, month)
            feeds.used[.complaints, default: 0] += 1
        }
    }

    private mutating func readAnswers(_ file: String, named name: String, seen: inout Set<UInt64>) throws(FeedError) {
        var feeds = self
        defer { self = feeds }
        try Self.rows(of: file, named: name, Self.answerColumns, problem: { feeds.problem($0) }) { (fields) throws(Unusable) in
            let (satisfaction, answers) = try Unusable.checked { () throws(FeedValues.Invalid) in
                try FeedValues.checkIdentifier(fields[0], "answerId")
                _ = try FeedValues.instant(fields[1], "answeredAt")
                _ = try FeedValues.digit(fields[2], "wave", in: 1...9)
                try FeedValues.checkIdentifier(fields[3], "courseCode")
                try FeedValues.checkIdentifier(fields[4], "platformCode")
                let satisfaction = try FeedValues.digit(fields[5], "satisfaction", in: 1...5)
                let answers = (
                    try FeedValues.boolean(fields[6], "matchedInterest"), try FeedValues.boolean(fields[7], "newSkills"),
                    try FeedValues.boolean(fields[8], "moreEfficient")
                )
                try FeedValues.checkMaskedNIK(fields[9], "nik")
                return (satisfaction, answers)
            }
            let code = try feeds.course(fields[3])
            _ = try feeds.checkPlatform(fields[4])
            try Self.checkFirst(fields[0], "answerId", seen: &seen)
            feeds.courses[code]!.survey.add(satisfaction: satisfaction, answers)
            feeds.used[.survey, default: 0] += 1
        }
    }

    /// Every row of `file` given to `use`; a row it cannot use is a `problem` of this file and line.
    private static func rows(
        of file: String, named name: String, _ columns: [String], problem: (FeedProblem) -> Void,
        _ use: (_ fields: [ArraySlice<UInt8>]) throws(Unusable) -> Void
    ) throws(FeedError) {
        try FeedReader(path: file, name: name, columns: columns, textColumns: textColumns).forEachRow { (fields, line) throws(FeedValues.Invalid) in
            do throws(Unusable) { try use(fields) } catch {
                guard error.kind != .malformed else { throw FeedValues.Invalid(reason: error.reason) }
                problem(FeedProblem(file: name, line: line, kind: error.kind, reason: error.reason))
            }
        } problem: {
            problem($0)
        }
    }

    /// Why a row is not used: a problem of its kind, whose file and line `forEachRow` adds.
    struct Unusable: Error {
        let kind: FeedProblem.Kind
        let reason: String

        /// What `read` returns; a value it refuses makes the row malformed.
        static func checked<Value>(_ read: () throws(FeedValues.Invalid) -> Value) throws(Unusable) -> Value {
            do { return try read() } catch { throw Unusable(kind: .malformed, reason: error.reason) }
        }
    }
}

extension ParticipantFeeds.Rate {
    mutating func add(complaints: Int, participants: Int) {
        self.complaints += complaints
        self.participants += participants
    }
}

extension ParticipantFeeds.Survey {
    mutating func add(satisfaction: Int, _ answers: (matchedInterest: Bool, newSkills: Bool, moreEfficient: Bool)) {
        self.answers += 1
        satisfactionTotal += satisfaction
        if answers.matchedInterest { matchedInterest += 1 }
        if answers.newSkills { newSkills += 1 }
        if answers.moreEfficient { moreEfficient += 1 }
    }
}

import Foundation
import PrakerjaModels

/// What the program hears from participants, folded per course for monitoring: the contact
/// centre's complaints, the evaluation survey's answers, and the enrolments complaint rates are
/// per 1,000 of (`Specs/feeds/complaint.schema.json`, `survey-answer.schema.json`,
/// `enrolment.schema.json`). Each file is read once, a row at a time (`read`); only the counts
/// are kept, so a month of two million complaints folds into a few numbers per course.
///
/// A row that cannot be read, names a course the program did not approve (or a provider that is
/// not the course's, a platform the sweep does not know), or repeats an id already read, is a
/// `FeedProblem` with its file and line, counted and never used.
public struct ParticipantFeeds: Sendable {
    /// What a complaint is about (`category`).
    public enum Category: String, Sendable, CaseIterable, Codable {
        case training, provider, platform, certificate, payment, other

        /// Whether it is about a course (and must name one).
        public var concernsACourse: Bool { self != .payment && self != .other }
    }

    /// One of the feeds.
    public enum Feed: String, Sendable, CaseIterable {
        case complaints, survey, enrolments
    }

    /// A calendar month (Jakarta time), ordered.
    public struct Month: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Months since year 0: `year * 12 + month - 1`.
        let index: Int

        public init(year: Int, month: Int) { index = year * 12 + month - 1 }

        init(index: Int) { self.index = index }

        /// The month of a day.
        init(_ date: CalendarDate) { self.init(year: date.year, month: date.month) }

        public var year: Int { index / 12 }
        public var month: Int { index % 12 + 1 }
        public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
        public static func < (a: Month, b: Month) -> Bool { a.index < b.index }
    }

    /// The evaluation survey's answers about one course, counted.
    public struct Survey: Sendable, Equatable {
        public internal(set) var answers = 0
        /// The sum of the satisfaction scores (1-5).
        public internal(set) var satisfactionTotal = 0
        public internal(set) var matchedInterest = 0
        public internal(set) var newSkills = 0
        public internal(set) var moreEfficient = 0

        /// The average satisfaction (1-5); nil with no answer.
        public var satisfaction: Double? { answers == 0 ? nil : Double(satisfactionTotal) / Double(answers) }

        /// The share of answers saying yes to each question.
        public var shares: [(question: String, share: Double)] {
            guard answers > 0 else { return [] }
            return [("matched their interest", matchedInterest), ("gave new skills", newSkills), ("made their work more efficient", moreEfficient)]
                .map { ($0.0, Double($0.1) / Double(answers)) }
        }
    }

    /// What the feeds say about one course.
    public struct Course: Sendable {
        /// The course's provider (its code), as approved.
        public let provider: String
        /// Participants enrolled, by month.
        public internal(set) var participants: [Month: Int] = [:]
        /// Participants enrolled, by month and the platform's code.
        public internal(set) var platformParticipants: [Month: [String: Int]] = [:]
        /// Complaints received, by month and category.
        public internal(set) var complaints: [Month: [Category: Int]] = [:]
        /// Platform complaints, by month and the platform's code.
        public internal(set) var platformComplaints: [Month: [String: Int]] = [:]
        public internal(set) var survey = Survey()

        init(provider: String) { self.provider = provider }
    }

    /// A month's complaints against the participants they are a rate of.
    public struct Rate: Sendable, Equatable {
        public internal(set) var complaints = 0
        public internal(set) var participants = 0

        public init(complaints: Int = 0, participants: Int = 0) {
            self.complaints = complaints
            self.participants = participants
        }

        /// Complaints per 1,000 participants; nil with no participant.
        public var perThousand: Double? { participants == 0 ? nil : Double(complaints) * 1000 / Double(participants) }
    }

    /// Each approved course the feeds were read for, by code (with nothing counted when the
    /// feeds do not name it).
    public internal(set) var courses: [String: Course]
    /// Each provider's complaints about its courses (training, provider, certificate) against
    /// their participants, by month: the history a course's month is compared with.
    public internal(set) var providers: [String: [Month: Rate]] = [:]
    /// Complaints by the partner they concern (its code) and category, every month together.
    public internal(set) var partners: [String: [Category: Int]] = [:]
    /// The newest month the complaints or enrolments reach: the month monitoring judges.
    public internal(set) var latestMonth: Month?
    /// The platforms the sweep knows, by code, with their config names (findings name those).
    public let platformNames: [String: String]
    /// The feeds given (a feed not given leaves its indicators not applicable).
    public let given: Set<Feed>
    /// Rows read and used, by feed.
    public internal(set) var used: [Feed: Int] = [:]
    /// The first rows that could not be used (at most `keptProblems`); every one is counted in `problemCounts`.
    public internal(set) var problems: [FeedProblem] = []
    /// How many rows of each kind could not be used.
    public internal(set) var problemCounts: [FeedProblem.Kind: Int] = [:]

    /// How many problems are kept to be shown (all are counted).
    public static let keptProblems = 1000

    /// No row read yet, for the approved courses (code to provider code) and, when the sweep's
    /// platform configs give their codes, the platforms (code to config name; empty: any platform
    /// code is taken, as the sweep cannot tell).
    init(courses: [String: String], platforms: [String: String], given: Set<Feed>) {
        self.courses = courses.mapValues { Course(provider: $0) }
        platformNames = platforms
        self.given = given
    }

    /// Whether a row could not be used: the run's exit code says so (`ExitStatus.dirtyFeed`).
    public var isDirty: Bool { !problemCounts.isEmpty }

    /// How many rows could not be used.
    public var problemCount: Int { problemCounts.values.reduce(0, +) }

    mutating func problem(_ problem: FeedProblem) {
        problemCounts[problem.kind, default: 0] += 1
        if problems.count < Self.keptProblems { problems.append(problem) }
    }

    /// The course's complaints in `month` of `categories`, against its participants that month.
    public func rate(of code: String, in month: Month, _ categories: [Category]) -> Rate {
        guard let course = courses[code] else { return Rate() }
        let counts = course.complaints[month] ?? [:]
        return Rate(complaints: categories.reduce(0) { $0 + (counts[$1] ?? 0) }, participants: course.participants[month] ?? 0)
    }

    /// The provider's complaints against its participants over every month before `month`.
    public func providerHistory(_ provider: String, before month: Month) -> Rate {
        (providers[provider] ?? [:]).filter { $0.key < month }.values.reduce(into: Rate()) {
            $0.complaints += $1.complaints
            $0.participants += $1.participants
        }
    }

    /// The config name of the platform `code` (the code itself when no config gives it).
    public func platformName(_ code: String) -> String { platformNames[code] ?? code }
}

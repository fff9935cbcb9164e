import Foundation
import PrakerjaCuration
import PrakerjaTestSupport
import Testing

/// Feeds written by an outsider from `Specs/feeds/` alone (`Conformance/fixtures/feeds-adversarial/`):
/// every row's disposition (used, malformed, unknown, duplicate) and the counts of the used rows
/// are theirs; the kit must agree row by row.
@Suite struct AdversarialFeedsTests {
    static let folder = Repository.root.appending(path: "Conformance/fixtures/feeds-adversarial")

    struct Expected: Decodable {
        struct File: Decodable {
            struct Row: Decodable {
                let line: Int
                let disposition: String
                let why: String
            }
            let rows: [Row]
            let usedByCourseMonthCategory: [String: [String: [String: Int]]]?
            let usedByCourse: [String: [String: Int]]?
            let participantsByCourseMonth: [String: [String: Int]]?
        }
        let files: [String: File]
    }

    static let expected = try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appending(path: "expected.json")))
    static let courses = ["C-100": "LP-A", "C-200": "LP-A", "C-300": "LP-B"]
    static let platforms = ["DP-1": "Platform one", "DP-2": "Platform two"]

    static func read(_ name: String) throws -> ParticipantFeeds {
        let path = folder.appending(path: name).path
        return try ParticipantFeeds.read(
            complaints: name.hasPrefix("complaints") ? [path] : [], survey: name.hasPrefix("survey") ? [path] : [],
            enrolments: name.hasPrefix("enrolments") ? [path] : [], courses: courses, platforms: platforms)
    }

    @Test(arguments: ["complaints.csv", "complaints.jsonl", "survey.csv", "survey.jsonl", "enrolments.csv", "enrolments.jsonl"])
    func everyRowIsJudgedAsTheOutsiderJudgedIt(_ name: String) throws {
        let feeds = try Self.read(name)
        let file = try #require(Self.expected.files[name])
        let found = Dictionary(feeds.problems.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        for row in file.rows {
            let disposition = found[row.line]?.kind.rawValue ?? "used"
            #expect(disposition == row.disposition, "\(name):\(row.line) (\(row.why)): \(found[row.line]?.reason ?? "used")")
        }
        #expect(Set(found.keys).isSubset(of: Set(file.rows.map(\.line))), "\(name): a problem on a line that is no row")
        let month = { (text: String) in ParticipantFeeds.Month(year: Int(text.prefix(4))!, month: Int(text.suffix(2))!) }
        for (course, months) in file.usedByCourseMonthCategory ?? [:] {
            for (text, categories) in months {
                let counted = feeds.courses[course]?.complaints[month(text)] ?? [:]
                #expect(Dictionary(uniqueKeysWithValues: counted.map { ($0.key.rawValue, $0.value) }) == categories, "\(name): \(course) \(text)")
            }
        }
        for (course, sums) in file.usedByCourse ?? [:] {
            let survey = feeds.courses[course]?.survey
            #expect(survey?.answers == sums["usedAnswers"] && survey?.satisfactionTotal == sums["satisfactionSum"], "\(name): \(course)")
        }
        for (course, months) in file.participantsByCourseMonth ?? [:] {
            for (text, participants) in months {
                #expect(feeds.courses[course]?.participants[month(text)] ?? 0 == participants, "\(name): \(course) \(text)")
            }
        }
    }
}

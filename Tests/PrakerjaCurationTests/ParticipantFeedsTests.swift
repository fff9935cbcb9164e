import Foundation
import PrakerjaCuration
import PrakerjaModels
import PrakerjaSchema
import PrakerjaTestSupport
import Testing

/// The program's complaints, survey answers and enrolments folded per course: counted by month,
/// category and platform; every row that cannot be used (malformed, a bare NIK, a course the
/// program did not approve, a provider that is not the course's, a platform the sweep does not
/// know, an id again) set aside with its file and line, never counted.
@Suite struct ParticipantFeedsTests {
    static let courses = ["C-1": "LP-A", "C-2": "LP-A", "C-3": "LP-B"]
    static let platforms = ["DP-1": "Platform one"]

    static let enrolments = """
        participants,month,courseCode,platformCode
        400,2021-04,C-1,DP-1
        500,2021-05,C-1,DP-1
        300,2021-05,C-2,DP-1
        200,2021-05,C-3,DP-1
        100,2021-05,C-3,DP-1
        100,2021-13,C-3,DP-1
        100,2021-05,C-9,DP-1
        100,2021-05,C-2,DP-7

        """

    static let complaints = """
        complaintId,receivedAt,channel,category,courseCode,partnerCode,nik,note
        A-1,2021-04-10T10:00:00+07:00,form,training,C-1,LP-A,************0001,April
        A-2,2021-04-30T20:00:00Z,call,training,C-1,LP-A,************0002,May in Jakarta
        A-3,2021-05-02T10:00:00+07:00,chat,provider,C-1,LP-A,************0003,
        A-4,2021-05-02T10:00:00+07:00,chat,platform,C-1,DP-1,************0004,
        A-5,2021-05-03T10:00:00+07:00,form,payment,,DANA,************0005,no course
        A-6,2021-05-03T10:00:00+07:00,form,training,C-1,LP-B,************0006,another provider
        A-7,2021-05-03T10:00:00+07:00,form,training,C-1,LP-A,3273014508950007,a bare NIK
        A-3,2021-05-03T10:00:00+07:00,form,training,C-1,LP-A,************0008,the id again
        A-9,2021-05-03T10:00:00+07:00,letter,training,C-1,LP-A,************0009,no such channel
        A-10,2021-05-03T10:00:00+07:00,form,training,,LP-A,************0010,a training with no course
        A-11,2021-05-03T10:00:00+07:00,form,platform,C-2,DP-9,************0011,an unknown platform
        A-12,2021-05-03T10:00:00+07:00,form,certificate,C-404,LP-A,************0012,an unknown course

        """

    static let answers = [
        #"{"answerId":"S-1","answeredAt":"2021-05-20T10:00:00+07:00","wave":1,"courseCode":"C-1","platformCode":"DP-1","satisfaction":5,"matchedInterest":true,"newSkills":true,"moreEfficient":false,"nik":"************0001"}"#,
        #"{"answerId":"S-2","answeredAt":"2021-05-20T10:00:00+07:00","wave":"2","courseCode":"C-1","platformCode":"DP-1","satisfaction":"2","matchedInterest":false,"newSkills":true,"moreEfficient":false,"nik":"************0002"}"#,
        #"{"answerId":"S-3","answeredAt":"2021-05-20T10:00:00+07:00","wave":1,"courseCode":"C-1","platformCode":"DP-1","satisfaction":6,"matchedInterest":true,"newSkills":true,"moreEfficient":true,"nik":"************0003"}"#,
        #"{"answerId":"S-4","answeredAt":"2021-05-20T10:00:00+07:00","wave":1,"courseCode":"C-1","platformCode":"DP-1","satisfaction":4,"matchedInterest":"yes","newSkills":true,"moreEfficient":true,"nik":"************0004"}"#,
        #"{"answerId":"S-1","answeredAt":"2021-05-20T10:00:00+07:00","wave":1,"courseCode":"C-1","platformCode":"DP-1","satisfaction":4,"matchedInterest":true,"newSkills":true,"moreEfficient":true,"nik":"************0005"}"#,
        #"{"answerId":"S-6","answeredAt":"2021-05-20T10:00:00+07:00","wave":1,"courseCode":"C-1","platformCode":"DP-1","satisfaction":4}"#,
    ].joined(separator: "\n")

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "participants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in ["enrolments.csv": enrolments, "complaints.csv": complaints, "survey.jsonl": answers] {
            try Data(text.utf8).write(to: folder.appending(path: name))
        }
        return folder
    }

    static func read(_ folder: URL, platforms: [String: String] = platforms) throws -> ParticipantFeeds {
        try ParticipantFeeds.read(
            complaints: [folder.appending(path: "complaints.csv").path], survey: [folder.appending(path: "survey.jsonl").path],
            enrolments: [folder.appending(path: "enrolments.csv").path], courses: courses, platforms: platforms)
    }

    @Test func rowsAreFoldedPerCourseMonthAndCategory() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let feeds = try Self.read(folder)
        let april = ParticipantFeeds.Month(year: 2021, month: 4), may = ParticipantFeeds.Month(year: 2021, month: 5)
        #expect(feeds.latestMonth == may)
        let one = try #require(feeds.courses["C-1"])
        #expect(one.participants == [april: 400, may: 500])
        #expect(one.complaints[april] == [.training: 1])
        #expect(one.complaints[may] == [.training: 1, .provider: 1, .platform: 1], "20:00 UTC on 30 April is 1 May in Jakarta")
        #expect(one.platformComplaints[may] == ["DP-1": 1])
        #expect(feeds.courses["C-3"]?.participants[may] == 200, "the same course, platform and month again is set aside")
        #expect(feeds.rate(of: "C-1", in: may, [.training, .provider]) == ParticipantFeeds.Rate(complaints: 2, participants: 500))
        #expect(feeds.rate(of: "C-1", in: may, [.training]).perThousand == 2)
        #expect(feeds.providerHistory("LP-A", before: may) == ParticipantFeeds.Rate(complaints: 1, participants: 400))
        #expect(feeds.partners["DANA"] == [.payment: 1], "a payment complaint counts against its partner, not a course")
        #expect(one.survey.answers == 2)
        #expect(one.survey.satisfaction == 3.5)
        #expect(one.survey.shares.map(\.share) == [0.5, 1, 0])
        #expect(feeds.used == [.enrolments: 4, .complaints: 5, .survey: 2])
        #expect(feeds.given == Set(ParticipantFeeds.Feed.allCases))
    }

    @Test func everyRowThatCannotBeUsedIsSetAsideWithItsFileAndLine() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let feeds = try Self.read(folder)
        #expect(feeds.isDirty)
        let found = feeds.problems.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line) \($0.kind.rawValue)" }
        #expect(
            found == [
                "enrolments.csv:6 duplicate", "enrolments.csv:7 malformed", "enrolments.csv:8 unknown", "enrolments.csv:9 unknown",
                "complaints.csv:7 unknown", "complaints.csv:8 malformed", "complaints.csv:9 duplicate", "complaints.csv:10 malformed",
                "complaints.csv:11 malformed", "complaints.csv:12 unknown", "complaints.csv:13 unknown", "survey.jsonl:3 malformed",
                "survey.jsonl:4 malformed", "survey.jsonl:5 duplicate", "survey.jsonl:6 malformed",
            ])
        #expect(feeds.problemCounts == [.malformed: 7, .unknown: 5, .duplicate: 3])
        let bare = try #require(feeds.problems.first { $0.line == 8 && $0.file.hasSuffix("complaints.csv") })
        #expect(bare.reason.contains("bare NIK"))
        #expect(!bare.reason.contains("3273014508950007"), "a bare NIK is never repeated")
        #expect(feeds.problems.contains { $0.reason.contains("names LP-B, not its provider LP-A") })
    }

    /// Without the platforms' codes (their configs give none) any platform's rows are taken.
    @Test func anyPlatformIsTakenWhenTheSweepCannotTell() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let feeds = try Self.read(folder, platforms: [:])
        #expect(feeds.courses["C-2"]?.platformComplaints[ParticipantFeeds.Month(year: 2021, month: 5)] == ["DP-9": 1])
        #expect(feeds.platformName("DP-9") == "DP-9")
        #expect(feeds.problemCounts[.unknown] == 3)
    }

    @Test func aFileThatCannotBeReadIsAnError() throws {
        #expect(throws: FeedError.self) { try ParticipantFeeds.read(complaints: ["/nonexistent/complaints.csv"], courses: Self.courses) }
        #expect(throws: FeedError.self) { try ParticipantFeeds.read(survey: ["/tmp/answers.xlsx"], courses: Self.courses) }
    }

    /// The contracts in `Specs/feeds/` accept the rows the fold uses and refuse the ones it sets
    /// aside as malformed (the spec and the reader agree).
    @Test func theContractsAgreeWithTheReader() throws {
        var registry = SchemaRegistry()
        for name in ["complaint", "survey-answer", "enrolment"] {
            registry.add(try SchemaDocument.load(Repository.root.appending(path: "Specs/feeds/\(name).schema.json").path), uri: "file:///\(name)")
        }
        let validator = JSONSchemaValidator(registry: registry, assertFormats: true)
        let check = { (schema: String, row: [String: Any]) -> Bool in
            let instance = try SchemaDocument.parseJSON(try JSONSerialization.data(withJSONObject: row))
            return validator.validate(instance, against: "file:///\(schema)").isEmpty
        }
        let complaint: [String: Any] = [
            "complaintId": "A-1", "receivedAt": "2021-04-10T10:00:00+07:00", "channel": "form", "category": "payment", "courseCode": "",
            "partnerCode": "DANA", "nik": "************0001",
        ]
        #expect(try check("complaint", complaint))
        #expect(try !check("complaint", complaint.merging(["nik": "3273014508950007"]) { $1 }), "a bare NIK")
        #expect(try !check("complaint", complaint.merging(["channel": "letter"]) { $1 }))
        let answer: [String: Any] = [
            "answerId": "S-1", "answeredAt": "2021-05-20T10:00:00+07:00", "wave": 1, "courseCode": "C-1", "platformCode": "DP-1",
            "satisfaction": 5, "matchedInterest": true, "newSkills": true, "moreEfficient": false, "nik": "************0001",
        ]
        #expect(try check("survey-answer", answer))
        #expect(try !check("survey-answer", answer.merging(["satisfaction": 6]) { $1 }))
        let enrolment: [String: Any] = ["month": "2021-05", "courseCode": "C-1", "platformCode": "DP-1", "participants": 500]
        #expect(try check("enrolment", enrolment))
        #expect(try !check("enrolment", enrolment.merging(["month": "2021-13"]) { $1 }))
    }
}

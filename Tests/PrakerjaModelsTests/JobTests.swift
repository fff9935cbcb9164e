import Foundation
import PrakerjaModels
import Testing

@Suite struct JobTests {
    static let posted = Date(timeIntervalSince1970: 1_635_818_400)

    static func vacancy(
        location: String = "32.73", education: EducationLevel = .sma, industry: String = "I",
        salary: (Int64, Int64)? = (4_000_000, 5_000_000), type: JobType = .fullTime
    ) throws -> JobVacancy {
        try JobVacancy(
            id: "VAC-1", title: "Barista", company: "Kopi Nusantara", location: try RegionCode(location), education: education,
            industry: try Industry(section: industry),
            salary: try salary.map { (range) throws(FieldError) in try SalaryRange(minimum: try Rupiah(range.0), maximum: try Rupiah(range.1)) },
            jobType: type, skills: ["Menyeduh kopi", "Latte art"], postedAt: posted, updatedAt: posted,
            closesAt: posted.addingTimeInterval(30 * 86_400))
    }

    @Test func aFilterMatchesOnEveryDimension() throws {
        let filter = JobSearchFilter(
            locations: [try RegionCode("32")], educations: [.sma, .d3], industries: [try Industry(section: "I")],
            salary: try SalaryRange(minimum: 4_500_000, maximum: 10_000_000), jobTypes: [.fullTime], keyword: "latte")
        #expect(filter.matches(try Self.vacancy()))
        #expect(filter.violations(of: try Self.vacancy(location: "31.71")).map(\.field) == ["location"])
        #expect(filter.violations(of: try Self.vacancy(education: .s1)).map(\.field) == ["education"])
        #expect(filter.violations(of: try Self.vacancy(industry: "C")).map(\.field) == ["industry"])
        #expect(filter.violations(of: try Self.vacancy(salary: (2_000_000, 4_000_000))).map(\.field) == ["salary"])
        #expect(filter.violations(of: try Self.vacancy(salary: nil)).map(\.field) == ["salary"])
        #expect(filter.violations(of: try Self.vacancy(type: .internship)).map(\.field) == ["jobType"])
        #expect(JobSearchFilter(keyword: "KOPI").matches(try Self.vacancy()))
        #expect(!JobSearchFilter(keyword: "akuntan").matches(try Self.vacancy()))
        #expect(JobSearchFilter().matches(try Self.vacancy(salary: nil)))
    }

    @Test func vacanciesAreValidated() {
        #expect(throws: FieldError(field: "maximum", reason: "must not be below the minimum (Rp5.000.000 > Rp4.000.000)")) {
            try SalaryRange(minimum: 5_000_000, maximum: 4_000_000)
        }
        #expect(throws: FieldError(field: "", reason: "\"Z\" is not a KBLI 2020 section (A to U)")) { try Industry(section: "Z") }
        #expect(Industry.all.count == 21)
        #expect(EducationLevel.sma < EducationLevel.s1)
    }

    @Test func applicationsFollowTheStatusMachine() throws {
        var application = try JobApplication(
            id: "APP-1", vacancyID: "VAC-1", applicant: try KartuPrakerjaNumber("4001234567890123"),
            submittedAt: Self.posted)
        #expect(application.status == .submitted)
        try application.advance(to: .viewed, at: Self.posted.addingTimeInterval(60))
        try application.advance(to: .calledForSelection, at: Self.posted.addingTimeInterval(120))
        #expect(throws: FieldError(field: "status", reason: "cannot go from called-for-selection to submitted")) {
            try application.advance(to: .submitted, at: Self.posted.addingTimeInterval(180))
        }
        try application.advance(to: .hired, at: Self.posted.addingTimeInterval(180))
        #expect(application.status.isFinal)
        #expect(throws: FieldError(field: "status", reason: "cannot go from hired to rejected")) {
            try application.advance(to: .rejected, at: Self.posted.addingTimeInterval(240))
        }
    }

    @Test func decodingRefusesAnInvalidVacancy() throws {
        let json = Data(
            """
            {"id":"VAC-9","title":"Barista","company":"Kopi","description":"","location":"32.73","education":"SMA","industry":"I",
             "salary":{"minimum":5000000,"maximum":4000000},"jobType":"full-time","skills":[],
             "postedAt":"2021-11-02T09:00:00+07:00","updatedAt":"2021-11-02T09:00:00+07:00","closesAt":"2021-12-02T09:00:00+07:00"}
            """.utf8)
        do {
            _ = try JSONDecoder().decode(JobVacancy.self, from: json)
            Issue.record("an inverted salary range decoded")
        } catch let error as DecodingError {
            #expect(FieldError(error).field == "salary.maximum")
        }
    }

    @Test func vacanciesAndApplicationsWriteDatesAsTimestamps() throws {
        let vacancy = try Self.vacancy()
        let json = try JSONSerialization.jsonObject(with: Data(try StreamingJSONEncoder().encode(vacancy))) as? [String: Any]
        #expect(json?["postedAt"] as? String == "2021-11-02T09:00:00+07:00")
        #expect(json?["closesAt"] as? String == "2021-12-02T09:00:00+07:00")
        #expect(try CompactJSONDecoder().decode(JobVacancy.self, from: try StreamingJSONEncoder().encode(vacancy)) == vacancy)
        #expect(try Self.vacancy(salary: nil).isOpen(at: Self.posted.addingTimeInterval(86_400)))
        #expect(!(try Self.vacancy()).isOpen(at: Self.posted.addingTimeInterval(31 * 86_400)))

        var application = try JobApplication(
            id: "APP-1", vacancyID: "VAC-1", applicant: try KartuPrakerjaNumber("4001234567890123"),
            submittedAt: Self.posted)
        try application.advance(to: .viewed, at: Self.posted.addingTimeInterval(60))
        let decoded = try CompactJSONDecoder().decode(JobApplication.self, from: try StreamingJSONEncoder().encode(application))
        #expect(decoded == application)
        let backwards =
            #"{"id":"A","vacancyID":"V","applicant":"4001234567890123","status":"viewed","submittedAt":"2021-11-02T09:00:00+07:00","updatedAt":"2021-11-01T09:00:00+07:00"}"#
        #expect(throws: DecodingError.self) { try CompactJSONDecoder().decode(JobApplication.self, from: Array(backwards.utf8)) }
    }
}

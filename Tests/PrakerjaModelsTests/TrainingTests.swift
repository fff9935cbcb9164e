import Foundation
import PrakerjaModels
import Testing

@Suite struct TrainingTests {
    let start = Date(timeIntervalSince1970: 1_635_818_400)  // 2021-11-02 09:00 WIB

    func session(_ sequence: Int, startHour: Double, hours: Double = 3) throws -> Session {
        try Session(
            sequence: sequence, startsAt: start.addingTimeInterval(startHour * 3600),
            endsAt: start.addingTimeInterval((startHour + hours) * 3600))
    }

    @Test func courseValidatesEveryField() throws {
        let course = try Course(
            code: "CRS-KOPI-001", providerCode: "LPKOPI01", title: "  Barista Dasar  ",
            description: "Menyeduh kopi manual.", method: .webinar, price: 750_000, durationMinutes: 900)
        #expect(course.title == "Barista Dasar")
        #expect(throws: FieldError(field: "code", reason: "must contain only ASCII letters, digits, '-', '_' or '.'")) {
            try Course(code: "CRS KOPI", providerCode: "LP", title: "t", description: "d", method: .offline, price: 1, durationMinutes: 60)
        }
        #expect(throws: FieldError(field: "title", reason: "must not be empty")) {
            try Course(code: "C1", providerCode: "LP", title: " ", description: "d", method: .offline, price: 1, durationMinutes: 60)
        }
        #expect(throws: FieldError(field: "price", reason: "must be more than Rp0")) {
            try Course(code: "C1", providerCode: "LP", title: "t", description: "d", method: .offline, price: .zero, durationMinutes: 60)
        }
        #expect(throws: FieldError(field: "durationMinutes", reason: "must be between 1 and 86400 minutes, got 0")) {
            try Course(code: "C1", providerCode: "LP", title: "t", description: "d", method: .offline, price: 1, durationMinutes: 0)
        }
    }

    @Test func scheduleSessionsRunInOrderWithoutOverlap() throws {
        let schedule = try Schedule(
            code: "SCH-1", courseCode: "CRS-1", quota: 30,
            sessions: [try session(1, startHour: 0), try session(2, startHour: 24), try session(3, startHour: 48)])
        #expect(schedule.startsAt == start)
        #expect(schedule.session(2)?.durationMinutes == 180)
        #expect(schedule.session(4) == nil)
        #expect(throws: FieldError(field: "sessions[1].sequence", reason: "must be 2: sequences run 1, 2, 3... in order")) {
            try Schedule(code: "S", courseCode: "C", quota: 1, sessions: [try session(1, startHour: 0), try session(3, startHour: 24)])
        }
        #expect(throws: FieldError(field: "sessions[1].startsAt", reason: "must not be before the previous session ends")) {
            try Schedule(code: "S", courseCode: "C", quota: 1, sessions: [try session(1, startHour: 0), try session(2, startHour: 2)])
        }
        #expect(throws: FieldError(field: "quota", reason: "must not be negative, got -1")) {
            try Schedule(code: "S", courseCode: "C", quota: -1, sessions: [])
        }
        #expect(throws: FieldError(field: "sequence", reason: "must be between 1 and 10, got 11")) { try session(11, startHour: 0) }
        #expect(throws: FieldError(field: "endsAt", reason: "must be after startsAt")) { try session(1, startHour: 0, hours: 0) }
    }

    @Test func redeemCodesAndSequences() throws {
        #expect(try RedeemCode("GHOPNYXUVMT0").isTestCode == false)
        #expect(try RedeemCode("PRAT-TC1-001-200").isTestCode)
        #expect(throws: FieldError(field: "", reason: "must be 6 to 32 uppercase letters and digits")) { try RedeemCode("ghopnyxuvmt0") }
        #expect(throws: FieldError.self) { try RedeemCode("GHOP") }
        #expect(throws: FieldError(field: "", reason: "a test code must be PRAT- followed by 1 to 32 uppercase letters, digits or dashes")) {
            try RedeemCode("PRAT-")
        }
        #expect(try AttendanceSequence(1) == .session(1))
        #expect(try AttendanceSequence(999) == .postTest)
        #expect(try AttendanceSequence(10) < AttendanceSequence(999))
        #expect(throws: FieldError(field: "", reason: "must be 1 to 10 (a session) or 999 (the post-test), got 11")) { try AttendanceSequence(11) }
        #expect(try JSONDecoder().decode([AttendanceSequence].self, from: Data("[1,999]".utf8)) == [.session(1), .postTest])
    }

    @Test func ratingsReviewsCertificatesAndInvoices() throws {
        #expect(throws: FieldError(field: "", reason: "must be 1 to 5 stars, got 6")) { try Rating(6) }
        #expect(throws: FieldError(field: "", reason: "must be 1 to 5 stars, got 0")) { try Rating(0) }
        let review = try Review(
            courseCode: "CRS-1", rating: try Rating(5), text: "Sangat bermanfaat", reviewerName: "Siti Rahmawati", createdAt: start)
        #expect(review.reviewer == "S*** R********")
        let decoded = try JSONDecoder().decode(Review.self, from: try JSONEncoder().encode(review))
        #expect(decoded == review)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Review.self, from: Data(#"{"courseCode":"C","rating":9,"text":"x","reviewer":"S***","createdAt":0}"#.utf8))
        }
        #expect(throws: FieldError(field: "postTestScore", reason: "must be between 0 and 100, got 101")) {
            try Certificate(
                number: "CERT-1", courseCode: "C", participantName: "Siti", issuedOn: try CalendarDate("2021-11-05"), postTestScore: 101,
                status: .valid)
        }
        #expect(throws: FieldError(field: "transactionCode", reason: "is required once the invoice is paid")) {
            try Invoice(code: "INV-1", transactionCode: nil, courseCode: "C", scheduleCode: "S", amount: 750_000, status: .success, createdAt: start)
        }
        #expect(throws: FieldError(field: "", reason: "must be 6 to 32 uppercase letters and digits")) { try VoucherCode("v-1") }
    }

    @Test func learningMethodsKnowWhetherTheyAreLive() {
        #expect(!LearningMethod.selfPaced.isLive)
        #expect(LearningMethod.allCases.filter(\.isLive) == [.webinar, .offline, .hybrid])
        #expect(LearningMethod.selfPaced.rawValue == "self-paced")
    }
}

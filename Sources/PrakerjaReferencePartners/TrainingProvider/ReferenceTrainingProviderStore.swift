import Foundation
import PrakerjaModels
import PrakerjaPartners

/// The reference provider's `TrainingProviderService` over its generated catalogue.
public final class ReferenceTrainingProviderStore: TrainingProviderService {
    public let catalogue: ReferenceCatalogue
    public let defects: Set<TrainingProviderDefect>
    private let details: [String: CourseDetail]
    private let progressByCode: [RedeemCode: ParticipantProgress]

    public init(catalogue: ReferenceCatalogue, defects: Set<TrainingProviderDefect> = []) {
        self.catalogue = catalogue
        self.defects = defects
        self.details = Dictionary(uniqueKeysWithValues: catalogue.courses.map { ($0.course.code, $0) })
        self.progressByCode = Dictionary(uniqueKeysWithValues: catalogue.participants.map { ($0.progress.redeemCode, $0.progress) })
    }

    /// The catalogue in code order; the cursor is the last code shown.
    public func courses(method: LearningMethod?, page: PageRequest) async throws -> Page<Course> {
        let all = catalogue.courses.map(\.course).filter { method == nil || $0.method == method }.sorted { $0.code < $1.code }
        var start = 0
        if let cursor = page.cursor {
            guard cursor.hasPrefix("c:") else { throw RoleServiceError.invalidParameter("cursor", reason: "not a cursor this provider issued") }
            let after = String(cursor.dropFirst(2))
            start = all.firstIndex { $0.code > after } ?? all.count
        }
        let items = Array(all[start...].prefix(page.limit))
        let more = start + items.count < all.count
        return Page(
            items: defects.contains(.coursesOutOfOrder) ? items.reversed() : items, nextCursor: more ? items.last.map { "c:" + $0.code } : nil)
    }

    public func course(code: String) async throws -> CourseDetail? {
        guard let detail = details[code] else { return nil }
        guard defects.contains(.missingSyllabus) else { return detail }
        return CourseDetail(
            course: detail.course, targetParticipants: detail.targetParticipants, competencies: detail.competencies,
            occupations: detail.occupations, learningObjectives: detail.learningObjectives, schedulePlan: detail.schedulePlan,
            modules: [], evaluation: detail.evaluation, trainers: detail.trainers,
            participantsPerFacilitator: detail.participantsPerFacilitator, pricesElsewhere: detail.pricesElsewhere,
            certificate: detail.certificate, lms: detail.lms, selfPracticeTasks: detail.selfPracticeTasks)
    }

    public func schedules(courseCode: String) async throws -> [Schedule]? { catalogue.schedules[courseCode] }

    public func progress(redeemCode: RedeemCode, now: Date) async throws -> ParticipantProgress? {
        guard let progress = progressByCode[redeemCode] else { return nil }
        guard defects.contains(.progressAheadOfSchedule),
            let schedule = catalogue.schedules[progress.courseCode]?.first(where: { $0.code == progress.scheduleCode })
        else { return progress }
        // Every session attended at its start, whether it has happened or not.
        return ParticipantProgress(
            redeemCode: progress.redeemCode, courseCode: progress.courseCode, scheduleCode: progress.scheduleCode,
            attendance: schedule.sessions.map { AttendanceRecord(sequence: $0.sequence, status: .attended, verifiedAt: Timestamp($0.startsAt)) },
            preTestScore: progress.preTestScore, quizScores: progress.quizScores, postTestScore: progress.postTestScore,
            completed: progress.completed, completedAt: progress.completedAt, certificateNumber: progress.certificateNumber)
    }

    public func certificate(number: String) async throws -> Certificate? {
        if defects.contains(.losesIssuedCertificates) { return nil }
        if defects.contains(.certificatesMatchedLoosely),
            let match = catalogue.certificates.first(where: { $0.key.uppercased() == number.uppercased() })
        {
            return match.value
        }
        if let issued = catalogue.certificates[number] {
            if defects.contains(.revokedAsValid), issued.status == .revoked {
                return try Certificate(
                    number: issued.number, courseCode: issued.courseCode, participantName: issued.participantName, issuedOn: issued.issuedOn,
                    postTestScore: issued.postTestScore, status: .valid)
            }
            guard defects.contains(.certificateNamesAnotherCourse),
                let other = catalogue.courses.first(where: { $0.course.code != issued.courseCode })
            else { return issued }
            return try Certificate(
                number: issued.number, courseCode: other.course.code, participantName: issued.participantName, issuedOn: issued.issuedOn,
                postTestScore: issued.postTestScore, status: issued.status)
        }
        guard defects.contains(.forgedCertificateValid) else { return nil }
        // Vouches for any number it is shown.
        return try Certificate(
            number: number, courseCode: catalogue.courses[0].course.code, participantName: "Peserta Pelatihan",
            issuedOn: CalendarDate(Date()), postTestScore: 80, status: .valid)
    }
}

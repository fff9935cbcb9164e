import Foundation
import PrakerjaModels
import PrakerjaPartners
import Synchronization

/// The least a training institution writes to serve the training-provider contract: its
/// courses, schedules, participants' progress and certificates, here held in memory. Mount it
/// with `TrainingProviderAdapter` (see `PartnerApplication`); the adapter does the rest.
public final class MinimalTrainingProvider: TrainingProviderService {
    struct Data {
        var details: [String: CourseDetail] = [:]
        var schedules: [String: [Schedule]] = [:]
        var progress: [RedeemCode: ParticipantProgress] = [:]
        var certificates: [String: Certificate] = [:]
    }

    private let data = Mutex(Data())

    public init() {}

    /// Publishes a course and its schedules.
    public func publish(_ detail: CourseDetail, schedules: [Schedule]) {
        data.withLock {
            $0.details[detail.course.code] = detail
            $0.schedules[detail.course.code] = schedules
        }
    }

    /// Records a participant's progress and, once earned, their certificate.
    public func record(_ progress: ParticipantProgress, certificate: Certificate? = nil) {
        data.withLock {
            $0.progress[progress.redeemCode] = progress
            if let certificate { $0.certificates[certificate.number] = certificate }
        }
    }

    public func courses(method: LearningMethod?, page: PageRequest) async throws -> Page<Course> {
        let courses = data.withLock { $0.details.values.map(\.course) }.filter { method == nil || $0.method == method }
        return try KeyedPages.page(courses, key: \.code, after: page)
    }

    public func course(code: String) async throws -> CourseDetail? { data.withLock { $0.details[code] } }

    public func schedules(courseCode: String) async throws -> [Schedule]? { data.withLock { $0.schedules[courseCode] } }

    public func progress(redeemCode: RedeemCode, now: Date) async throws -> ParticipantProgress? { data.withLock { $0.progress[redeemCode] } }

    public func certificate(number: String) async throws -> Certificate? { data.withLock { $0.certificates[number] } }
}

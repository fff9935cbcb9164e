import Foundation
import PrakerjaModels

/// What a training institution (LP) implements to serve the training-provider contract
/// (`Specs/training-provider.openapi.yaml`) through `TrainingProviderAdapter`. The adapter owns
/// authentication, parameters, paging limits and the error form; the provider owns its courses.
///
/// Throw `RoleServiceError` to refuse with the contract's 400/404; anything else is a 500.
public protocol TrainingProviderService: Sendable {
    /// The catalogue, one page at a time, optionally only one learning method. Walking every page
    /// from the first returns each course exactly once.
    func courses(method: LearningMethod?, page: PageRequest) async throws -> Page<Course>

    /// A course's full detail, or nil.
    func course(code: String) async throws -> CourseDetail?

    /// A course's schedules, or nil when there is no such course.
    func schedules(courseCode: String) async throws -> [Schedule]?

    /// A participant's progress by redeem code, or nil.
    func progress(redeemCode: RedeemCode, now: Date) async throws -> ParticipantProgress?

    /// The certificate with this number, or nil when this provider never issued it.
    func certificate(number: String) async throws -> Certificate?
}

/// A course's schedules (`GET /v1/courses/{code}/schedules`).
public struct ScheduleList: Codable, Sendable, Hashable {
    public let items: [Schedule]

    public init(items: [Schedule]) { self.items = items }
}

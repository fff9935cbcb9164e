import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// The program's client for a training provider's API (`Specs/training-provider.openapi.yaml`).
public struct TrainingProviderClient: ProgramSignedRoleClient {
    public let http: ProgramSignedClient

    public init(http: ProgramSignedClient) { self.http = http }

    public func courses(method: LearningMethod? = nil, page: PageRequest = PageRequest()) async throws(PrakerjaAPIError) -> Page<Course> {
        try await http.get(TrainingProviderPaths.courses, query: [("method", method?.rawValue)] + page.query)
    }

    /// Every page of the catalogue, in order.
    public func coursePages(method: LearningMethod? = nil, limit: Int = PageRequest.limits.upperBound) -> PageSequence<Course> {
        PageSequence(limit: limit) { [self] (page) async throws(PrakerjaAPIError) in try await courses(method: method, page: page) }
    }

    /// The whole catalogue, every page in order.
    public func allCourses(method: LearningMethod? = nil) async throws(PrakerjaAPIError) -> [Course] {
        try await coursePages(method: method).items()
    }

    public func course(code: String) async throws(PrakerjaAPIError) -> CourseDetail {
        try await http.get(TrainingProviderPaths.course(code))
    }

    public func schedules(courseCode: String) async throws(PrakerjaAPIError) -> [Schedule] {
        let list: ScheduleList = try await http.get(TrainingProviderPaths.schedules(courseCode))
        return list.items
    }

    public func progress(redeemCode: RedeemCode) async throws(PrakerjaAPIError) -> ParticipantProgress {
        try await http.get(TrainingProviderPaths.progress(redeemCode.value))
    }

    public func verifyCertificate(number: String) async throws(PrakerjaAPIError) -> CertificateVerification {
        try await http.get(TrainingProviderPaths.certificate(number))
    }
}

/// The training-provider contract's paths.
public enum TrainingProviderPaths {
    public static let courses = "/v1/courses"
    public static func course(_ code: String) -> String { courses + "/" + ProgramSignedClient.percentEncoded(code) }
    public static func schedules(_ code: String) -> String { course(code) + "/schedules" }
    public static func progress(_ redeemCode: String) -> String { "/v1/progress/" + ProgramSignedClient.percentEncoded(redeemCode) }
    public static func certificate(_ number: String) -> String { "/v1/certificates/" + ProgramSignedClient.percentEncoded(number) }
}

import Foundation
import OpenAPIKit
import PrakerjaModels
import PrakerjaPartners
import PrakerjaTestSupport
import Testing

/// `Specs/training-provider.openapi.yaml` and the SDK describe the same API.
@Suite struct TrainingProviderSpecTests {
    static let path = "Specs/training-provider.openapi.yaml"
    static let spec = Result { try SpecDocument(path) }

    @Test func parsesAndValidatesWithOpenAPIKit() throws {
        let spec = try Self.spec.get()
        #expect(spec.document.openAPIVersion == .v3_1_0)
        try spec.document.validate()
        #expect(try SpecDocument.nullValuedKeys(in: Self.path) == [], "no value is lost to YAML null")
        #expect(
            Set(spec.dereferenced.routes.map(\.path.rawValue)) == [
                TrainingProviderPaths.courses, "/v1/courses/{code}", "/v1/courses/{code}/schedules", "/v1/progress/{redeemCode}",
                "/v1/certificates/{number}",
            ])
    }

    @Test func schemasMatchTheSDKTypes() throws {
        let spec = try Self.spec.get()
        let pairs: [(String, any (Codable & Sendable).Type)] = [
            ("Course", Course.self), ("CoursePage", Page<Course>.self), ("CourseDetail", CourseDetail.self), ("CourseModule", CourseModule.self),
            ("EvaluationPlan", EvaluationPlan.self), ("Trainer", Trainer.self), ("Schedule", Schedule.self), ("ScheduleList", ScheduleList.self),
            ("ParticipantProgress", ParticipantProgress.self), ("AttendanceRecord", AttendanceRecord.self),
            ("CertificateVerification", CertificateVerification.self), ("Error", RoleErrorBody.self), ("Competency", Competency.self),
            ("SchedulePlan", SchedulePlan.self), ("LMSDetails", LMSDetails.self), ("CertificateTemplate", CertificateTemplate.self),
        ]
        for (name, type) in pairs {
            let schema = try #require(spec.document.components.schemas[try OpenAPI.ComponentKey.forceInit(rawValue: name)], "the spec has no \(name)")
            try SchemaAgreement.check(type, against: try schema.dereferenced(in: spec.document.components), name: name)
        }
        let codes = try #require(spec.document.components.schemas["ErrorCode"]?.allowedValues).compactMap { $0.value as? String }
        #expect(Set(codes) == Set(RoleErrorCode.allCases.map(\.rawValue)))
    }
}

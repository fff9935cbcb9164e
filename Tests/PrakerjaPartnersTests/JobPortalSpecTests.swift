import Foundation
import OpenAPIKit
import PrakerjaModels
import PrakerjaPartners
import PrakerjaTestSupport
import Testing

/// `Specs/job-portal.openapi.yaml` and the SDK describe the same API.
@Suite struct JobPortalSpecTests {
    static let path = "Specs/job-portal.openapi.yaml"
    static let spec = Result { try SpecDocument(path) }

    @Test func parsesAndValidatesWithOpenAPIKit() throws {
        let spec = try Self.spec.get()
        #expect(spec.document.openAPIVersion == .v3_1_0)
        try spec.document.validate()
        #expect(try SpecDocument.nullValuedKeys(in: Self.path) == [], "no value is lost to YAML null")
        let paths = Set(spec.dereferenced.routes.map(\.path.rawValue))
        #expect(
            paths == [
                JobPortalPaths.vacancies, "/v1/vacancies/{id}", JobPortalPaths.updates, JobPortalPaths.recommendations,
                JobPortalPaths.applications, "/v1/applications/{id}",
            ])
    }

    @Test func schemasMatchTheSDKTypes() throws {
        let spec = try Self.spec.get()
        let pairs: [(String, any (Codable & Sendable).Type)] = [
            ("Vacancy", JobVacancy.self), ("VacancyPage", Page<JobVacancy>.self), ("RecommendationRequest", RecommendationRequest.self),
            ("RecommendationList", RecommendationList.self), ("ApplicationSubmission", ApplicationSubmission.self),
            ("Application", JobApplication.self), ("Error", RoleErrorBody.self), ("CompletedTraining", CompletedTraining.self),
        ]
        for (name, type) in pairs {
            let schema = try #require(spec.document.components.schemas[try OpenAPI.ComponentKey.forceInit(rawValue: name)], "the spec has no \(name)")
            try SchemaAgreement.check(type, against: try schema.dereferenced(in: spec.document.components), name: name)
        }
    }

    @Test func theErrorCodesAndSearchParametersAreTheSDKs() throws {
        let spec = try Self.spec.get()
        let codes = try #require(spec.document.components.schemas["ErrorCode"]?.allowedValues).compactMap { $0.value as? String }
        #expect(Set(codes) == Set(RoleErrorCode.allCases.map(\.rawValue)))
        let (_, search) = try #require(spec.operation("search-vacancies"))
        let query = Set(search.parameters.filter { $0.context.inQuery }.map(\.name))
        #expect(query == VacancySearchQuery.names.union(["cursor", "limit"]))
    }
}

import Foundation
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import Testing

/// Each job-portal defect switch breaks its rule, and only with the switch on.
@Suite struct JobPortalDefectTests {
    static func ruleHolds(_ defect: JobPortalDefect, _ h: JobPortalHarness) async throws -> Bool {
        switch defect {
        case .filterIgnoresSalary:
            let filter = JobSearchFilter(salary: try SalaryRange(minimum: 9_000_000, maximum: 12_000_000))
            return try await h.client.search(filter, page: PageRequest(limit: 100)).items.allSatisfy(filter.matches)
        case .filterIgnoresLocation:
            let filter = JobSearchFilter(locations: [try RegionCode("34")])
            return try await h.client.search(filter, page: PageRequest(limit: 100)).items.allSatisfy(filter.matches)
        case .paginationDuplicates, .paginationDrops:
            let filter = JobSearchFilter(locations: [try RegionCode("32")])
            let walked = try await h.client.searchAll(filter, limit: 25)
            return walked.map(\.id) == h.expected(filter).map(\.id)
        case .staleVacancies:
            let walked = try await h.client.searchAll(JobSearchFilter(), limit: 100)
            let recommended = try await h.client.recommendations(RecommendationRequest(skills: ["Komunikasi"], limit: 50)).items
            return walked.allSatisfy { $0.isOpen(at: Date()) } && recommended.allSatisfy { $0.vacancy.isOpen(at: Date()) }
        case .duplicateApplication:
            let vacancy = try #require(h.portal.store.vacancies.first { $0.isOpen(at: Date()) })
            let applicant = try KartuPrakerjaNumber("4001234567890123")
            let first = try await h.client.submit(ApplicationSubmission(submissionID: "SUB-D", vacancyID: vacancy.id, applicant: applicant))
            let retry = try await h.client.submit(
                ApplicationSubmission(
                    submissionID: "SUB-D", vacancyID: vacancy.id, applicant: applicant,
                    coverNote: "retry"))
            return retry.application.id == first.application.id && !retry.created && h.portal.store.applicationCount == 1
        case .serverErrorOnBadInput:
            return try await h.client.http.send(method: "GET", target: "/v1/vacancies?colour=blue", body: []).status == 400
        case .frameworkNotFound:
            return try await unknownRoutesAreNotFound(h.client.http, target: "/v1/vacancies")
        case .acceptsReplayedRequest:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/vacancies?limit=1")
        case .unauthenticatedAccess:
            return try await unsignedAndForgedAreRefused(h.client.http, target: "/v1/vacancies?limit=1")
        case .slowAnswers:
            return try await answersQuickly { _ = try await h.client.search(JobSearchFilter(), page: PageRequest(limit: $0)) }
        case .schemaViolation:
            // A search that fits on one page: its nextCursor is there, and null.
            let response = try await h.client.http.send(method: "GET", target: "/v1/vacancies?location=34&limit=100", body: [])
            let page = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            return response.status == 200 && page?["nextCursor"] is NSNull
        }
    }

    @Test(arguments: JobPortalDefect.allCases)
    func theSwitchBreaksExactlyItsRule(_ defect: JobPortalDefect) async throws {
        #expect(
            try await JobPortalHarness.run(vacancies: 1_000) { try await Self.ruleHolds(defect, $0) },
            "the correct portal keeps the rule \(defect.rawValue) breaks")
        #expect(
            try await !JobPortalHarness.run(defects: [defect], vacancies: 1_000) { try await Self.ruleHolds(defect, $0) },
            "\(defect.rawValue) breaks its rule")
    }
}

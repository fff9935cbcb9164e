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
        case .nullFieldInRefusals, .prunesReplaysByNewestTimestamp, .answersCopiesSentTogether, .acceptsUpperCaseSignature,
            .readsMillisecondTimestamps, .servesLoosePaths, .readsQueriesLoosely, .failsOnOverflowingNumbers, .signsReadsWithoutBody,
            .wrapsTimestampsAt32Bits, .servesOtherMethodsOnDetails, .remembersOnlyAnsweredCalls, .looksUpBeforeAuthenticating,
            .quotesRefusedValues, .slowDetails:
            return try await signedRoleRuleHolds(
                defect.rawValue, h.client.http, path: "/v1/vacancies",
                detail: JobPortalPaths.vacancy(try #require(h.portal.store.vacancies.first { $0.isOpen(at: Date()) }).id))
        case .frameworkNotFound:
            return try await unknownRoutesAreNotFound(h.client.http, target: "/v1/vacancies")
        case .acceptsReplayedRequest:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/vacancies?limit=1")
        case .forgetsReplaysByTimestamp:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/vacancies?limit=1", signedAgo: 200)
        case .shortReplayMemory:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/vacancies?limit=1", resentAfter: .seconds(2), on: h.clock)
        case .unauthenticatedAccess:
            return try await unsignedAndForgedAreRefused(h.client.http, target: "/v1/vacancies?limit=1")
        case .slowAnswers:
            return try await answersQuickly { _ = try await h.client.search(JobSearchFilter(), page: PageRequest(limit: $0)) }
        case .keywordMatchesDescription:
            // Every generated description says "membuka lowongan"; no title, company or skill does.
            let filter = JobSearchFilter(keyword: "lowongan")
            return try await h.client.search(filter, page: PageRequest(limit: 100)).items.allSatisfy(filter.matches)
        case .regencyMatchesProvince:
            let regency = try #require(h.portal.store.vacancies.first { $0.isOpen(at: Date()) }?.location)
            let filter = JobSearchFilter(locations: [regency])
            return try await h.client.search(filter, page: PageRequest(limit: 100)).items.allSatisfy(filter.matches)
        case .filtersFirstPageOnly:
            let filter = JobSearchFilter(salary: try SalaryRange(minimum: 9_000_000, maximum: 12_000_000))
            var walked: [JobVacancy] = []
            for try await page in h.client.searchPages(filter, limit: 10) {
                walked += page.items
                if walked.count >= 50 { break }
            }
            return walked.count > 10 && walked.allSatisfy(filter.matches)
        case .pagesOutOfOrder:
            let walked = try await h.client.searchAll(JobSearchFilter(locations: [try RegionCode("32")]), limit: 25)
            return zip(walked, walked.dropFirst()).allSatisfy { $0.postedAt >= $1.postedAt }
        case .sortsTiesPerPage:
            // Walked in pages of 100 and of 7: two vacancies posted at one time come in one order in both.
            func walk(_ limit: Int) async throws -> [JobVacancy] {
                var items: [JobVacancy] = []
                for try await page in h.client.searchPages(JobSearchFilter(), limit: limit) where items.count < 300 { items += page.items }
                return items
            }
            let large = try await walk(100), small = try await walk(7)
            let places = Dictionary(large.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            let common = small.filter { places[$0.id] != nil }
            return zip(common, common.dropFirst()).allSatisfy { $0.postedAt != $1.postedAt || places[$0.id]! < places[$1.id]! }
        case .sinceExclusive:
            let updated = try #require(h.portal.store.vacancies.max { $0.updatedAt < $1.updatedAt })
            return try await h.client.updates(since: updated.updatedAt, page: PageRequest(limit: 100)).items.contains { $0.id == updated.id }
        case .scoresByRecipientSkills:
            let vacancy = try #require(h.portal.store.vacancies.first { $0.isOpen(at: Date()) && $0.skills.count >= 3 })
            let items = try await h.client.recommendations(RecommendationRequest(skills: Array(vacancy.skills.prefix(2)), limit: 50)).items
            return !items.isEmpty && items.allSatisfy { abs($0.score - Double($0.matchedSkills.count) / Double($0.vacancy.skills.count)) < 0.001 }
        case .matchesSkillsAsWritten:
            let vacancy = try #require(h.portal.store.vacancies.first { $0.isOpen(at: Date()) && $0.skills.count >= 2 })
            let items = try await h.client.recommendations(RecommendationRequest(skills: vacancy.skills.map { $0.uppercased() }, limit: 50)).items
            return items.contains { $0.vacancy.id == vacancy.id && $0.score == 1 }
        case .retryRefreshesApplication:
            let vacancy = try #require(h.portal.store.vacancies.first { $0.isOpen(at: Date()) })
            let applicant = try KartuPrakerjaNumber("4001234567890123")
            let submission = ApplicationSubmission(submissionID: "SUB-R", vacancyID: vacancy.id, applicant: applicant)
            let first = try await h.client.submit(submission)
            let retry = try await h.client.submit(submission)
            return retry.application == first.application
        case .personalDataInErrors:
            let body = #"{"submissionID":"SUB-P","vacancyID":"NO-SUCH-VACANCY","applicant":"4001234567890123"}"#
            return try await refusalCarriesNoPersonalData(h.client.http, target: "/v1/applications", body: Array(body.utf8))
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

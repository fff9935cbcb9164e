import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import Testing

@Suite struct JobPortalTests {
    static let filters: [JobSearchFilter] = [
        JobSearchFilter(),
        JobSearchFilter(locations: [try! RegionCode("32")]),
        JobSearchFilter(locations: [try! RegionCode("31"), try! RegionCode("35.71")], jobTypes: [.fullTime, .contract]),
        JobSearchFilter(educations: [.sma, .d3], industries: [try! Industry(section: "I")]),
        JobSearchFilter(salary: try! SalaryRange(minimum: 5_000_000, maximum: 7_000_000), keyword: "staf"),
        JobSearchFilter(
            locations: [try! RegionCode("33")], educations: [.smp, .sma], industries: [try! Industry(section: "C")],
            salary: try! SalaryRange(minimum: 3_000_000, maximum: 4_000_000), jobTypes: [.fullTime], keyword: "jahit"),
    ]

    @Test(arguments: filters.indices)
    func everyPageSatisfiesTheFilterAndTheWalkIsComplete(_ index: Int) async throws {
        let filter = Self.filters[index]
        try await JobPortalHarness.run { h in
            let walked = try await h.client.searchAll(filter, limit: 97)
            #expect(walked.allSatisfy { filter.matches($0) && $0.isOpen(at: Date()) })
            #expect(Set(walked.map(\.id)).count == walked.count, "no vacancy twice")
            #expect(walked.map(\.id) == h.expected(filter).map(\.id), "every match, in search order")
            #expect(zip(walked, walked.dropFirst()).allSatisfy { $0.postedAt >= $1.postedAt }, "newest posting first")
        }
    }

    @Test func theDataLooksLikeThePrograms() async throws {
        try await JobPortalHarness.run { h in
            let all = h.portal.store.vacancies
            #expect(all.count == 6_000)
            #expect(Set(all.map(\.location.province.code)) == Set(Province.existing(in: 2021).map(\.code)), "all 34 provinces")
            #expect(Set(all.map(\.jobType)) == Set(JobType.allCases))
            let closed = all.filter { !$0.isOpen(at: h.now) }.count
            #expect((200...1_500).contains(closed), "some vacancies are already closed: \(closed)")
            #expect(all.contains { $0.salary == nil })
            #expect(all.contains { $0.salary != nil })
            #expect(VacancyGenerator.generate(count: 50, now: h.now) == VacancyGenerator.generate(count: 50, now: h.now), "deterministic")
        }
    }

    @Test func detailAndTheUpdatesFeed() async throws {
        try await JobPortalHarness.run(vacancies: 800) { h in
            let some = h.portal.store.vacancies[17]
            #expect(try await h.client.vacancy(id: some.id) == some)
            await #expect { try await h.client.vacancy(id: "VAC-NOPE") } throws: { ($0 as? PrakerjaAPIError)?.roleCode == .notFound }

            let since = h.now.addingTimeInterval(-10 * 86_400)
            var fed: [JobVacancy] = []
            var cursor: String?
            repeat {
                let page = try await h.client.updates(since: since, page: PageRequest(cursor: cursor, limit: 50))
                fed += page.items
                cursor = page.nextCursor
                if fed.count == 50 {  // an edit during the walk comes at the end, as its latest version
                    let edited = try JobVacancy(
                        id: some.id, title: some.title + " (Senior)", company: some.company, description: some.description,
                        location: some.location, education: some.education, industry: some.industry, salary: some.salary,
                        jobType: some.jobType, skills: some.skills, postedAt: some.postedAt,
                        updatedAt: Date(timeIntervalSince1970: h.now.timeIntervalSince1970.rounded(.down) + 60),
                        closesAt: some.closesAt)
                    h.portal.store.publish(edited)
                }
            } while cursor != nil
            let expected = h.portal.store.vacancies.filter { $0.updatedAt >= since }
            #expect(Set(fed.map(\.id)) == Set(expected.map(\.id)))
            #expect(fed.last?.title.hasSuffix("(Senior)") == true)
            #expect(zip(fed, fed.dropFirst()).allSatisfy { ($0.updatedAt, $0.id) <= ($1.updatedAt, $1.id) }, "oldest update first")
        }
    }

    @Test func recommendationsFollowTheSkills() async throws {
        try await JobPortalHarness.run(vacancies: 1_500) { h in
            let list = try await h.client.recommendations(
                RecommendationRequest(
                    skills: ["microsoft excel"],
                    completedTrainings: [CompletedTraining(courseCode: "LP01-ADM", competencies: ["Pengarsipan", "Komunikasi"])],
                    location: try RegionCode("32"), limit: 25))
            #expect(list.items.count == 25)
            #expect(zip(list.items, list.items.dropFirst()).allSatisfy { $0.score >= $1.score }, "best first")
            for item in list.items {
                #expect(item.vacancy.isOpen(at: Date()))
                #expect(item.vacancy.location.province.code == "32")
                #expect((0...1).contains(item.score))
                #expect(!item.matchedSkills.isEmpty)
                #expect(Set(item.matchedSkills).isSubset(of: item.vacancy.skills))
                #expect(item.score == Double(item.matchedSkills.count) / Double(item.vacancy.skills.count))
            }
            #expect(try await h.client.recommendations(RecommendationRequest(skills: ["Menyelam"])).items.isEmpty)
        }
    }

    @Test func applicationsAreIdempotentAndOnePerApplicantAndVacancy() async throws {
        try await JobPortalHarness.run(vacancies: 300) { h in
            let open = h.portal.store.vacancies.filter { $0.isOpen(at: Date()) }
            let closed = try #require(h.portal.store.vacancies.first { !$0.isOpen(at: Date()) })
            let siti = try KartuPrakerjaNumber("4001234567890123")
            let submission = ApplicationSubmission(submissionID: "SUB-1", vacancyID: open[0].id, applicant: siti, coverNote: "Lulusan pelatihan")

            let results = try await withThrowingTaskGroup(of: (JobApplication, Bool).self) { group in
                // Identical bodies in one second would be one signed request sent 20 times (replays):
                // the retries differ in their note, which is not part of what makes an application.
                for attempt in 0..<20 {
                    let retry = ApplicationSubmission(
                        submissionID: "SUB-1", vacancyID: open[0].id, applicant: siti, coverNote: "Percobaan \(attempt)")
                    group.addTask { try await h.client.submit(attempt == 0 ? submission : retry) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(results.map(\.0.id)).count == 1, "one application")
            #expect(results.filter(\.1).count == 1, "created once (201), returned 19 times (200)")
            #expect(h.portal.store.applicationCount == 1)

            func refusal(_ other: ApplicationSubmission) async -> PrakerjaAPIError? {
                do {
                    _ = try await h.client.submit(other)
                    return nil
                } catch { return error }
            }
            #expect(await refusal(ApplicationSubmission(submissionID: "SUB-1", vacancyID: open[1].id, applicant: siti))?.roleCode == .conflict)
            #expect(await refusal(ApplicationSubmission(submissionID: "SUB-2", vacancyID: open[0].id, applicant: siti))?.roleCode == .conflict)
            #expect(await refusal(ApplicationSubmission(submissionID: "SUB-3", vacancyID: closed.id, applicant: siti))?.roleCode == .conflict)
            #expect(await refusal(ApplicationSubmission(submissionID: "SUB-4", vacancyID: "VAC-NOPE", applicant: siti))?.roleCode == .notFound)
            #expect(h.portal.store.applicationCount == 1)

            let application = results[0].0
            try h.portal.store.advance(applicationID: application.id, to: .viewed, at: Date().addingTimeInterval(1))
            let read = try await h.client.application(id: application.id)
            #expect(read.status == .viewed)
            #expect(read.submittedAt == application.submittedAt)
        }
    }
}

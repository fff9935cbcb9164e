import Foundation
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// A running reference training provider and the program's client for it.
struct TrainingProviderHarness: Sendable {
    let provider: ReferenceTrainingProvider
    let client: TrainingProviderClient
    let baseURL: String
    /// The provider's clock for verifying: real time until a test moves it.
    let clock: ShiftedClock
    var catalogue: ReferenceCatalogue { provider.store.catalogue }

    static func run<Value: Sendable>(
        defects: Set<TrainingProviderDefect> = [],
        _ body: @Sendable (TrainingProviderHarness) async throws -> Value
    ) async throws -> Value {
        let clock = ShiftedClock()
        let provider = ReferenceTrainingProvider(defects: defects, clock: clock.signingClock)
        return try await HTTPServerRunner.withRunning(provider.router()) { url in
            try await body(
                TrainingProviderHarness(
                    provider: provider, client: ReferenceTrainingProvider.programClient(baseURL: url), baseURL: url, clock: clock))
        }
    }
}

@Suite struct TrainingProviderTests {
    @Test func theCatalogueCoversEveryMethodWithCompleteSyllabi() async throws {
        try await TrainingProviderHarness.run { h in
            let all = try await h.client.allCourses()
            #expect(all.count == h.catalogue.courses.count)
            #expect((45...60).contains(all.count))
            #expect(Set(all.map(\.code)).count == all.count)
            #expect(Set(all.map(\.method)) == Set(LearningMethod.allCases))
            #expect(all.filter { $0.method == .selfPaced }.count * 2 > all.count, "mostly self-paced, as in 2021 (71%)")
            let webinars = try await h.client.allCourses(method: .webinar)
            #expect(!webinars.isEmpty)
            #expect(webinars.allSatisfy { $0.method == .webinar })
            let firstPage = try await h.client.courses(page: PageRequest(limit: 10))
            #expect(firstPage.items.count == 10)
            #expect(firstPage.nextCursor != nil)

            for course in all.prefix(12) {
                let detail = try await h.client.course(code: course.code)
                #expect(detail.course == course)
                #expect(detail.syllabusProblems.isEmpty, "\(course.code): \(detail.syllabusProblems)")
                #expect(!detail.trainers.isEmpty)
                #expect(!detail.competencies.isEmpty)
                #expect(!detail.learningObjectives.isEmpty)
                #expect(detail.pricesElsewhere.allSatisfy { $0.price >= course.price })
                #expect((detail.lms != nil) == (course.method == .selfPaced || course.method == .hybrid))
                let schedules = try await h.client.schedules(courseCode: course.code)
                #expect(schedules.allSatisfy { $0.courseCode == course.code })
                #expect(schedules.allSatisfy { $0.sessions.count == detail.schedulePlan.sessions })
            }
            await #expect { try await h.client.course(code: "REFLP01-99X9") } throws: { ($0 as? PrakerjaAPIError)?.roleCode == .notFound }
        }
    }

    @Test func progressIsConsistentWithTheSchedule() async throws {
        try await TrainingProviderHarness.run { h in
            var stages: Set<String> = []
            for participant in h.catalogue.participants.prefix(60) {
                let progress = try await h.client.progress(redeemCode: participant.progress.redeemCode)
                #expect(progress == participant.progress)
                let schedule = try #require(try await h.client.schedules(courseCode: progress.courseCode).first { $0.code == progress.scheduleCode })
                #expect(
                    progress.inconsistencies(with: schedule, now: Date()).isEmpty,
                    "\(progress.redeemCode): \(progress.inconsistencies(with: schedule, now: Date()))")
                stages.insert(
                    progress.completed ? "completed" : progress.attendance.contains { $0.status == .upcoming } ? "running" : "not completed")
            }
            #expect(stages == ["completed", "running", "not completed"])
            await #expect { try await h.client.progress(redeemCode: try RedeemCode("ZZZZZZZZZZZZ")) } throws: {
                ($0 as? PrakerjaAPIError)?.roleCode == .notFound
            }
        }
    }

    @Test func certificatesVerifyAndAForgedNumberIsNeverValid() async throws {
        try await TrainingProviderHarness.run { h in
            let issued = h.catalogue.certificates.values.sorted { $0.number < $1.number }
            let valid = try #require(issued.first { $0.status == .valid })
            let revoked = try #require(issued.first { $0.status == .revoked })
            let answer = try await h.client.verifyCertificate(number: valid.number)
            #expect(answer.status == .valid)
            #expect(answer.courseCode == valid.courseCode)
            #expect(answer.postTestScore == valid.postTestScore)
            #expect(answer.holder == Masking.name(valid.participantName))
            #expect(answer.holder != valid.participantName)
            #expect(try await h.client.verifyCertificate(number: revoked.number).status == .revoked)
            for forged in [CertificateNumbers.forged(), String(valid.number.dropLast()) + "Z", "REFLP01-2026-000001"] {
                let verdict = try await h.client.verifyCertificate(number: forged)
                #expect(verdict.status == .unknown, "\(forged)")
                #expect(verdict.courseCode == nil, "\(forged)")
                #expect(verdict.holder == nil, "\(forged)")
            }
            // Every completion in the data has its certificate, and only completions do.
            for participant in h.catalogue.participants {
                #expect((participant.progress.certificateNumber != nil) == participant.progress.completed)
            }
        }
    }
}

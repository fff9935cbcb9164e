import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import Testing

/// Each training-provider defect switch breaks its rule, and only with the switch on.
@Suite struct TrainingProviderDefectTests {
    static func ruleHolds(_ defect: TrainingProviderDefect, _ h: TrainingProviderHarness) async throws -> Bool {
        switch defect {
        case .forgedCertificateValid:
            return try await h.client.verifyCertificate(number: CertificateNumbers.forged()).status != .valid
        case .missingSyllabus:
            let code = h.catalogue.courses[3].course.code
            return try await h.client.course(code: code).syllabusProblems.isEmpty
        case .schemaViolation:
            do {
                _ = try await h.client.courses(page: PageRequest(limit: 5))
                return true
            } catch {
                return error.kind != .undecodable
            }
        case .unauthenticatedAccess:
            return try await unsignedAndForgedAreRefused(h.client.http, target: "/v1/courses?limit=1")
        case .serverErrorOnBadInput:
            return try await h.client.http.send(method: "GET", target: "/v1/courses?colour=blue", body: []).status == 400
        case .acceptsReplayedRequest:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/courses?limit=1")
        case .forgetsReplaysByTimestamp:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/courses?limit=1", signedAgo: 200)
        case .shortReplayMemory:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/courses?limit=1", resentAfter: .seconds(2), on: h.clock)
        case .nullFieldInRefusals, .prunesReplaysByNewestTimestamp, .answersCopiesSentTogether, .acceptsUpperCaseSignature,
            .readsMillisecondTimestamps, .servesLoosePaths, .readsQueriesLoosely, .failsOnOverflowingNumbers, .signsReadsWithoutBody,
            .wrapsTimestampsAt32Bits, .servesOtherMethodsOnDetails, .remembersOnlyAnsweredCalls, .looksUpBeforeAuthenticating,
            .quotesRefusedValues, .slowDetails:
            return try await signedRoleRuleHolds(
                defect.rawValue, h.client.http, path: "/v1/courses", detail: TrainingProviderPaths.course(h.catalogue.courses[0].course.code))
        case .frameworkNotFound:
            return try await unknownRoutesAreNotFound(h.client.http, target: "/v1/courses")
        case .unmaskedHolder:
            let issued = try #require(h.catalogue.certificates.values.first { $0.status == .valid })
            let answer = try await h.client.http.send(method: "GET", target: TrainingProviderPaths.certificate(issued.number), body: [])
            return namesAreMasked(answer.body, key: "holder")
        case .losesIssuedCertificates:
            let issued = try #require(h.catalogue.certificates.values.first { $0.status == .valid })
            return try await h.client.verifyCertificate(number: issued.number).status == .valid
        case .progressAheadOfSchedule:
            // A participant midway through a running schedule (stage 2 of the catalogue).
            let midway = try #require(h.catalogue.participants.first { $0.progress.attendance.contains { $0.status == .upcoming } })
            let progress = try await h.client.progress(redeemCode: midway.progress.redeemCode)
            let schedule = try #require(h.catalogue.schedules[progress.courseCode]?.first { $0.code == progress.scheduleCode })
            return progress.inconsistencies(with: schedule, now: Date()).isEmpty
        case .slowAnswers:
            return try await answersQuickly { _ = try await h.client.courses(page: PageRequest(limit: $0)) }
        case .personalDataInErrors:
            return try await refusalCarriesNoPersonalData(h.client.http, target: TrainingProviderPaths.progress("ZZZZZZZZ"))
        case .unknownParameterAfterFirstPage:
            let cursor = try #require(try await h.client.courses(page: PageRequest(limit: 5)).nextCursor)
            let target = "/v1/courses?limit=5&cursor=\(ProgramSignedClient.percentEncoded(cursor))&colour=blue"
            return try await h.client.http.send(method: "GET", target: target, body: []).status == 400
        case .longPathFails:
            let status = try await h.client.http.send(
                method: "GET", target: TrainingProviderPaths.certificate(String(repeating: "A", count: 100)), body: []
            ).status
            return (400..<500).contains(status)
        case .certificatesMatchedLoosely:
            let issued = try #require(h.catalogue.certificates.values.first { $0.status == .valid })
            return try await h.client.verifyCertificate(number: issued.number.lowercased()).status != .valid
        case .certificateNamesAnotherCourse:
            let issued = try #require(h.catalogue.certificates.values.first { $0.status == .valid })
            return try await h.client.verifyCertificate(number: issued.number).courseCode == issued.courseCode
        case .revokedAsValid:
            let revoked = try #require(h.catalogue.certificates.values.first { $0.status == .revoked })
            return try await h.client.verifyCertificate(number: revoked.number).status == .revoked
        case .coursesOutOfOrder:
            let codes = try await h.client.coursePages(limit: 7).items().map(\.code)
            return codes.count > 7 && codes == codes.sorted()
        }
    }

    @Test(arguments: TrainingProviderDefect.allCases)
    func theSwitchBreaksExactlyItsRule(_ defect: TrainingProviderDefect) async throws {
        #expect(
            try await TrainingProviderHarness.run { try await Self.ruleHolds(defect, $0) },
            "the correct provider keeps the rule \(defect.rawValue) breaks")
        #expect(
            try await !TrainingProviderHarness.run(defects: [defect]) { try await Self.ruleHolds(defect, $0) }, "\(defect.rawValue) breaks its rule")
    }
}

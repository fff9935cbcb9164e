import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners
import ReferenceTrainingProvider
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
                return error.kind != .invalidResponse
            }
        case .unauthenticatedAccess:
            let unsigned = try await AsyncHTTPClientTransport.shared.send(
                TransportRequest(method: "GET", url: h.baseURL + "/v1/courses", headers: [], body: []), timeout: .seconds(5))
            let forged = try await h.client.http.send(method: "GET", target: "/v1/courses?limit=1", body: []) { headers in
                headers.removeAll { $0.name == "signature" }
                headers.append(("signature", String(repeating: "a", count: 40)))
            }
            return unsigned.status == 401 && forged.status == 401
        case .serverErrorOnBadInput:
            return try await h.client.http.send(method: "GET", target: "/v1/courses?colour=blue", body: []).status == 400
        case .acceptsReplayedRequest:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/courses?limit=1")
        }
    }

    @Test(arguments: TrainingProviderDefect.allCases)
    func theSwitchBreaksExactlyItsRule(_ defect: TrainingProviderDefect) async throws {
        #expect(try await TrainingProviderHarness.run { try await Self.ruleHolds(defect, $0) }, "the correct provider keeps the rule \(defect.rawValue) breaks")
        #expect(try await !TrainingProviderHarness.run(defects: [defect]) { try await Self.ruleHolds(defect, $0) }, "\(defect.rawValue) breaks its rule")
    }
}

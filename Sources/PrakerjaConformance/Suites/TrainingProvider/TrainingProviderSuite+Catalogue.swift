import Foundation
import PrakerjaModels
import PrakerjaPartners

extension TrainingProviderSuite {
    static let catalogueGroup = CheckGroup(
        id: "training-provider.catalogue", title: "Catalogue",
        checks: [
            Check(
                shared.define(
                    "catalogue.course-code-order",
                    "The catalogue is in course-code order, each course once, at any page size and with a method filter",
                    requirements: ["PAGE-01"], tags: ["catalogue", "pagination"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                var findings: [Finding] = []
                var walks: [(method: LearningMethod?, limit: Int)] = [(nil, 100), (nil, 7)]
                if let method = try await client(probe).courses(page: PageRequest(limit: 1)).items.first?.method { walks.append((method, 2)) }
                var counts: [String] = []
                for (method, limit) in walks {
                    let courses = try await client(probe).coursePages(method: method, limit: limit).items()
                    let walk = "pages of \(limit)" + (method.map { ", method \($0.rawValue)" } ?? "")
                    counts.append("\(courses.count) in \(walk)")
                    for (position, (earlier, later)) in zip(courses, courses.dropFirst()).enumerated() where later.code <= earlier.code {
                        findings.append(
                            Finding(
                                later.code == earlier.code ? "a course listed twice" : "a course out of course-code order",
                                location: "\(walk), course \(position + 2)", expected: "after \(earlier.code)", actual: later.code))
                    }
                }
                return .judge(Array(findings.prefix(20)), pass: "courses in code order, each once: \(counts.joined(separator: "; "))") { _ in
                    findings.summary
                }
            }
        ])

    /// The progress of every redeem code of `fixtures.progressCodes`, read once per run.
    static func fixtureProgress(_ probe: ProgramSignedProbe) async throws -> [ParticipantProgress] {
        guard case .array(let codes)? = probe.context.config.fixture("progressCodes") else {
            throw CheckError.kit("fixtures.progressCodes is not a list")
        }
        var redeemCodes: [RedeemCode] = []
        for case .string(let text) in codes {
            do { redeemCodes.append(try RedeemCode(text)) } catch { throw CheckError.kit("fixtures.progressCodes: \(text) is not a redeem code") }
        }
        return try await probe.context.once("training-provider.fixture-progress") { [redeemCodes] in
            var progress: [ParticipantProgress] = []
            for code in redeemCodes { progress.append(try await client(probe).progress(redeemCode: code)) }
            return progress
        }
    }

    /// What is wrong with the verification of each certificate the fixtures' participants hold:
    /// issued (valid or revoked), for the course they completed, naming a holder, with their post-test score.
    static func progressCertificateProblems(_ probe: ProgramSignedProbe) async throws -> [Finding] {
        var findings: [Finding] = []
        for progress in try await fixtureProgress(probe) where progress.completed {
            guard let number = progress.certificateNumber else { continue }
            let verification = try await client(probe).verifyCertificate(number: number)
            let location = "GET \(TrainingProviderPaths.certificate(number))"
            // Revoked is a verdict the provider may give on what it issued; unknown is not.
            if verification.status == .unknown {
                findings.append(
                    Finding(
                        "a participant's certificate is unknown to the provider that issued it", location: location,
                        expected: "valid or revoked (the certificate of redeem code \(progress.redeemCode))", actual: verification.status.rawValue))
                continue
            }
            if verification.courseCode != progress.courseCode {
                findings.append(
                    Finding(
                        "a certificate names another course than the one completed", location: "\(location) /courseCode",
                        expected: progress.courseCode, actual: verification.courseCode ?? "absent"))
            }
            if verification.holder == nil {
                findings.append(
                    Finding(
                        "a valid certificate without its holder", location: "\(location) /holder", expected: "the holder, masked", actual: "absent"))
            }
            if let score = progress.postTestScore, let certified = verification.postTestScore, score != certified {
                findings.append(
                    Finding(
                        "a certificate's score differs from the participant's post-test", location: "\(location) /postTestScore",
                        expected: "\(score)", actual: "\(certified)"))
            }
        }
        return findings
    }
}

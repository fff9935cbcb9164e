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
                    "The catalogue is in course-code order, each course once, the same courses at any page size, and only the method's with a method filter",
                    requirements: ["PAGE-01"], tags: ["catalogue", "pagination"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                var findings: [Finding] = []
                var walks: [(method: LearningMethod?, limit: Int)] = [(nil, 100), (nil, 7)]
                if let method = try await client(probe).courses(page: PageRequest(limit: 1)).items.first?.method { walks.append((method, 2)) }
                var counts: [String] = []
                var whole: [Course]?
                for (method, limit) in walks {
                    let courses = try await client(probe).coursePages(method: method, limit: limit).items()
                    let walk = "pages of \(limit)" + (method.map { ", method \($0.rawValue)" } ?? "")
                    counts.append("\(courses.count) in \(walk)")
                    // Every walk is the same catalogue: the first, filtered as this one is.
                    if let method, let other = courses.first(where: { $0.method != method }) {
                        findings.append(
                            Finding(
                                "a course of another method", location: walk, expected: method.rawValue,
                                actual: "\(other.code): \(other.method.rawValue)"))
                    }
                    if let whole {
                        let want = whole.filter { method == nil || $0.method == method }.map(\.code), have = courses.map(\.code)
                        let wanted = Set(want), had = Set(have)
                        if let missing = want.first(where: { !had.contains($0) }) {
                            findings.append(
                                Finding(
                                    "a course missing from the walk", location: walk, expected: "\(want.count) courses, as in pages of 100",
                                    actual: "\(have.count), without \(missing)"))
                        } else if let extra = have.first(where: { !wanted.contains($0) }) {
                            findings.append(
                                Finding(
                                    "a course only this walk finds", location: walk, expected: "\(want.count) courses, as in pages of 100",
                                    actual: extra))
                        }
                    } else {
                        whole = courses
                    }
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

    /// What is wrong with the verification of each certificate the fixtures' participants hold
    /// (each number once; `except` is verified by the caller).
    static func participantCertificateProblems(_ probe: ProgramSignedProbe, except: String) async throws -> [Finding] {
        var findings: [Finding] = []
        var verified: Set<String> = [except]
        for progress in try await fixtureProgress(probe) where progress.completed {
            guard let number = progress.certificateNumber, verified.insert(number).inserted else { continue }
            let verification = try await client(probe).verifyCertificate(number: number)
            findings += verificationProblems(
                verification, number: number, of: "redeem code \(progress.redeemCode)", course: progress.courseCode, score: progress.postTestScore)
        }
        return findings
    }

    /// The finding when `verification` (answered at `location`) names its holder unmasked. The
    /// name is the personal data: the finding shows its shape, not the name.
    static func unmaskedHolder(_ verification: CertificateVerification, at location: String) -> Finding? {
        guard let holder = verification.holder, !Masking.isMaskedName(holder) else { return nil }
        return Finding(
            "the holder's name is shown unmasked", location: "\(location) /holder", expected: "each word's first letter, then asterisks",
            actual: "\(holder.filter { $0 != "*" && $0 != " " }.count) letters shown")
    }

    /// What is wrong with the provider's verification of `number`, a certificate it issued (to
    /// `owner`): unknown (revoked is a verdict it may give, unknown is not), for another course
    /// than `course`, without its holder or with the holder unmasked, with another score than `score`.
    static func verificationProblems(
        _ verification: CertificateVerification, number: String, of owner: String, course: String?, score: Int?
    )
        -> [Finding]
    {
        let location = "GET \(TrainingProviderPaths.certificate(number))"
        guard verification.status != .unknown else {
            return [
                Finding(
                    "a certificate the provider issued is unknown to it", location: location,
                    expected: "valid or revoked (the certificate of \(owner))",
                    actual: verification.status.rawValue)
            ]
        }
        var findings: [Finding] = []
        if verification.courseCode == nil || (course != nil && verification.courseCode != course) {
            findings.append(
                Finding(
                    "a certificate names another course than the one completed", location: "\(location) /courseCode",
                    expected: course ?? "its course", actual: verification.courseCode ?? "absent"))
        }
        if let unmasked = unmaskedHolder(verification, at: location) {
            findings.append(unmasked)
        } else if verification.holder == nil {
            findings.append(
                Finding("a certificate without its holder", location: "\(location) /holder", expected: "the holder, masked", actual: "absent"))
        }
        if let score, let certified = verification.postTestScore, score != certified {
            findings.append(
                Finding(
                    "a certificate's score differs from the participant's post-test", location: "\(location) /postTestScore",
                    expected: "\(score)", actual: "\(certified)"))
        }
        return findings
    }
}

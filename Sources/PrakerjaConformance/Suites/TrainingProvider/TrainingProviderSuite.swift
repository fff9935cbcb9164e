import Foundation
import PrakerjaModels
import PrakerjaPartners

/// The training provider's protocol suite (`Specs/training-provider.openapi.yaml`): the shared
/// spec, security, negative-data and latency groups, and the role's semantics: course detail
/// carries a complete syllabus, a forged certificate is never valid (and an issued one is),
/// and a participant's progress is consistent with the schedule.
public enum TrainingProviderSuite {
    static let certificate = "fixtures.certificateNumber"
    static let progressCodes = "fixtures.progressCodes"
    static let revoked = "fixtures.revokedCertificateNumber"

    static let shared = ProgramSignedChecks(
        prefix: "training-provider", contract: "Specs/training-provider.openapi.yaml", requirementPrefix: "TP",
        probe: ("list-courses", "/v1/courses?limit=1"),
        latencyTarget: { "/v1/courses?limit=\($0 % 50 + 1)" },
        tour: { probe in
            let first = try await probe.call("list-courses", "/v1/courses?limit=5")
            var answers = [first]
            if case .array(let items)? = first.json?["items"], case .string(let code)? = items.first?["code"] {
                answers.append(try await probe.call("get-course", TrainingProviderPaths.course(code)))
                answers.append(try await probe.call("list-schedules", TrainingProviderPaths.schedules(code)))
            }
            if case .array(let codes)? = probe.context.config.fixture("progressCodes"), case .string(let code)? = codes.first {
                answers.append(try await probe.call("get-progress", TrainingProviderPaths.progress(code)))
            }
            answers.append(try await probe.call("get-course", TrainingProviderPaths.course("NO-SUCH-COURSE-\(probe.context.runToken)")))
            answers.append(try await probe.call("get-progress", TrainingProviderPaths.progress("ZZZZ\(probe.context.runToken.prefix(8))")))
            answers.append(
                try await probe.call("verify-certificate", TrainingProviderPaths.certificate(try probe.context.fixtureText("certificateNumber"))))
            answers.append(try await probe.call("verify-certificate", TrainingProviderPaths.certificate("NOT-A-CERTIFICATE")))
            return answers
        },
        bodies: { _ in [] },
        badQueries: [
            ("list-courses", "/v1/courses?limit=0"), ("list-courses", "/v1/courses?limit=abc"), ("list-courses", "/v1/courses?method=telepathy"),
        ],
        inputs: [certificate, progressCodes], refusalPrivacy: "PRIV-02")

    public static func suite() -> Suite {
        Suite(
            id: "training-provider", title: "Training provider",
            groups: shared.groups([catalogueGroup, detailGroup, certificatesGroup, progressGroup]))
    }

    static func client(_ probe: ProgramSignedProbe) -> TrainingProviderClient { TrainingProviderClient(http: probe.http) }

    static let detailGroup = CheckGroup(
        id: "training-provider.detail", title: "Course detail",
        checks: [
            Check(
                shared.define(
                    "detail.syllabus-complete", "Every course's detail carries a complete syllabus",
                    requirements: ["CAT-01"], tags: ["catalogue"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let courses = try await client(probe).allCourses()
                guard !courses.isEmpty else { return .notApplicable("the catalogue is empty") }
                var findings: [Finding] = []
                for course in courses {
                    let detail = try await client(probe).course(code: course.code)
                    for problem in detail.syllabusProblems {
                        findings.append(Finding(problem, location: "GET \(TrainingProviderPaths.course(course.code)) /modules"))
                    }
                }
                return .judge(Array(findings.prefix(50)), pass: "\(courses.count) courses, each with a complete syllabus") { _ in
                    "\(findings.count) syllabus problems"
                }
            }
        ])

    static let certificatesGroup = CheckGroup(
        id: "training-provider.certificates", title: "Certificates",
        checks: [
            Check(
                shared.define(
                    "certificates.forged-not-valid", "A certificate number the provider never issued is not valid",
                    requirements: ["CERT-01"], tags: ["certificates", "fraud"], inputs: [certificate])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let issued = try context.fixtureText("certificateNumber")
                var findings: [Finding] = []
                for forged in forgeries(of: issued, token: context.runToken) {
                    let verification = try await client(probe).verifyCertificate(number: forged)
                    if verification.status == .valid {
                        findings.append(
                            Finding(
                                "a forged certificate number verifies as valid", location: "GET \(TrainingProviderPaths.certificate(forged))",
                                expected: "unknown", actual: "valid\(verification.holder.map { ", holder \(Masking.name($0))" } ?? "")"))
                    }
                }
                return .judge(
                    findings,
                    pass: "\(forgeries(of: issued, token: context.runToken).count) forged numbers, near misses of an issued one, were not valid"
                ) { _ in
                    "the provider vouches for forged certificates"
                }
            },
            Check(
                shared.define(
                    "certificates.issued-verifies", "An issued certificate verifies as valid with its course, its holder named only masked",
                    requirements: ["CERT-02", "PRIV-01"], tags: ["certificates", "privacy"], inputs: [certificate, progressCodes])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let issued = try context.fixtureText("certificateNumber")
                let verification = try await client(probe).verifyCertificate(number: issued)
                var findings = verificationProblems(verification, number: issued, of: "fixtures.certificateNumber", course: nil, score: nil)
                if verification.status != .valid {
                    findings.insert(
                        Finding(
                            "the certificate of fixtures.certificateNumber does not verify",
                            location: "GET \(TrainingProviderPaths.certificate(issued))",
                            expected: "valid, with its course", actual: verification.status.rawValue), at: 0)
                }
                findings += try await participantCertificateProblems(probe, except: issued)
                return .judge(findings, pass: "valid, course \(verification.courseCode ?? ""), holder \(verification.holder ?? "not named")") { _ in
                    findings.summary
                }
            },
            revokedCheck,
        ])

    static let revokedCheck = Check(
        shared.define(
            "certificates.revoked-not-valid", "A certificate the provider revoked verifies as revoked, never valid, its holder named only masked",
            requirements: ["CERT-03", "PRIV-01"], tags: ["certificates", "fraud", "privacy"], inputs: [revoked])
    ) { context in
        let probe = try ProgramSignedProbe(context)
        let number = try context.fixtureText("revokedCertificateNumber")
        let verification = try await client(probe).verifyCertificate(number: number)
        guard verification.status == .revoked else {
            return .fail(
                "a revoked certificate verifies as \(verification.status.rawValue)",
                findings: [
                    Finding(
                        "the certificate of fixtures.revokedCertificateNumber", location: "GET \(TrainingProviderPaths.certificate(number)) /status",
                        expected: "revoked", actual: verification.status.rawValue)
                ])
        }
        if let unmasked = unmaskedHolder(verification, at: "GET \(TrainingProviderPaths.certificate(number))") {
            return .fail("a revoked certificate names its holder unmasked", findings: [unmasked])
        }
        return .pass("revoked, as it should be, its holder masked")
    }

    /// Well-formed numbers the provider never issued, near misses of the one it did: its digits
    /// changed, its letters changed (a provider matching the sequence only), its last character
    /// changed (a check letter or digit ignored), in lower case (numbers are compared exactly), one
    /// character longer (a prefix match), one of no shape at all, and an unissued one with each
    /// final letter (a check letter taken for proof of issue).
    /// A well-formed-looking number derived from an issued one: its digits changed.
    package static func forgery(of issued: String) -> String {
        shifted(issued, { !$0.isNumber }) { Character(String(($0.wholeNumberValue! + 5) % 10)) }
    }

    /// `text` with each ASCII character `keep` does not keep replaced by `change` of it.
    private static func shifted(_ text: String, _ keep: (Character) -> Bool, _ change: (Character) -> Character) -> String {
        String(text.map { $0.isASCII && !keep($0) ? change($0) : $0 })
    }

    static func forgeries(of issued: String, token: String) -> [String] {
        let letters = shifted(issued, { !$0.isLetter }) { character in
            let base = Character(character.isUppercase ? "A" : "a").asciiValue!
            return Character(UnicodeScalar(base + (character.asciiValue! - base + 13) % 26))
        }
        var last = issued
        if let final = last.popLast() {
            last.append(final.isNumber ? Character(String(((final.wholeNumberValue ?? 0) + 1) % 10)) : (final == "Z" || final == "z" ? "B" : "Z"))
        }
        // The issued number with its last group of digits (the serial) changed, the provider and
        // year kept, under every final letter: one of them is what a check letter computed from
        // the rest would be, which a provider checking only that takes for a number it issued.
        var everyFinal: [String] = []
        if issued.last?.isLetter == true, let end = issued.dropLast().lastIndex(where: \.isNumber) {
            let start = issued[..<end].lastIndex { !$0.isNumber }.map { issued.index(after: $0) } ?? issued.startIndex
            let serial = forgery(of: String(issued[start...end]))
            let unissued = issued[..<start] + serial + issued[issued.index(after: end)..<issued.index(before: issued.endIndex)]
            everyFinal = (UnicodeScalar("A").value...UnicodeScalar("Z").value).map { unissued + String(UnicodeScalar($0)!) }
        }
        let candidates = [forgery(of: issued), letters, last, issued.lowercased(), issued + "0", "NOT-A-CERTIFICATE-\(token)"] + everyFinal
        return candidates.enumerated().filter { $0.element != issued && !candidates[..<$0.offset].contains($0.element) }.map(\.element)
    }

    static let progressGroup = CheckGroup(
        id: "training-provider.progress", title: "Progress",
        checks: [
            Check(
                shared.define(
                    "progress.consistent-with-schedule", "Each participant's progress agrees with the schedule",
                    requirements: ["PROG-01"], tags: ["progress"], inputs: [progressCodes])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                var findings: [Finding] = []
                var judged = 0
                // Read once per course: the same signed GET again within a second would be a
                // replay, so the client would wait for the next second to send it.
                var schedulesByCourse: [String: [Schedule]] = [:]
                for progress in try await fixtureProgress(probe) {
                    let code = progress.redeemCode
                    let schedules: [Schedule]
                    if let known = schedulesByCourse[progress.courseCode] {
                        schedules = known
                    } else {
                        schedules = try await client(probe).schedules(courseCode: progress.courseCode)
                        schedulesByCourse[progress.courseCode] = schedules
                    }
                    guard let schedule = schedules.first(where: { $0.code == progress.scheduleCode }) else {
                        findings.append(
                            Finding(
                                "the progress names a schedule the course does not have", location: "progress \(code)",
                                expected: schedules.map(\.code).joined(separator: ", "), actual: progress.scheduleCode))
                        continue
                    }
                    judged += 1
                    for problem in progress.inconsistencies(with: schedule, now: Date()) {
                        findings.append(Finding(problem, location: "GET \(TrainingProviderPaths.progress(code.value))"))
                    }
                }
                return .judge(findings, pass: "\(judged) participants' progress agrees with their schedules") { "\($0) inconsistencies" }
            }
        ])
}

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
        inputs: [certificate])

    public static func suite() -> Suite {
        Suite(id: "training-provider", title: "Training provider", groups: shared.groups([detailGroup, certificatesGroup, progressGroup]))
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
                for forged in [forgery(of: issued), "NOT-A-CERTIFICATE-\(context.runToken)"] {
                    let verification = try await client(probe).verifyCertificate(number: forged)
                    if verification.status == .valid {
                        findings.append(
                            Finding(
                                "a forged certificate number verifies as valid", location: "GET \(TrainingProviderPaths.certificate(forged))",
                                expected: "unknown", actual: "valid\(verification.holder.map { ", holder \(Masking.name($0))" } ?? "")"))
                    }
                }
                return .judge(findings, pass: "two forged numbers were not valid") { _ in "the provider vouches for forged certificates" }
            },
            Check(
                shared.define(
                    "certificates.issued-verifies", "An issued certificate verifies as valid with its course, its holder named only masked",
                    requirements: ["CERT-02", "PRIV-01"], tags: ["certificates", "privacy"], inputs: [certificate])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let issued = try context.fixtureText("certificateNumber")
                let verification = try await client(probe).verifyCertificate(number: issued)
                guard verification.status == .valid, verification.courseCode != nil else {
                    return .fail(
                        "an issued certificate does not verify",
                        findings: [
                            Finding(
                                "the certificate of fixtures.certificateNumber",
                                location: "GET \(TrainingProviderPaths.certificate(issued))", expected: "valid, with its course",
                                actual: verification.status.rawValue)
                        ])
                }
                if let holder = verification.holder, !Masking.isMaskedName(holder) {
                    // The name is the personal data: the finding shows its shape, not the name.
                    return .fail(
                        "the holder's name is shown unmasked",
                        findings: [
                            Finding(
                                "the holder of fixtures.certificateNumber", location: "GET \(TrainingProviderPaths.certificate(issued)) /holder",
                                expected: "each word's first letter, then asterisks",
                                actual: "\(holder.filter { $0 != "*" && $0 != " " }.count) letters shown")
                        ])
                }
                return .pass("valid, course \(verification.courseCode ?? ""), holder \(verification.holder ?? "not named")")
            },
        ])

    /// A well-formed-looking number derived from an issued one: its digits changed.
    static func forgery(of issued: String) -> String {
        String(
            issued.map { character in
                guard let digit = character.wholeNumberValue, character.isASCII else { return character }
                return Character(String((digit + 5) % 10))
            })
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
                guard case .array(let codes)? = context.config.fixture("progressCodes") else {
                    throw CheckError.kit("fixtures.progressCodes is not a list")
                }
                var findings: [Finding] = []
                var judged = 0
                // Read once per course: the same signed GET again within a second would be a
                // replay, so the client would wait for the next second to send it.
                var schedulesByCourse: [String: [Schedule]] = [:]
                for case .string(let text) in codes {
                    let code: RedeemCode
                    do { code = try RedeemCode(text) } catch { throw CheckError.kit("fixtures.progressCodes: \(text) is not a redeem code") }
                    let progress = try await client(probe).progress(redeemCode: code)
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

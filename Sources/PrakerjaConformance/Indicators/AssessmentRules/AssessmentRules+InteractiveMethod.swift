import Foundation
import PrakerjaModels
import PrakerjaPartners

extension AssessmentRules {
    /// The automated and assisted indicators of an interactive training method.
    static let interactiveMethod: [String: Rule] = [
        "A-IN-01": { input in
            guard input.isOnline else { return .notApplicable("an in-person course") }
            let minimum = Int(input.rules.number("minimumInteractionChannels") ?? 1), channels = input.proposal.design.interaction
            return .expect(
                channels.count >= minimum, channels.joined(separator: ", "), fail: "too few ways to interact",
                at: "/design/interaction", expected: "at least \(minimum) channels",
                actual: channels.isEmpty ? "none" : channels.joined(separator: ", "))
        },
        "A-IN-02": { input in
            guard input.method == .webinar || input.method == .hybrid else { return .notApplicable("not a webinar or hybrid course") }
            var findings: [Finding] = []
            if input.course.schedulePlan.sessions < 1 { findings.append(Finding("no live sessions", location: "/course/schedulePlan/sessions")) }
            if !input.course.modules.flatMap(\.materials).contains(where: { $0.kind == .liveSession }) {
                findings.append(Finding("no live-session material in any module", location: "/course/modules"))
            }
            return .judge(findings, pass: "\(input.course.schedulePlan.sessions) live sessions", fail: "a webinar without live teaching")
        },
        "A-IN-03": { input in
            let evaluation = input.course.evaluation
            var findings: [Finding] = []
            if let pre = evaluation.preTest {
                if pre.questions < 10 {
                    findings.append(
                        Finding(
                            "too few pre-test questions", location: "/course/evaluation/preTest/questions", expected: "at least 10",
                            actual: "\(pre.questions)"))
                }
            } else {
                findings.append(Finding("no pre-test", location: "/course/evaluation/preTest"))
            }
            if evaluation.postTest.questions < 10 {
                findings.append(
                    Finding(
                        "too few post-test questions", location: "/course/evaluation/postTest/questions", expected: "at least 10",
                        actual: "\(evaluation.postTest.questions)"))
            }
            return .judge(findings, pass: "a pre-test and a post-test", fail: "the learning gain cannot be measured")
        },
        "A-IN-04": { input in
            let quizzes = input.course.evaluation.quizzes, modules = input.course.modules.count
            return .expect(
                quizzes * 2 >= modules, "\(quizzes) quizzes for \(modules) modules", fail: "too few quizzes",
                at: "/course/evaluation/quizzes", expected: "at least \((modules + 1) / 2)", actual: "\(quizzes)")
        },
        "A-IN-05": { input in
            guard input.rules.list("requiredEvaluations").contains("practicalTest") else {
                return .notApplicable("the scheme \(input.rules.id) requires no practical test")
            }
            let test = input.course.evaluation.practicalTest ?? ""
            return .expect(
                !test.isEmpty, test, fail: "no practical skills test", at: "/course/evaluation/practicalTest", expected: "a practical test",
                actual: "none")
        },
        "A-IN-06": { input in
            guard input.usesLMS else { return .notApplicable("not a self-paced or hybrid course") }
            guard let lms = input.course.lms else { return .fail("no LMS", findings: [Finding("no LMS", location: "/course/lms")]) }
            let tracks = lms.features.contains { Text.progressFeatures.contains($0.lowercased()) }
            return .expect(
                tracks, "the LMS tracks progress", fail: "the LMS does not track progress", at: "/course/lms/features",
                expected: "progress tracking", actual: lms.features.joined(separator: ", "))
        },
    ]
}

import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaPartners

extension AssessmentRules {
    /// The automated and assisted indicators of structured design.
    static let design: [String: Rule] = [
        "A-DS-01": { input in
            let modules = input.course.modules
            var findings = modules.enumerated().filter { $0.element.sequence != $0.offset + 1 }.map {
                Finding("module \($0.offset + 1) is numbered \($0.element.sequence)", location: "/course/modules/\($0.offset)/sequence")
            }
            if modules.count < 2 {
                findings.append(Finding("fewer than two modules", location: "/course/modules", expected: "2 or more", actual: "\(modules.count)"))
            }
            return .judge(findings, pass: "\(modules.count) modules in order", fail: "the syllabus is not an ordered list of modules")
        },
        "A-DS-02": { input in
            guard let minimum = input.rules.number("minimumMinutes", for: input.method) else {
                return .notApplicable("the scheme sets no minimum for \(input.method.rawValue)")
            }
            // What the syllabus delivers counts when it is less than what the course declares.
            let declared = input.course.course.durationMinutes, syllabus = input.course.syllabusMinutes
            let minutes = input.course.modules.isEmpty ? declared : min(declared, syllabus)
            return .expect(
                Double(minutes) >= minimum, "\(Text.hours(minutes)), at least \(Text.hours(Int(minimum)))", fail: "shorter than the minimum",
                at: minutes < declared ? "/course/modules" : "/course/course/durationMinutes",
                expected: "at least \(Text.hours(Int(minimum))) for \(input.method.rawValue)",
                actual: minutes < declared ? "\(Text.hours(minutes)) in the modules (\(Text.hours(declared)) declared)" : Text.hours(minutes))
        },
        "A-DS-03": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no days to fill") }
            guard let maximum = input.rules.number("maximumMinutesPerDay", for: input.method) else {
                return .notApplicable("the scheme sets no daily limit")
            }
            let perDay = input.course.schedulePlan.minutesPerDay, expected = "at most \(Text.hours(Int(maximum))) a day for \(input.method.rawValue)"
            var findings: [Finding] = []
            if Double(perDay) > maximum {
                findings.append(
                    Finding(
                        "days longer than the limit", location: "/course/schedulePlan/minutesPerDay", expected: expected, actual: Text.hours(perDay)))
            }
            // The prose may give the day's hours otherwise than the schedule does ("pukul 08.00-16.00").
            for day in Text.dailyHours(in: input.course.course.description) where Double(day.minutes) > maximum {
                findings.append(
                    Finding(
                        "the description's days are \(Text.hours(day.minutes))", location: "/course/course/description", expected: expected,
                        actual: day.sentence))
            }
            return .judge(findings, pass: "\(Text.hours(perDay)) a day", fail: "days longer than the limit")
        },
        "A-DS-04": { input in
            let course = input.course, plan = course.schedulePlan
            var findings = course.syllabusProblems.filter { $0.contains("add up") }.map { Finding($0, location: "/course/modules") }
            let planned = input.isLive || plan.days > 0 || plan.minutesPerDay > 0
            if planned, plan.days.saturatingTimes(plan.minutesPerDay) < course.course.durationMinutes {
                findings.append(
                    Finding(
                        "the schedule is shorter than the course", location: "/course/schedulePlan",
                        expected: "days × minutes per day ≥ \(course.course.durationMinutes)", actual: "\(plan.days) × \(plan.minutesPerDay)"))
            }
            return .judge(
                findings,
                pass: "modules add up to \(Text.hours(course.course.durationMinutes))"
                    + (planned ? " and the schedule covers it" : ", studied at the participant's pace"),
                fail: "the times do not add up")
        },
        "A-DS-05": { input in
            let practice = input.reference.practice
            var findings: [Finding] = []
            for (index, module) in input.course.modules.enumerated() where module.practiceMinutes > 0 {
                let held = module.materials.filter(practice.holdsPractice).saturatingSum(\.minutes)
                guard held < module.practiceMinutes else { continue }
                let shown = Set(module.materials.map(\.kind.rawValue)).sorted().joined(separator: ", ")
                findings.append(
                    Finding(
                        held == 0
                            ? "module \(module.sequence) declares \(module.practiceMinutes) practice minutes, but its materials are only \(shown)"
                            : "module \(module.sequence) declares \(module.practiceMinutes) practice minutes, but its practice activities hold \(held)",
                        location: "/course/modules/\(index)/practiceMinutes",
                        expected: "practice minutes held by assignments, live sessions or exercise sheets",
                        actual: "\(held) minutes"))
            }
            let theory = input.course.modules.saturatingSum(\.theoryMinutes), total = input.course.syllabusMinutes
            guard total > 0 else { return .fail("the syllabus has no time", findings: [Finding("no minutes", location: "/course/modules")]) }
            let share = Double(theory) / Double(total)
            if let maximum = input.rules.number("maximumTheoryShare"), share > maximum + 0.005 {
                findings.append(
                    Finding(
                        "too much theory", location: "/course/modules", expected: "at most \(Text.percent(maximum)) theory",
                        actual: "\(Text.percent(share)) (\(theory) of \(total) minutes)"))
            }
            return .judge(
                findings, pass: "\(Text.percent(share)) theory, every practice minute in a practice activity",
                fail: "practice that is not practice, or too much theory")
        },
        "A-DS-06": { input in
            let rationale = input.proposal.design.moduleRationale, titles = Set(input.course.competencies.map { $0.title.lowercased() })
            var findings: [Finding] = []
            for module in input.course.modules {
                guard let reason = rationale.first(where: { $0.module == module.sequence }), !reason.reason.isEmpty else {
                    findings.append(Finding("module \(module.sequence) has no rationale", location: "/design/moduleRationale"))
                    continue
                }
                if !reason.competencies.contains(where: { titles.contains($0.lowercased()) }) {
                    findings.append(
                        Finding(
                            "module \(module.sequence)'s rationale names none of the course's competencies", location: "/design/moduleRationale",
                            actual: reason.competencies.joined(separator: ", ")))
                }
            }
            return .judge(findings, pass: "every module has a reason and a competency", fail: "modules without a reason")
        },
        "A-DS-07": { input in
            let missing = Evaluations.missing(input.rules.list("requiredEvaluations"), in: input.course.evaluation)
            var findings = missing.map {
                Finding("no \($0)", location: "/course/evaluation", expected: "\($0) (requiredEvaluations of \(input.rules.id))")
            }
            if let pre = input.course.evaluation.preTest, pre.questions < 10 {
                findings.append(
                    Finding(
                        "too few pre-test questions", location: "/course/evaluation/preTest/questions", expected: "at least 10",
                        actual: "\(pre.questions)"))
            }
            return .judge(findings, pass: "every required evaluation is planned", fail: "an incomplete evaluation plan")
        },
        "A-DS-08": { input in
            let post = input.course.evaluation.postTest, minimum = Int(input.rules.number("minimumPassingScore") ?? 0)
            var findings: [Finding] = []
            if post.passingScore < minimum {
                findings.append(
                    Finding(
                        "the passing score is low", location: "/course/evaluation/postTest/passingScore", expected: "at least \(minimum)",
                        actual: "\(post.passingScore)"))
            }
            if post.questions < 10 {
                findings.append(
                    Finding(
                        "too few post-test questions", location: "/course/evaluation/postTest/questions", expected: "at least 10",
                        actual: "\(post.questions)"))
            }
            return .judge(findings, pass: "pass at \(post.passingScore) of \(post.questions) questions", fail: "the post-test is too easy to pass")
        },
    ]
}

import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaPartners

extension AssessmentRules {
    /// The automated and assisted indicators of an interactive training method.
    static let interactiveMethod: [String: Rule] = [
        "A-IN-01": { input in
            guard input.isOnline else { return .notApplicable("an in-person course") }
            let minimum = Int(input.rules.number("minimumInteractionChannels") ?? 1), listed = input.proposal.design.interaction
            // A chat the proposal's own text says a machine answers is no interaction with a trainer.
            let reference = input.reference, texts = input.texts
            let bots = texts.flatMap { reference.automatedReplies.found(in: $0.1) }
            // A channel the text opens only after the training (to alumni) is none during it.
            let afterwards = texts.flatMap { Wording.sentences($0.1) }.filter { reference.afterTraining.isFound(in: $0) }
            let later = Set(listed.filter { channel in afterwards.contains { reference.channelWords[channel]?.isFound(in: $0) == true } })
            let channels = listed.filter { !later.contains($0) && !(bots.isEmpty == false && $0 == "chat") }
            let uncounted =
                (bots.isEmpty || !listed.contains("chat") ? "" : " (chat is answered by a machine: \(Set(bots).sorted().joined(separator: ", ")))")
                + (later.isEmpty ? "" : " (open only after the training: \(later.sorted().joined(separator: ", ")))")
            return .expect(
                channels.count >= minimum, channels.joined(separator: ", ") + uncounted, fail: "too few ways to interact" + uncounted,
                at: "/design/interaction", expected: "at least \(minimum) channels a person answers",
                actual: channels.isEmpty ? "none" : channels.joined(separator: ", "))
        },
        "A-IN-02": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no live sessions") }
            let plan = input.course.schedulePlan
            let live = input.course.modules.flatMap(\.materials).filter { $0.kind == .liveSession }.saturatingSum(\.minutes)
            var findings: [Finding] = []
            if input.method == .webinar || input.method == .hybrid {
                if plan.sessions < 1 { findings.append(Finding("no live sessions", location: "/course/schedulePlan/sessions")) }
                if live == 0 { findings.append(Finding("no live-session material in any module", location: "/course/modules")) }
            }
            if live > plan.sessions.saturatingTimes(plan.minutesPerDay) {
                findings.append(
                    Finding(
                        "\(plan.sessions) sessions of at most \(Text.hours(plan.minutesPerDay)) cannot carry \(Text.hours(live)) of live material",
                        location: "/course/schedulePlan/sessions", expected: "sessions × minutes per day ≥ \(live)",
                        actual: "\(plan.sessions) × \(plan.minutesPerDay)"))
            }
            return .judge(
                findings, pass: "\(plan.sessions) live sessions carry \(Text.hours(live)) of live material",
                fail: "the live sessions cannot carry the live material")
        },
        "A-IN-04": { input in
            let quizzes = input.course.evaluation.quizzes, modules = input.course.modules.count
            return .expect(
                quizzes.saturatingTimes(2) >= modules, "\(quizzes) quizzes for \(modules) modules", fail: "too few quizzes",
                at: "/course/evaluation/quizzes", expected: "at least \((modules + 1) / 2)", actual: "\(quizzes)")
        },
        "A-IN-05": { input in
            let required = input.rules.list("requiredEvaluations").contains("practicalTest")
            let test = (input.course.evaluation.practicalTest ?? "").trimmingCharacters(in: .whitespaces)
            guard !test.isEmpty else {
                return required
                    ? .fail(
                        "no practical skills test",
                        findings: [
                            Finding("no practical test", location: "/course/evaluation/practicalTest", expected: "a practical test", actual: "none")
                        ])
                    : .notApplicable("the scheme \(input.rules.id) requires no practical test and none is described")
            }
            let practice = input.reference.practice, location = "/course/evaluation/practicalTest"
            let unlabelled = practice.withoutLabels(test)
            let written = practice.writtenTest.found(in: unlabelled), performance = practice.performance.found(in: unlabelled)
            let machine = practice.scoredByMachine.found(in: unlabelled)
            if !machine.isEmpty {
                return .fail(
                    "the practical test is scored by a machine",
                    findings: [
                        Finding(
                            "a machine scores it (\(machine.joined(separator: ", "))), so nobody observes a performance", location: location,
                            expected: "a performance an assessor observes (unjuk kerja)", actual: test)
                    ])
            }
            if !written.isEmpty {
                return performance.isEmpty
                    ? .fail(
                        "the practical test is a written test",
                        findings: [
                            Finding(
                                "it is answered, not performed (\(written.joined(separator: ", ")))", location: location,
                                expected: "a performance an assessor observes (unjuk kerja)", actual: test)
                        ])
                    : .undecided(
                        "the practical test mixes a performance (\(performance.joined(separator: ", "))) with questions (\(written.joined(separator: ", "))): a person decides which it is",
                        findings: [Finding("written and performed", location: location, actual: test)])
            }
            let doing = input.reference.verbs.doing
            guard !performance.isEmpty || Wording.words(unlabelled).contains(where: doing.contains) else {
                return .undecided(
                    "the practical test names no performance the kit recognises: a person reads it",
                    findings: [Finding("no performance named", location: location, actual: test)])
            }
            return .pass(test)
        },
        "A-IN-06": { input in
            guard input.usesLMS else { return .notApplicable("not a self-paced or hybrid course") }
            guard let lms = input.course.lms else { return .fail("no LMS", findings: [Finding("no LMS", location: "/course/lms")]) }
            // Progress written down by hand (an admin's spreadsheet) is not the LMS tracking it.
            let tracking = lms.features.filter { input.reference.progressFeatures.isFound(in: $0) && !input.reference.manualTracking.isFound(in: $0) }
            return .expect(
                !tracking.isEmpty, "the LMS tracks progress (\(tracking.joined(separator: ", ")))", fail: "the LMS does not track progress",
                at: "/course/lms/features", expected: "progress tracking", actual: lms.features.joined(separator: ", "))
        },
        "A-IN-08": { input in
            let allowed = input.rules.list("methods")
            guard allowed.contains(input.method.rawValue) else {
                return .fail(
                    "the scheme \(input.rules.id) does not fund \(input.method.label) trainings",
                    findings: [
                        Finding(
                            "not a method of \(input.rules.id)", location: "/course/course/method", expected: allowed.joined(separator: ", "),
                            actual: input.method.rawValue)
                    ])
            }
            // A scheme that funds online training only: sessions the text puts in person are an offline course.
            guard !allowed.contains(LearningMethod.offline.rawValue) else { return .pass("\(input.method.label) is a method of \(input.rules.id)") }
            let reference = input.reference
            let inPerson = input.texts.flatMap { pointer, text in
                Wording.sentences(text).compactMap { sentence -> Finding? in
                    let words = Wording.words(sentence)
                    let found = reference.inPerson.found(inWords: words)
                    guard !found.isEmpty, reference.inPersonDenials.found(inWords: words).isEmpty else { return nil }
                    return Finding(
                        "sessions in person (\(found.joined(separator: ", "))), which \(input.rules.id) does not fund", location: pointer,
                        expected: "online training only (\(allowed.joined(separator: ", ")))", actual: sentence.trimmingCharacters(in: .whitespaces))
                }
            }
            return .judge(
                inPerson, pass: "\(input.method.label) is a method of \(input.rules.id)",
                fail: "the scheme \(input.rules.id) funds online training only, and the course meets in person")
        },
    ]
}

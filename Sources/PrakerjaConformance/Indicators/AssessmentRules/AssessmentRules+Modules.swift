import Foundation
import PrakerjaModels
import PrakerjaPartners

extension AssessmentRules {
    /// The automated and assisted indicators of quality modules.
    static let modules: [String: Rule] = [
        "A-MD-01": { input in
            let empty = input.course.modules.enumerated().filter { !$0.element.materials.contains { $0.minutes > 0 } }
            return .judge(
                empty.map { Finding("module \($0.element.sequence) has no material", location: "/course/modules/\($0.offset)/materials") },
                pass: "every module has materials", fail: "\(empty.count) modules without materials")
        },
        "A-MD-02": { input in
            guard input.method == .selfPaced else { return .notApplicable("not a self-paced course") }
            guard let minimum = input.rules.number("minimumVideoMinutes") else { return .notApplicable("the scheme sets no video minimum") }
            let video = input.course.modules.flatMap(\.materials).filter { $0.kind == .video }.reduce(0) { $0 + $1.minutes }
            return .expect(
                Double(video) >= minimum, "\(Text.hours(video)) of video", fail: "too little video",
                at: "/course/modules", expected: "at least \(Text.hours(Int(minimum))) of video", actual: Text.hours(video))
        },
        "A-MD-03": { input in
            let tasks = input.course.selfPracticeTasks
            guard !tasks.isEmpty else { return .fail("no self-practice task", findings: [Finding("no task", location: "/course/selfPracticeTasks")]) }
            let thin = tasks.enumerated().filter { $0.element.instructions.count < 30 }
            return .judge(
                thin.map {
                    Finding(
                        "task \($0.element.sequence)'s instructions are too thin", location: "/course/selfPracticeTasks/\($0.offset)/instructions",
                        expected: "at least 30 characters", actual: "\($0.element.instructions.count)")
                },
                pass: "\(tasks.count) self-practice tasks", fail: "tasks without usable instructions")
        },
        "A-MD-04": { input in
            let vocabulary = Text.vocabulary(of: input)
            let modules = input.course.modules
            let fitting = modules.filter { !Text.words($0.title).filter(vocabulary.contains).isEmpty }
            let share = modules.isEmpty ? 0 : Double(fitting.count) / Double(modules.count)
            let minimum = input.rules.number("minimumTitleOverlap") ?? 0.5
            let outliers = modules.filter { module in !fitting.contains { $0.sequence == module.sequence } }
            let findings = outliers.map {
                Finding(
                    "module \($0.sequence) \"\($0.title)\" shares no word with the title, competencies or objectives", location: "/course/modules")
            }
            return share >= minimum
                ? .pass("\(fitting.count) of \(modules.count) modules fit the title", findings: findings)
                : .fail(
                    "only \(fitting.count) of \(modules.count) modules fit the title (minimumTitleOverlap \(Text.percent(minimum)))",
                    findings: findings)
        },
        "A-MD-05": { input in
            .expect(
                input.proposal.design.language == "id", "declared in Bahasa Indonesia", fail: "not in Bahasa Indonesia",
                at: "/design/language", expected: "id", actual: input.proposal.design.language)
        },
        "A-MD-06": { input in
            let design = input.proposal.design
            return .expect(
                !design.supportingTools.isEmpty || design.needsNoTools == true,
                design.supportingTools.isEmpty ? "needs no tools, as declared" : design.supportingTools.joined(separator: "; "),
                fail: "the tools a participant needs are not named", at: "/design/supportingTools", expected: "the tools, or needsNoTools",
                actual: "none")
        },
    ]
}

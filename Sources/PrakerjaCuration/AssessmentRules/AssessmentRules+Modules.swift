import Foundation
import PrakerjaConformance
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
            // A video's title that states its own length ("durasi video ±12 menit") is believed over a longer minutes field.
            let videos = input.course.modules.flatMap(\.materials).filter { $0.kind == .video }
            let video = videos.map { material in min(material.minutes, Text.statedMinutes(in: material.title) ?? material.minutes) }.reduce(0, +)
            let padded = videos.filter { (Text.statedMinutes(in: $0.title) ?? $0.minutes) < $0.minutes }
            return .expect(
                Double(video) >= minimum,
                "\(Text.hours(video)) of video" + (padded.isEmpty ? "" : " (\(padded.count) videos counted at the length their titles state)"),
                fail: "too little video" + (padded.isEmpty ? "" : ": \(padded.count) videos' titles state less than their minutes"),
                at: "/course/modules", expected: "at least \(Text.hours(Int(minimum))) of video", actual: Text.hours(video))
        },
        "A-MD-03": { input in
            let tasks = input.course.selfPracticeTasks, practice = input.reference.practice, making = input.reference.verbs.making
            guard !tasks.isEmpty else { return .fail("no self-practice task", findings: [Finding("no task", location: "/course/selfPracticeTasks")]) }
            var findings: [Finding] = []
            for (index, task) in tasks.enumerated() {
                let location = "/course/selfPracticeTasks/\(index)/instructions", text = task.title + ". " + task.instructions
                if task.instructions.count < 30 {
                    findings.append(
                        Finding(
                            "task \(task.sequence)'s instructions are too thin", location: location, expected: "at least 30 characters",
                            actual: "\(task.instructions.count)"))
                    continue
                }
                let passive = practice.passiveTask.found(in: text)
                let doing = practice.doing(in: text, verbs: making)
                let handedIn = Wording.words(text).contains(where: practice.handIn.contains)
                guard doing.isEmpty, !passive.isEmpty || !handedIn else { continue }
                findings.append(
                    Finding(
                        passive.isEmpty
                            ? "task \(task.sequence) names nothing to do or make"
                            : "task \(task.sequence) only asks to \(passive.joined(separator: ", ")): nothing is practised",
                        location: location, expected: "a task that makes or does something the participant hands in", actual: task.instructions))
            }
            return .judge(findings, pass: "\(tasks.count) self-practice tasks, each something to do or make", fail: "tasks that are not practice")
        },
        "A-MD-04": { input in
            let vocabulary = input.vocabulary, everyTrade = input.reference.occupations.everyTrade
            guard !vocabulary.isEmpty else {
                return .undecided("the kit has no KBJI 2014 words for the course's occupations: a person compares the modules with the title")
            }
            let modules = input.course.modules.enumerated().filter { _, module in
                !Text.words(module.title).allSatisfy(everyTrade.contains)
            }
            let side = input.reference.business.foreign(to: input.course.occupations.map(\.code))
            let common = ModuleTrade.common(to: modules.map(\.element.title), courseTitle: input.course.course.title, vocabulary: vocabulary)
            var findings: [Finding] = [], fitting = 0, elsewhere = 0
            for (index, module) in modules {
                let location = "/course/modules/\(index)/title", name = "module \(module.sequence) \"\(module.title)\""
                switch ModuleTrade.of(module, vocabulary: vocabulary, side: side, ignoring: common) {
                case .own:
                    fitting += 1
                case .another(let function, let words):
                    elsewhere += 1
                    findings.append(
                        Finding(
                            "\(name) teaches \(function.lowercased()) (\(words.joined(separator: ", "))), another trade's work", location: location))
                case .unknown(let products):
                    findings.append(
                        Finding(
                            products.isEmpty
                                ? "\(name) names no work of the occupation's words (a person reads it)"
                                : "\(name) names the product (\(products.joined(separator: ", "))) but no work of the occupation's words (a person reads it)",
                            location: location))
                }
            }
            let title = input.course.course.title, titleShared = vocabulary.shared(with: title)
            if titleShared.isEmpty {
                findings.append(Finding("the title shares no word with the occupation", location: "/course/course/title", actual: title))
            }
            let minimum = input.rules.number("minimumModulesOfTheTrade") ?? 0.6
            // Too many modules of another trade whatever the unread ones teach fails; too few read
            // either way to say goes to a person.
            let tooMany = Double(elsewhere) > (1 - minimum) * Double(modules.count)
            guard tooMany || (fitting + elsewhere) * 2 >= modules.count else {
                return .undecided(
                    "only \(fitting + elsewhere) of \(modules.count) modules name whose work they teach in the words the kit knows: "
                        + "a person compares the modules with the title", findings: findings)
            }
            let share = fitting + elsewhere == 0 ? 1 : Double(fitting) / Double(fitting + elsewhere)
            let shown =
                "\(fitting) modules teach the occupation (\(input.course.occupations.map(\.title).joined(separator: ", "))), \(elsewhere) another trade's work"
            return share >= minimum && !tooMany && !titleShared.isEmpty
                ? .pass(shown, findings: findings)
                : .fail(
                    "\(shown); minimumModulesOfTheTrade \(Text.percent(minimum))\(titleShared.isEmpty ? "; the title does not name it" : "")",
                    findings: findings)
        },
        "A-MD-05": { input in
            .expect(
                input.proposal.design.language == "id", "declared in Bahasa Indonesia", fail: "not in Bahasa Indonesia",
                at: "/design/language", expected: "id", actual: input.proposal.design.language)
        },
        "A-MD-06": { input in
            let design = input.proposal.design, course = input.course, reference = input.reference.trades
            let trades = reference.of(occupations: course.occupations.map(\.code), texts: [course.course.title] + course.competencies.map(\.title))
            var findings: [Finding] = []
            if design.supportingTools.isEmpty {
                if let trade = trades.first {
                    findings.append(
                        Finding(
                            "a \(trade.id) course cannot be taught without tools", location: "/design/supportingTools",
                            expected: "the tools a participant uses", actual: design.needsNoTools == true ? "needsNoTools" : "none"))
                } else if design.needsNoTools != true {
                    findings.append(
                        Finding(
                            "the tools a participant needs are not named", location: "/design/supportingTools", expected: "the tools, or needsNoTools"
                        ))
                }
            }
            let places =
                design.supportingTools + (input.proposal.provider.facilities ?? [])
                + course.modules.flatMap { [$0.title] + $0.materials.map(\.title) }
                + course.selfPracticeTasks.flatMap { [$0.title, $0.instructions] }
            for trade in trades where trade.hazardous {
                let named = places.flatMap { trade.protective.found(in: $0) + reference.generalProtective.found(in: $0) }
                if named.isEmpty {
                    findings.append(
                        Finding(
                            "a \(trade.id) course names no protective equipment", location: "/design/supportingTools",
                            expected: "protective equipment (APD) in the tools, facilities or materials", actual: "none"))
                }
            }
            let shown = design.supportingTools.isEmpty ? "needs no tools, as declared" : design.supportingTools.joined(separator: "; ")
            return .judge(findings, pass: shown, fail: "tools or protective equipment missing")
        },
    ]
}

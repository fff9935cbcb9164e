import Foundation
import PrakerjaModels
import PrakerjaPartners

extension AssessmentRules {
    /// The automated and assisted indicators of fit with the labour market.
    static let labourMarket: [String: Rule] = [
        "A-LM-01": { input in
            let competencies = input.course.competencies
            guard !competencies.isEmpty else {
                return .fail("no competency is stated", findings: [Finding("no competency", location: "/course/competencies")])
            }
            let vague = competencies.enumerated().filter { $0.element.title.split(whereSeparator: \.isWhitespace).count < 3 }
            return .judge(
                vague.map {
                    Finding(
                        "the competency \"\($0.element.title)\" is too short to say what a participant will do",
                        location: "/course/competencies/\($0.offset)/title", expected: "at least three words")
                },
                pass: "\(competencies.count) competencies stated", fail: "\(vague.count) competencies too vague")
        },
        "A-LM-02": { input in
            let competencies = input.course.competencies
            let coded = competencies.filter { $0.code.map(Text.isSKKNIUnit) ?? false }.count
            let share = competencies.isEmpty ? 0 : Double(coded) / Double(competencies.count)
            let minimum = input.rules.number("minimumStandardShare") ?? 0
            if share >= minimum { return .pass("\(coded) of \(competencies.count) competencies carry an SKKNI unit code") }
            if !input.proposal.design.curriculumReferences.isEmpty {
                return .pass(
                    "\(coded) of \(competencies.count) competencies coded; the curriculum follows \(input.proposal.design.curriculumReferences.joined(separator: "; "))"
                )
            }
            return .fail(
                "too few competencies refer to a standard",
                findings: [
                    Finding(
                        "competencies without an SKKNI unit code, and no curriculum reference", location: "/course/competencies",
                        expected: "at least \(Int(minimum * 100))% coded (minimumStandardShare)", actual: "\(coded) of \(competencies.count)")
                ])
        },
        "A-LM-03": { input in
            let occupations = input.course.occupations
            guard !occupations.isEmpty else {
                return .fail("no target occupation", findings: [Finding("no occupation", location: "/course/occupations")])
            }
            let bad = occupations.enumerated().filter { !Text.isKBJI($0.element.code) }
            return .judge(
                bad.map {
                    Finding(
                        "not a KBJI 2014 code", location: "/course/occupations/\($0.offset)/code", expected: "like 2431.03", actual: $0.element.code)
                },
                pass: occupations.map { "\($0.title) (\($0.code))" }.joined(separator: ", "), fail: "occupations without a KBJI code")
        },
        "A-LM-04": { input in
            guard let demand = input.demand else {
                return .undecided("no job portal was given (--job-portal CONFIG): the machine has no live demand to show")
            }
            let minimum = Int(input.rules.number("minimumMatchingVacancies") ?? 1)
            let findings = demand.searches.map { search in
                search.error.map { Finding("a search could not be made", location: search.portal, actual: $0) }
                    ?? Finding(
                        "\(search.matches) open vacancies for \"\(search.keyword)\" on \(search.portal)", location: search.portal,
                        actual: search.sample.isEmpty ? nil : search.sample.joined(separator: "; "))
            }
            if demand.total < minimum, demand.searches.contains(where: { $0.error != nil }) {
                return .undecided("some job portal searches failed: the machine cannot tell the demand", findings: findings)
            }
            return demand.total >= minimum
                ? .pass("\(demand.total) matching open vacancies", findings: findings)
                : .fail("only \(demand.total) matching open vacancies (minimumMatchingVacancies \(minimum))", findings: findings)
        },
        "A-LM-05": { input in
            let text = input.course.targetParticipants.trimmingCharacters(in: .whitespaces)
            return .expect(
                text.count >= 20, "described: \(text)", fail: "the target participants are not described",
                at: "/course/targetParticipants", expected: "at least 20 characters", actual: "\(text.count)")
        },
        "A-LM-06": { input in
            let objectives = input.course.learningObjectives
            var findings = objectives.enumerated().compactMap { index, objective -> Finding? in
                guard let first = Text.words(objective).first, Text.unobservableVerbs.contains(first) else { return nil }
                return Finding("\"\(objective)\" starts with \(first), which no test can observe", location: "/course/learningObjectives/\(index)")
            }
            if objectives.count < 2 {
                findings.append(
                    Finding("fewer than two objectives", location: "/course/learningObjectives", expected: "2 or more", actual: "\(objectives.count)")
                )
            }
            return .judge(findings, pass: "\(objectives.count) objectives, each an observable action", fail: "objectives a test cannot check")
        },
    ]
}

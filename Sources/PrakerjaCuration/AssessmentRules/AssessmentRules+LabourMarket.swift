import Foundation
import PrakerjaConformance
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
            let competencies = input.course.competencies, reference = input.reference
            let fitting = Set(input.course.occupations.map(\.code).flatMap(reference.occupations.divisions(for:)))
            var coded = 0, findings: [Finding] = []
            for (index, competency) in competencies.enumerated() {
                guard let code = competency.code, Text.isSKKNIUnit(code) else { continue }
                let location = "/course/competencies/\(index)/code"
                switch reference.sectors.division(ofUnit: code) {
                case .failure(let problem):
                    findings.append(Finding("\(code) is numbered in no KBLI 2020 sector: \(problem.reason)", location: location, actual: code))
                case .success(let division) where !fitting.isEmpty && !fitting.contains(division.code):
                    findings.append(
                        Finding(
                            "\(code) is a unit of KBLI \(division.section) \(division.code) (\(division.title)), where none of the course's occupations works",
                            location: location, expected: "a unit of KBLI \(fitting.sorted().joined(separator: ", "))", actual: code))
                case .success: coded += 1
                }
            }
            if !findings.isEmpty { return .fail("standards cited from another sector", findings: findings) }
            let share = competencies.isEmpty ? 0 : Double(coded) / Double(competencies.count)
            let minimum = input.rules.number("minimumStandardShare") ?? 0
            if share >= minimum { return .pass("\(coded) of \(competencies.count) competencies carry an SKKNI unit code of the occupation's sector") }
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
            let findings = occupations.enumerated().compactMap { index, occupation -> Finding? in
                if !Text.isKBJI(occupation.code) {
                    return Finding(
                        "not a KBJI 2014 code", location: "/course/occupations/\(index)/code", expected: "like 2431.03", actual: occupation.code)
                }
                if !input.reference.occupations.knows(occupation.code) {
                    return Finding(
                        "KBJI 2014 has no sub-major group \(occupation.code.prefix(2))", location: "/course/occupations/\(index)/code",
                        actual: occupation.code)
                }
                return nil
            }
            return .judge(
                findings, pass: occupations.map { "\($0.title) (\($0.code))" }.joined(separator: ", "), fail: "occupations without a KBJI code")
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
            var findings: [Finding] = [], unrecognised: [Finding] = [], verbs: [String] = []
            for (index, objective) in objectives.enumerated() {
                let location = "/course/learningObjectives/\(index)"
                switch input.reference.verbs.mainVerb(of: objective) {
                case .operational(let verb, let domain): verbs.append("\(verb) (\(domain.rawValue))")
                case .avoided(let verb):
                    findings.append(Finding("\"\(objective)\": its main verb \(verb) is one no test can observe", location: location, actual: verb))
                case .unrecognised:
                    unrecognised.append(Finding("\"\(objective)\": no operational verb recognised", location: location, actual: objective))
                }
            }
            if objectives.count < 2 {
                findings.append(
                    Finding("fewer than two objectives", location: "/course/learningObjectives", expected: "2 or more", actual: "\(objectives.count)")
                )
            }
            if !findings.isEmpty { return .fail("objectives a test cannot check", findings: findings + unrecognised) }
            if !unrecognised.isEmpty {
                return .undecided("objectives whose main verb the kit does not know: a person reads them", findings: unrecognised)
            }
            return .pass("\(objectives.count) objectives, each an observable action: \(verbs.joined(separator: ", "))")
        },
    ]
}

import Foundation
import PrakerjaModels
import PrakerjaPartners

extension JobPortalSuite {
    static let recommendationsGroup = CheckGroup(
        id: "job-portal.recommendations", title: "Recommendations",
        checks: [
            Check(
                shared.define(
                    "recommendations.scored-as-stated",
                    "Recommendations are scored by the share of the vacancy's skills the recipient brings, best first, within limit and location",
                    requirements: ["RECO-01"], tags: ["recommendations"])
            ) { context in
                // A recipient who brings two skills of an open vacancy (one as a course's
                // competency, and the other there again: a skill brought twice counts once),
                // asked for anywhere and then only in that vacancy's region; and one who brings
                // every skill of a vacancy written in capitals without diacritics (skills are
                // compared ignoring both: `PATISSERIE` is `Pâtisserie`), one with accents if any.
                let probe = try ProgramSignedProbe(context)
                let sample = try await client(probe).search(JobSearchFilter(), page: PageRequest(limit: 100)).items
                guard let target = sample.first(where: { $0.skills.count >= 2 }) else {
                    return .notApplicable("no open vacancy of the first page names two skills")
                }
                let accented = sample.first { $0.skills.contains { !$0.allSatisfy(\.isASCII) } } ?? target
                let plain = accented.skills.map { $0.folding(options: .diacriticInsensitive, locale: nil).uppercased() }
                let requests = [
                    (
                        RecommendationRequest(
                            skills: [target.skills[0]],
                            completedTrainings: [
                                CompletedTraining(courseCode: "KIT-COURSE-01", competencies: [target.skills[1], target.skills[0]])
                            ],
                            limit: 20), target
                    ),
                    (RecommendationRequest(skills: Array(target.skills.prefix(2)), location: target.location, limit: 10), target),
                    (RecommendationRequest(skills: plain, limit: 20), accented),
                ]
                var findings: [Finding] = []
                var judged = 0
                for (request, wanted) in requests {
                    let items = try await client(probe).recommendations(request).items
                    judged += items.count
                    findings += problems(with: items, for: request, target: wanted)
                }
                return .judge(
                    Array(findings.prefix(30)), pass: "\(judged) recommendations for \(requests.count) requests, each scored as stated, best first"
                ) { _ in
                    findings.summary
                }
            }
        ])

    /// What is wrong with `items`, the answer to `request` from a recipient who brings two skills of `target`.
    static func problems(with items: [Recommendation], for request: RecommendationRequest, target: JobVacancy) -> [Finding] {
        let asked = request.location.map { "location \($0)" } ?? "anywhere"
        let location = "POST \(JobPortalPaths.recommendations) (\(asked))"
        var findings: [Finding] = []
        if items.isEmpty {
            findings.append(
                Finding(
                    "no recommendation for a recipient who brings two skills of an open vacancy", location: location,
                    expected: "at least vacancy \(target.id)", actual: "an empty list"))
        }
        if let limit = request.limit, items.count > limit {
            findings.append(
                Finding("more recommendations than the limit", location: location, expected: "at most \(limit)", actual: "\(items.count)"))
        }
        let brought = Set(request.allSkills.map(JobSearchFilter.fold))
        for (position, item) in items.enumerated() {
            let vacancy = item.vacancy
            let here = "\(location), vacancy \(vacancy.id)"
            let matched = vacancy.skills.filter { brought.contains(JobSearchFilter.fold($0)) }
            let share = vacancy.skills.isEmpty ? 0 : Double(matched.count) / Double(vacancy.skills.count)
            if abs(item.score - share) > 0.005 {
                findings.append(
                    Finding(
                        "a score that is not the share of the vacancy's skills the recipient brings", location: "\(here) /score",
                        expected: String(format: "%.3f (%d of %d skills)", share, matched.count, vacancy.skills.count),
                        actual: String(format: "%.3f", item.score)))
            }
            if Set(item.matchedSkills.map(JobSearchFilter.fold)) != Set(matched.map(JobSearchFilter.fold)) {
                findings.append(
                    Finding(
                        "matchedSkills are not the vacancy's skills the recipient brings", location: "\(here) /matchedSkills",
                        expected: matched.joined(separator: ", "), actual: item.matchedSkills.joined(separator: ", ")))
            }
            if let region = request.location, !region.contains(vacancy.location) {
                findings.append(
                    Finding(
                        "a vacancy outside the location asked for", location: "\(here) /location", expected: "in \(region)",
                        actual: "\(vacancy.location)"))
            }
            if position > 0, item.score > items[position - 1].score + 0.000_001 {
                findings.append(
                    Finding(
                        "a better recommendation after a worse one", location: "\(here), recommendation \(position + 1)",
                        expected: "score at most \(items[position - 1].score)", actual: "\(item.score)"))
            }
        }
        return findings
    }
}

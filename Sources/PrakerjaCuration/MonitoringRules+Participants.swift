import Foundation
import PrakerjaConformance
import PrakerjaModels

extension MonitoringRules {
    /// The rules that read what participants say (`ParticipantFeeds`): complaints, the evaluation
    /// survey, and the platforms' ratings held against it.
    static let participants: [String: Rule] = [
        "M-SP-01": { input in
            guard let feeds = input.participants, feeds.given.contains(.complaints) else {
                return .notApplicable("no complaint feed was given to the sweep")
            }
            guard let month = feeds.latestMonth else { return .notApplicable("the complaint and enrolment feeds hold no row") }
            return complaints(input, feeds, in: month)
        },
        "M-SP-02": { input in
            guard let survey = surveyed(input) else { return .notApplicable("no evaluation survey feed was given to the sweep") }
            let minimumAnswers = Int(input.rules.number("survey.minimumAnswers") ?? 20)
            guard survey.answers >= minimumAnswers, let satisfaction = survey.satisfaction else {
                return .notApplicable("\(survey.answers) survey answers: at least \(minimumAnswers) are needed to judge")
            }
            let provider = input.snapshot.provider.name
            var findings: [Finding] = []
            if let minimum = input.rules.number("survey.minimumSatisfaction"), satisfaction < minimum {
                findings.append(
                    Finding(
                        "participants rate it \(shown(satisfaction)) of 5 in the program's survey (\(survey.answers) answers)", location: provider,
                        expected: "at least \(shown(minimum))", actual: shown(satisfaction)))
            }
            if let minimum = input.rules.number("survey.minimumAgreement") {
                for (question, share) in survey.shares where share < minimum {
                    findings.append(
                        Finding(
                            "\(percent(share)) say it \(question) (\(survey.answers) answers)", location: provider,
                            expected: "at least \(percent(minimum))",
                            actual: percent(share)))
                }
            }
            return .judge(
                findings,
                pass: "\(survey.answers) answers: satisfaction \(shown(satisfaction)) of 5, "
                    + survey.shares.map { percent($0.share) }.joined(separator: "/")
                    + " yes", fail: "participants are not satisfied with what it gave them")
        },
        "M-SP-03": { input in
            let minimum = input.rules.number("minimumRating") ?? 4
            let minimumAnswers = Int(input.rules.number("survey.minimumAnswers") ?? 20)
            let survey = surveyed(input).flatMap { $0.answers >= minimumAnswers ? $0 : nil }
            let margin = input.rules.number("ratingSurveyMargin")
            let against = survey?.satisfaction.map { " and within \(shown(margin ?? 0)) of the survey's \(shown($0))" } ?? ""
            return listings(input, pass: "ratings at or above \(shown(minimum))\(margin == nil ? "" : against)", fail: "ratings that mislead") {
                platform, detail in
                let rating = detail.listing.rating
                guard rating.count > 0 else { return nil }
                var problems: [String] = []
                if rating.average < minimum { problems.append("rated \(shown(rating.average)) by \(rating.count), below \(shown(minimum))") }
                if let margin, let survey, let satisfaction = survey.satisfaction, rating.count >= minimumAnswers,
                    rating.average - satisfaction > margin
                {
                    problems.append(
                        "rated \(shown(rating.average)) by \(rating.count) while the program's survey of the course says \(shown(satisfaction)) (\(survey.answers) answers): more than \(shown(margin)) above it"
                    )
                }
                return problems.isEmpty ? nil : Finding(problems.joined(separator: "; "), location: platform)
            }
        },
    ]

    /// The course's survey answers, counted; nil when no survey feed was given.
    static func surveyed(_ input: MonitoringInput) -> ParticipantFeeds.Survey? {
        guard let feeds = input.participants, feeds.given.contains(.survey) else { return nil }
        return feeds.courses[input.approved.course.code]?.survey ?? ParticipantFeeds.Survey()
    }

    /// M-SP-01: the course's complaints in `month`, by category, against the rule pack's rate per
    /// 1,000 participants (platform complaints per platform, against its own participants), and
    /// the course's complaints about the training and its provider against the provider's own
    /// rate in the months before. A category with fewer complaints than the rule pack's minimum
    /// count is not judged as a rate (three complaints from a class of ten say little).
    static func complaints(_ input: MonitoringInput, _ feeds: ParticipantFeeds, in month: ParticipantFeeds.Month) -> IndicatorOutcome {
        let code = input.approved.course.code, provider = input.snapshot.provider.name
        let minimum = Int(input.rules.number("complaints.minimumCount") ?? 5)
        guard let course = feeds.courses[code] else { return .notApplicable("the feeds were not read for \(code)") }
        var findings: [Finding] = []
        func judge(_ category: ParticipantFeeds.Category, _ rate: ParticipantFeeds.Rate, at location: String, on place: String = "") {
            guard rate.complaints >= minimum, let limit = input.rules.number("complaints.ratePerThousand.\(category.rawValue)") else { return }
            guard let perThousand = rate.perThousand else {
                findings.append(
                    Finding(
                        "\(rate.complaints) \(category.rawValue) complaints\(place) in \(month), and no participant enrolled that month",
                        location: location, expected: "at most \(shown(limit)) per 1,000 participants", actual: "\(rate.complaints) complaints"))
                return
            }
            guard perThousand > limit else { return }
            findings.append(
                Finding(
                    "\(rate.complaints) \(category.rawValue) complaints\(place) in \(month) from \(rate.participants) participants",
                    location: location,
                    expected: "at most \(shown(limit)) per 1,000 participants", actual: "\(shown(perThousand)) per 1,000"))
        }
        for category in [ParticipantFeeds.Category.training, .provider, .certificate] {
            judge(category, feeds.rate(of: code, in: month, [category]), at: provider)
        }
        for (platform, count) in (course.platformComplaints[month] ?? [:]).sorted(by: { $0.key < $1.key }) {
            let name = feeds.platformName(platform)
            judge(
                .platform, ParticipantFeeds.Rate(complaints: count, participants: course.platformParticipants[month]?[platform] ?? 0), at: name,
                on: " on \(name)")
        }
        let current = feeds.rate(of: code, in: month, [.training, .provider, .certificate])
        let history = feeds.providerHistory(course.provider, before: month)
        if let factor = input.rules.number("complaints.historyFactor"), current.complaints >= minimum, let now = current.perThousand,
            let before = history.perThousand, before > 0, now > factor * before
        {
            findings.append(
                Finding(
                    "\(shown(now)) complaints per 1,000 participants in \(month), against \(shown(before)) for its provider's courses in the months before",
                    location: provider, expected: "at most \(shown(factor)) times the provider's own rate", actual: "\(shown(now / before)) times"))
        }
        let summary = current.perThousand.map { " (\(shown($0)) per 1,000)" } ?? ""
        return .judge(
            findings, pass: "\(current.complaints) complaints from \(current.participants) participants in \(month)\(summary): within the bounds",
            fail: "complaints beyond the rule pack's bounds in \(month)")
    }

    /// A number as a finding shows it: at most two decimals.
    static func shown(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    /// A share as a percentage.
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}

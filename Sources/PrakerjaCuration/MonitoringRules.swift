import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaPartners

/// What the monitoring of one course reads: the approved proposal, what the partners publish now,
/// the rule pack, the public reference data, what participants say (when the sweep was given the
/// program's feeds) and the time.
public struct MonitoringInput: Sendable {
    public let snapshot: MonitoringSnapshot
    public let rules: RulePack
    public let reference: ReferenceData
    public let participants: ParticipantFeeds?
    public let now: Date

    var approved: CourseDetail { snapshot.approved.course }
    var method: LearningMethod { approved.course.method }
    var isLive: Bool { method != .selfPaced }
}

/// The implementation of every automated and assisted monitoring indicator, by id.
enum MonitoringRules {
    typealias Rule = @Sendable (MonitoringInput) -> IndicatorOutcome

    /// The provider's course, or the outcome when it cannot be read (an error, not a violation)
    /// or is gone (a violation: an approved course the provider no longer offers).
    static func provider(_ input: MonitoringInput, _ judge: (CourseDetail) -> IndicatorOutcome) -> IndicatorOutcome {
        switch input.snapshot.provider.detail {
        case .seen(let detail): judge(detail)
        case .absent:
            .fail(
                "the provider no longer offers the course", findings: [Finding("404 for the approved course", location: input.snapshot.provider.name)]
            )
        case .unreadable(let reason): .init(.error, "the provider could not be read: \(reason)")
        }
    }

    /// Each platform's listing judged by `check` (findings for the ones that differ); platforms
    /// that do not list the course are left to M-IF-01; unreadable ones make the result an error.
    static func listings(_ input: MonitoringInput, pass: String, fail: String, _ check: (String, ListingDetail) -> Finding?) -> IndicatorOutcome {
        var findings: [Finding] = [], unreadable: [String] = [], judged = 0
        for platform in input.snapshot.platforms {
            switch platform.listing {
            case .seen(let detail):
                judged += 1
                if let finding = check(platform.name, detail) { findings.append(finding) }
            case .absent: continue
            case .unreadable(let reason): unreadable.append("\(platform.name): \(reason)")
            }
        }
        if !findings.isEmpty { return .fail(fail, findings: findings) }
        if !unreadable.isEmpty { return .init(.error, "platforms could not be read: \(unreadable.joined(separator: "; "))") }
        if judged == 0 { return .notApplicable("no platform lists the course") }
        return .pass("\(pass) (\(judged) platforms)")
    }

    static func same(_ a: String, _ b: String) -> Bool {
        a.lowercased().split(whereSeparator: \.isWhitespace) == b.lowercased().split(whereSeparator: \.isWhitespace)
    }

    /// The sampled certificate verifications, or the outcome when none can be judged.
    static func certificates(
        _ input: MonitoringInput
    ) -> (sample: [(completion: Completion, verification: CertificateVerification)], settled: IndicatorOutcome?) {
        let sample = input.snapshot.provider.certificates
        if let unreadable = sample.first(where: { if case .unreadable = $0.verification { true } else { false } }),
            case .unreadable(let reason) = unreadable.verification
        {
            return ([], .init(.error, "certificate verification could not be read: \(reason)"))
        }
        for platform in input.snapshot.platforms where sample.isEmpty {
            if case .unreadable(let reason) = platform.completions {
                return ([], .init(.error, "\(platform.name)'s completion feed could not be read: \(reason)"))
            }
        }
        guard !sample.isEmpty else { return ([], .notApplicable("no completion of this course to sample yet")) }
        return (
            sample.map {
                ($0.completion, $0.verification.value ?? CertificateVerification(number: $0.completion.certificateNumber, status: .unknown))
            }, nil
        )
    }

    /// Every rule: what the partners publish, and what participants say.
    static let all = published.merging(participants) { first, _ in first }

    /// The rules that compare what the partners publish now with what was approved.
    static let published: [String: Rule] = [
        // Title
        "M-TI-01": { input in
            listings(input, pass: "every listing carries the approved title", fail: "a listing's title differs") { platform, detail in
                same(detail.listing.title, input.approved.course.title)
                    ? nil
                    : Finding(
                        "the title differs on \(platform)", location: platform, expected: input.approved.course.title, actual: detail.listing.title)
            }
        },
        "M-TI-02": { input in
            provider(input) { detail in
                .expect(
                    same(detail.course.title, input.approved.course.title), "the approved title", fail: "the provider's title differs",
                    at: input.snapshot.provider.name, expected: input.approved.course.title, actual: detail.course.title)
            }
        },
        "M-TI-03": { input in
            let listed = listings(input, pass: "the approved method", fail: "a listing states another method") { platform, detail in
                detail.listing.method == input.method
                    ? nil
                    : Finding(
                        "another method on \(platform)", location: platform, expected: input.method.rawValue, actual: detail.listing.method.rawValue)
            }
            guard listed.verdict != .fail else { return listed }
            return provider(input) { detail in
                .expect(
                    detail.course.method == input.method, listed.message, fail: "the provider states another method",
                    at: input.snapshot.provider.name, expected: input.method.rawValue, actual: detail.course.method.rawValue)
            }
        },
        "M-TI-04": { input in
            provider(input) { detail in
                let approvedWords = Set(Text.words(input.approved.course.description)), current = Set(Text.words(detail.course.description))
                let kept = approvedWords.isEmpty ? 1 : Double(approvedWords.intersection(current).count) / Double(approvedWords.count)
                let minimum = input.rules.number("minimumDescriptionOverlap") ?? 0.6
                let finding = Finding(
                    "the description now", location: input.snapshot.provider.name, expected: input.approved.course.description,
                    actual: detail.course.description)
                return kept >= minimum
                    ? .pass("\(Text.percent(kept)) of the approved description's words remain", findings: [finding])
                    : .fail("only \(Text.percent(kept)) of the approved description's words remain", findings: [finding])
            }
        },
        "M-TI-05": { input in
            listings(input, pass: "sold under the approved provider", fail: "sold under another provider") { platform, detail in
                detail.listing.providerCode == input.approved.course.providerCode
                    ? nil
                    : Finding(
                        "another provider on \(platform)", location: platform, expected: input.approved.course.providerCode,
                        actual: detail.listing.providerCode)
            }
        },
        "M-TI-06": { input in
            provider(input) { detail in
                .expect(
                    same(detail.targetParticipants, input.approved.targetParticipants), "unchanged", fail: "the target participants changed",
                    at: input.snapshot.provider.name, expected: input.approved.targetParticipants, actual: detail.targetParticipants)
            }
        },

        // Information
        "M-IF-01": { input in
            var findings: [Finding] = [], unreadable: [String] = []
            for platform in input.snapshot.platforms {
                switch platform.listing {
                case .seen: continue
                case .absent: findings.append(Finding("not listed on \(platform.name)", location: platform.name))
                case .unreadable(let reason): unreadable.append("\(platform.name): \(reason)")
                }
            }
            if !findings.isEmpty { return .fail("not listed on every platform", findings: findings) }
            if !unreadable.isEmpty { return .init(.error, "platforms could not be read: \(unreadable.joined(separator: "; "))") }
            return input.snapshot.platforms.isEmpty
                ? .notApplicable("no platform configured") : .pass("listed on \(input.snapshot.platforms.count) platforms")
        },
        "M-IF-02": { input in
            listings(input, pass: "a description and an https page are shown", fail: "a listing lacks its description or page") { platform, detail in
                let problems = [
                    detail.description.count >= 50 ? nil : "a description of \(detail.description.count) characters (at least 50)",
                    detail.url.hasPrefix("https://") ? nil : "no https page (\(detail.url))",
                ].compactMap { $0 }
                return problems.isEmpty ? nil : Finding(problems.joined(separator: "; ") + " on \(platform)", location: platform)
            }
        },
        "M-IF-03": { input in
            provider(input) { detail in
                .expect(
                    detail.modules.count >= 2, "\(detail.modules.count) modules published", fail: "the syllabus is not published",
                    at: input.snapshot.provider.name, expected: "at least two modules", actual: "\(detail.modules.count)")
            }
        },
        "M-IF-04": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no schedule") }
            switch input.snapshot.provider.schedules {
            case .unreadable(let reason): return .init(.error, "the provider's schedules could not be read: \(reason)")
            case .absent: return .fail("no schedule", findings: [Finding("no schedule at the provider", location: input.snapshot.provider.name)])
            case .seen(let schedules):
                let upcoming = schedules.filter { ($0.startsAt ?? .distantPast) > input.now }
                guard !upcoming.isEmpty else {
                    return .fail(
                        "no schedule ahead",
                        findings: [
                            Finding(
                                "no schedule ahead", location: input.snapshot.provider.name,
                                expected: "a schedule starting after \(Timestamp(input.now))", actual: "\(schedules.count) schedules, none ahead")
                        ])
                }
                return listings(input, pass: "\(upcoming.count) schedules ahead, their seats announced", fail: "a quota does not add up") {
                    platform, detail in
                    let seats = detail.listing.schedules.saturatingSum(\.quota)
                    return detail.listing.quota == seats
                        ? nil
                        : Finding(
                            "the quota on \(platform)", location: platform, expected: "\(seats) (the schedules' seats)",
                            actual: "\(detail.listing.quota)")
                }
            }
        },
        "M-IF-07": { input in
            listings(input, pass: "ratings and reviews are shown", fail: "ratings are not shown as they should be") { platform, detail in
                let problems =
                    detail.listing.rating.problems + (detail.listing.rating.count > 0 && detail.reviews.isEmpty ? ["ratings without reviews"] : [])
                return problems.isEmpty ? nil : Finding(problems.joined(separator: "; "), location: platform)
            }
        },

        // Delivery
        "M-DL-01": { input in
            provider(input) { detail in
                .expect(
                    detail.modules.count == input.approved.modules.count, "\(detail.modules.count) modules as approved",
                    fail: "the number of modules changed",
                    at: input.snapshot.provider.name, expected: "\(input.approved.modules.count)", actual: "\(detail.modules.count)")
            }
        },
        "M-DL-02": { input in
            provider(input) { detail in
                let current = detail.modules.map(\.title)
                let missing = input.approved.modules.filter { module in !current.contains { same($0, module.title) } }
                return .judge(
                    missing.map { Finding("module \($0.sequence) \"\($0.title)\" is gone", location: input.snapshot.provider.name) },
                    pass: "every approved module title is there", fail: "approved modules are gone")
            }
        },
        "M-DL-03": { input in
            provider(input) { detail in
                .expect(
                    detail.course.durationMinutes >= input.approved.course.durationMinutes, Text.hours(detail.course.durationMinutes),
                    fail: "the course is shorter than approved", at: input.snapshot.provider.name,
                    expected: "at least \(Text.hours(input.approved.course.durationMinutes))", actual: Text.hours(detail.course.durationMinutes))
            }
        },
        "M-DL-04": { input in
            provider(input) { detail in
                let tolerance = input.rules.number("moduleMinutesTolerance") ?? 0.1
                func off(_ now: Int, _ then: Int) -> Bool { Double(abs(now - then)) > Double(then) * tolerance + 0.5 }
                let moved = input.approved.modules.compactMap { approved -> Finding? in
                    guard let now = detail.modules.first(where: { $0.sequence == approved.sequence }) else { return nil }
                    guard off(now.theoryMinutes, approved.theoryMinutes) || off(now.practiceMinutes, approved.practiceMinutes) else { return nil }
                    return Finding(
                        "module \(approved.sequence)'s time moved", location: input.snapshot.provider.name,
                        expected: "\(approved.theoryMinutes) theory + \(approved.practiceMinutes) practice (± \(Text.percent(tolerance)))",
                        actual: "\(now.theoryMinutes) + \(now.practiceMinutes)")
                }
                return .judge(moved, pass: "module times within \(Text.percent(tolerance))", fail: "module times moved")
            }
        },
        "M-DL-05": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no sessions") }
            switch input.snapshot.provider.schedules {
            case .unreadable(let reason): return .init(.error, "the provider's schedules could not be read: \(reason)")
            case .absent: return .notApplicable("no schedule to compare (M-IF-04)")
            case .seen(let schedules):
                let plan = input.approved.schedulePlan
                let off = schedules.compactMap { schedule -> Finding? in
                    let longest = schedule.sessions.map { Int($0.endsAt.timeIntervalSince($0.startsAt) / 60) }.max() ?? 0
                    guard schedule.sessions.count != plan.sessions || longest > plan.minutesPerDay else { return nil }
                    return Finding(
                        "schedule \(schedule.code) departs from the plan", location: input.snapshot.provider.name,
                        expected: "\(plan.sessions) sessions of at most \(plan.minutesPerDay) minutes",
                        actual: "\(schedule.sessions.count) sessions, the longest \(longest) minutes")
                }
                return .judge(off, pass: "\(schedules.count) schedules follow the plan", fail: "schedules depart from the approved plan")
            }
        },
        "M-DL-06": { input in
            guard input.method == .selfPaced || input.method == .hybrid else { return .notApplicable("not a self-paced or hybrid course") }
            return provider(input) { detail in
                func tracks(_ lms: LMSDetails?) -> Bool { lms?.features.contains(where: input.reference.progressFeatures.isFound(in:)) ?? false }
                let approvedURL = input.approved.lms?.url ?? "", current = detail.lms
                let lost = tracks(input.approved.lms) && !tracks(current)
                return .expect(
                    current?.url == approvedURL && !lost, "the approved LMS", fail: "the LMS changed",
                    at: input.snapshot.provider.name, expected: approvedURL + (tracks(input.approved.lms) ? ", tracking progress" : ""),
                    actual: "\(current?.url ?? "no LMS")\(lost ? ", no longer tracking progress" : "")")
            }
        },
        "M-DL-07": { input in
            provider(input) { detail in
                .expect(
                    detail.selfPracticeTasks.count >= input.approved.selfPracticeTasks.count, "\(detail.selfPracticeTasks.count) self-practice tasks",
                    fail: "self-practice tasks are gone", at: input.snapshot.provider.name,
                    expected: "at least \(input.approved.selfPracticeTasks.count)", actual: "\(detail.selfPracticeTasks.count)")
            }
        },

        // Assessment method and trainers
        "M-AT-01": { input in
            provider(input) { detail in
                let approved = input.approved.evaluation, now = detail.evaluation
                var findings: [Finding] = []
                if approved.preTest != nil, now.preTest == nil {
                    findings.append(Finding("the pre-test is gone", location: input.snapshot.provider.name))
                }
                if !(approved.practicalTest ?? "").isEmpty, (now.practicalTest ?? "").isEmpty {
                    findings.append(Finding("the practical test is gone", location: input.snapshot.provider.name))
                }
                if now.quizzes < approved.quizzes {
                    findings.append(
                        Finding("fewer quizzes", location: input.snapshot.provider.name, expected: "\(approved.quizzes)", actual: "\(now.quizzes)"))
                }
                return .judge(findings, pass: "the approved evaluations are all there", fail: "evaluations were dropped")
            }
        },
        "M-AT-02": { input in
            provider(input) { detail in
                let approved = input.approved.evaluation.postTest.passingScore, now = detail.evaluation.postTest.passingScore
                return .expect(
                    now >= approved, "passing score \(now)", fail: "the passing score dropped", at: input.snapshot.provider.name,
                    expected: "at least \(approved)", actual: "\(now)")
            }
        },
        "M-AT-03": { input in
            provider(input) { detail in
                let approved = Set(input.approved.trainers.map { $0.name.lowercased() })
                let unassessed = detail.trainers.filter { !approved.contains($0.name.lowercased()) }
                return .judge(
                    unassessed.map { Finding("\($0.name) was not approved", location: input.snapshot.provider.name) },
                    pass: "every trainer was approved", fail: "trainers nobody assessed")
            }
        },
        "M-AT-04": { input in
            provider(input) { detail in
                let current = Set(detail.trainers.map { $0.name.lowercased() })
                let staying = input.approved.trainers.filter { current.contains($0.name.lowercased()) }
                return .expect(
                    !staying.isEmpty, staying.map(\.name).joined(separator: ", "), fail: "no approved trainer teaches it any more",
                    at: input.snapshot.provider.name, expected: input.approved.trainers.map(\.name).joined(separator: ", "),
                    actual: detail.trainers.map(\.name).joined(separator: ", "))
            }
        },
        "M-AT-05": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no class") }
            return provider(input) { detail in
                let limit = min(
                    Double(input.approved.participantsPerFacilitator),
                    input.rules.number("maximumParticipantsPerFacilitator", for: input.method) ?? .infinity)
                return .expect(
                    Double(detail.participantsPerFacilitator) <= limit, "1:\(detail.participantsPerFacilitator)", fail: "classes grew",
                    at: input.snapshot.provider.name, expected: "at most 1:\(Int(limit))", actual: "1:\(detail.participantsPerFacilitator)")
            }
        },

        // Certificate
        "M-CE-01": { input in
            provider(input) { detail in
                let approved = input.approved.certificate, now = detail.certificate
                let same = approved.title == now.title && approved.issuer == now.issuer && approved.listsCompetencies == now.listsCompetencies
                return .expect(
                    same, "as approved", fail: "the certificate changed", at: input.snapshot.provider.name,
                    expected: "\(approved.title), by \(approved.issuer)", actual: "\(now.title), by \(now.issuer)")
            }
        },
        "M-CE-02": { input in
            let (sample, settled) = certificates(input)
            if let settled { return settled }
            do {
                let code = input.approved.course.code
                // A revoked certificate is one the provider issued and withdrew: it still verifies as known.
                let bad = sample.filter { $0.verification.status == .unknown || $0.verification.courseCode != code }
                let revoked = sample.filter { $0.verification.status == .revoked }.count
                return .judge(
                    bad.map {
                        Finding(
                            "certificate \($0.completion.certificateNumber) does not verify for \(code)", location: input.snapshot.provider.name,
                            actual: "\($0.verification.status.rawValue), course \($0.verification.courseCode ?? "none")")
                    },
                    pass: "\(sample.count) sampled certificates verify" + (revoked > 0 ? " (\(revoked) revoked)" : ""),
                    fail: "certificates that do not verify")
            }
        },
        "M-CE-03": { input in
            switch input.snapshot.provider.forged {
            case nil: return .notApplicable("no completion to derive a forged number from")
            case .unreadable(let reason)?: return .init(.error, "verification could not be read: \(reason)")
            case .absent?: return .pass("a forged number is not found")
            case .seen(let verification)?:
                return .expect(
                    verification.status != .valid, "a forged number is \(verification.status.rawValue)", fail: "a forged number verifies",
                    at: input.snapshot.provider.name, expected: "unknown", actual: verification.status.rawValue)
            }
        },
        "M-CE-04": { input in
            let (sample, settled) = certificates(input)
            if let settled { return settled }
            do {
                let plain = sample.filter { ($0.verification.holder.map { !$0.contains("*") }) ?? false }
                return .judge(
                    plain.map {
                        Finding("certificate \($0.completion.certificateNumber) shows its holder unmasked", location: input.snapshot.provider.name)
                    },
                    pass: "holders are masked", fail: "holders shown unmasked")
            }
        },
        "M-CE-05": { input in
            let (sample, settled) = certificates(input)
            if let settled { return settled }
            do {
                let passing = input.approved.evaluation.postTest.passingScore
                let off = sample.filter { pair in
                    guard let score = pair.verification.postTestScore else { return pair.verification.status == .valid }
                    return score < passing || score != pair.completion.postTestScore
                }
                return .judge(
                    off.map {
                        Finding(
                            "certificate \($0.completion.certificateNumber)'s score", location: input.snapshot.provider.name,
                            expected: "\($0.completion.postTestScore) (the feed), at least \(passing)",
                            actual: $0.verification.postTestScore.map(String.init) ?? "none")
                    },
                    pass: "scores agree and pass", fail: "certificates with scores that disagree or fail")
            }
        },
        "M-CE-06": { input in
            let (sample, settled) = certificates(input)
            if let settled { return settled }
            do {
                let unknown = sample.filter { $0.verification.status == .unknown }
                return .judge(
                    unknown.map {
                        Finding("the provider does not know certificate \($0.completion.certificateNumber)", location: input.snapshot.provider.name)
                    },
                    pass: "every sampled completion's certificate is known", fail: "completions without a certificate")
            }
        },

        // Price
        "M-PR-01": { input in
            listings(input, pass: "every listing at the approved price", fail: "a listing's price differs") { platform, detail in
                detail.listing.price == input.approved.course.price
                    ? nil
                    : Finding(
                        "another price on \(platform)", location: platform, expected: "\(input.approved.course.price)",
                        actual: "\(detail.listing.price)")
            }
        },
        "M-PR-02": { input in
            provider(input) { detail in
                .expect(
                    detail.course.price == input.approved.course.price, "\(detail.course.price)", fail: "the provider's price differs",
                    at: input.snapshot.provider.name, expected: "\(input.approved.course.price)", actual: "\(detail.course.price)")
            }
        },
        "M-PR-03": { input in
            let prices = input.snapshot.platforms.compactMap { platform in platform.listing.value.map { (platform.name, $0.listing.price) } }
            guard prices.count > 1 else { return .notApplicable("listed on fewer than two platforms") }
            let distinct = Set(prices.map(\.1))
            return .expect(
                distinct.count == 1, "\(prices[0].1) everywhere", fail: "prices differ between platforms", at: "platforms",
                expected: "one price", actual: prices.map { "\($0.0): \($0.1)" }.joined(separator: ", "))
        },
        "M-PR-04": { input in
            provider(input) { detail in
                let listed = input.snapshot.platforms.compactMap { $0.listing.value?.listing.price }.max() ?? detail.course.price
                let cheaper = detail.pricesElsewhere.filter { $0.price < listed }
                return .judge(
                    cheaper.map {
                        Finding(
                            "cheaper on \($0.channel)", location: input.snapshot.provider.name, expected: "at least \(listed)", actual: "\($0.price)")
                    },
                    pass: "no cheaper price elsewhere", fail: "the program price is above the price elsewhere")
            }
        },
        "M-PR-05": { _ in
            .undecided("platforms answer invoices by code only, and the sweep has no invoice codes: a person samples them")
        },
    ]
}

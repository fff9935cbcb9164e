import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaTestSupport
import Testing

@testable import PrakerjaCuration

/// What an assessment reads from the results history: the competitive price per hour against the
/// approved courses of the same KBJI group and method, the provider's track record, and a
/// reviewer's verdict on a provider carried to its later proposals.
@Suite struct AssessmentHistoryTests {
    static let root = Repository.root.path

    static func fixture(_ name: String = "01-digital-marketing-self-paced.json") throws -> CourseProposal {
        try CourseProposal.load("\(root)/Conformance/fixtures/proposals/\(name)", root: root)
    }

    /// The fixture as another course: its code and price changed, through its JSON.
    static func variant(code: String, price: Int, provider: String? = nil, method: String? = nil, minutes: Int? = nil) throws -> CourseProposal {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(root)/Conformance/fixtures/proposals/01-digital-marketing-self-paced.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var course = try #require(object["course"] as? [String: Any]), detail = try #require(course["course"] as? [String: Any])
        detail["code"] = code
        detail["price"] = price
        if let method { detail["method"] = method }
        if let minutes { detail["durationMinutes"] = minutes }
        course["course"] = detail
        object["course"] = course
        if let provider {
            var owner = try #require(object["provider"] as? [String: Any])
            owner["code"] = provider
            object["provider"] = owner
        }
        return try JSONDecoder().decode(CourseProposal.self, from: try JSONSerialization.data(withJSONObject: object))
    }

    /// An assessment summary as the history keeps it, with a final decision.
    static func summary(_ proposal: CourseProposal, _ decision: AssessmentResult.Decision, rulePack: String = "2023-normal") -> AssessmentSummary {
        let course = proposal.course.course
        return AssessmentSummary(
            proposalID: proposal.proposalID, courseCode: course.code, courseTitle: course.title, rulePack: rulePack, decision: decision,
            projected: decision, provisional: false, score: 90, aspects: [], course: AssessedCourse(proposal), provider: nil)
    }

    static func assess(_ proposal: CourseProposal, history: AssessmentHistory?) throws -> AssessmentResult {
        try Assessment.run(
            try IndicatorCatalogue.standard(.assessment, root: root),
            AssessmentInput(
                proposal: proposal, rules: try RulePack.named("2023-normal", root: root), reference: try ReferenceData.standard(root: root),
                history: history))
    }

    static func result(_ id: String, _ result: AssessmentResult) throws -> IndicatorResult {
        try #require(result.results.first { $0.indicator.id == id })
    }

    /// Six approved self-paced courses of KBJI group 24, 30 hours each at Rp450,000 to Rp600,000
    /// (Rp15,000 to Rp20,000 an hour), and courses that must not count: rejected, another method.
    static func history(approved prices: [Int] = [450_000, 480_000, 510_000, 540_000, 570_000, 600_000]) throws -> AssessmentHistory {
        var summaries = try prices.enumerated().map { try summary(variant(code: "OTHER-\($0.offset)", price: $0.element), .approveWithConditions) }
        summaries.append(summary(try variant(code: "REJECTED-1", price: 3_000_000), .reject))
        summaries.append(summary(try variant(code: "WAITING-1", price: 3_000_000), .awaitingReview))
        summaries.append(summary(try variant(code: "WEBINAR-1", price: 3_000_000, method: "webinar"), .approve))
        summaries.append(summary(try variant(code: "SCHEME2021-1", price: 3_000_000), .approve, rulePack: "2021"))
        return AssessmentHistory(source: "test history", assessments: summaries, sweeps: [])
    }

    @Test func aPriceAboveTheApprovedCoursesBandFailsAndOneWithinItPasses() throws {
        let history = try Self.history()
        // Rp900,000 for 30 hours is Rp30,000 an hour: under the scheme's ceiling (Rp250,000),
        // twice what approved courses of its kind cost.
        let dear = try Self.result("A-PR-03", Self.assess(try Self.variant(code: "NEW-1", price: 900_000), history: history))
        #expect(dear.verdict == .fail, "\(dear.message)")
        let finding = try #require(dear.findings.first)
        #expect(finding.message == "above the approved courses of its category and method")
        #expect(
            finding.expected?.contains("the 90th percentile of 6 approved self-paced courses of KBJI group 24 under 2023-normal") == true,
            "\(finding)")
        #expect(finding.actual == "Rp30.000 an hour")

        let fair = try Self.result("A-PR-03", Self.assess(try Self.variant(code: "NEW-2", price: 540_000), history: history))
        #expect(fair.verdict == .pass, "\(fair.message)")
        #expect(fair.message.contains("median Rp17.500"), "\(fair.message)")
    }

    @Test func aCourseIsNotComparedWithItself() throws {
        // The course's own earlier approval at a low price does not set its band.
        let history = try Self.history(approved: [450_000, 450_000, 450_000, 450_000, 450_000])
        let again = try Self.result("A-PR-03", Self.assess(try Self.variant(code: "OTHER-0", price: 900_000), history: history))
        #expect(again.verdict == .pass, "\(again.message)")
        #expect(
            again.message.contains("only 4 approved self-paced courses of KBJI group 24 under 2023-normal in test history, a band needs 5"),
            "\(again.message)")
    }

    @Test func withTooFewApprovedCoursesThereIsNoBandAndTheResultSaysSo() throws {
        let few = try Self.result(
            "A-PR-03", Self.assess(try Self.variant(code: "NEW-1", price: 900_000), history: try Self.history(approved: [450_000])))
        #expect(few.verdict == .pass)
        #expect(
            few.message.contains(
                "only 1 approved self-paced courses of KBJI group 24 under 2023-normal in test history, a band needs 5: judged against the scheme's ceiling only"
            ))
        let none = try Self.result("A-PR-03", Self.assess(try Self.variant(code: "NEW-1", price: 900_000), history: nil))
        #expect(none.message.contains("no results history was read (--no-store)"), "\(none.message)")
        // The ceiling is judged with or without a band.
        let ceiling = try Self.result("A-PR-03", Self.assess(try Self.variant(code: "NEW-1", price: 3_000_000), history: nil))
        #expect(ceiling.verdict == .pass, "Rp100,000 an hour is under the Rp250,000 ceiling: \(ceiling.message)")
        let tooDear = try Self.result("A-PR-03", Self.assess(try Self.variant(code: "NEW-3", price: 3_000_000, minutes: 600), history: nil))
        #expect(tooDear.verdict == .fail, "Rp300,000 an hour: \(tooDear.message)")
    }

    @Test func percentilesInterpolateBetweenNeighbours() {
        #expect(PriceBand.percentile([10, 20, 30, 40, 50], 50) == 30)
        #expect(PriceBand.percentile([10, 20, 30, 40, 50], 90) == 46)
        #expect(PriceBand.percentile([10], 90) == 10)
        #expect(PriceBand.percentile([10, 20], 100) == 20)
    }

    static func sweep(_ statuses: [(code: String, provider: String, status: CourseStatus)]) -> MonitoringSummary {
        MonitoringSummary(
            rulePack: "2023-normal", courses: statuses.map { .init(code: $0.code, title: $0.code, status: $0.status, provider: $0.provider) },
            partners: [])
    }

    @Test func aProviderWithALiveCourseInViolationFailsItsTrackRecord() throws {
        let earlier = [Self.summary(try Self.variant(code: "REFLP01-OLD", price: 450_000), .approve)]
        let violating = AssessmentHistory(
            source: "test history", assessments: earlier,
            sweeps: [
                Self.sweep([("REFLP01-A", "REFLP01", .compliant), ("REFLP01-B", "REFLP01", .compliant)]),
                Self.sweep([("REFLP01-B", "REFLP01", .violation), ("OTHER-A", "OTHERLP", .violation)]),
            ])
        let record = try Self.result("A-CO-09", Self.assess(try Self.fixture(), history: violating))
        #expect(record.verdict == .fail, "\(record.message)")
        #expect(record.findings.map(\.location) == ["history: monitoring of REFLP01-B"], "only the provider's own course, in its latest sweep")
        #expect(record.message.contains("courses proposed before (latest decision each): 1 approve"), "\(record.message)")
        #expect(record.message.contains("live courses (latest sweep): 1 compliant, 1 violation"), "\(record.message)")

        // The same course fixed in a later sweep: the record passes.
        let fixed = AssessmentHistory(
            source: "test history", assessments: earlier,
            sweeps: [Self.sweep([("REFLP01-B", "REFLP01", .violation)]), Self.sweep([("REFLP01-B", "REFLP01", .warning)])])
        #expect(try Self.result("A-CO-09", Self.assess(try Self.fixture(), history: fixed)).verdict == .pass)
        // A provider the history does not know, and no history at all: nothing to judge.
        let stranger = try Self.result("A-CO-09", Self.assess(try Self.variant(code: "X-1", price: 450_000, provider: "NEWLP"), history: fixed))
        #expect(stranger.verdict == .notApplicable)
        #expect(stranger.message.contains("a new provider"))
        #expect(try Self.result("A-CO-09", Self.assess(try Self.fixture(), history: nil)).verdict == .notApplicable)
    }

    @Test func aReviewersVerdictOnAProviderCarriesToItsProposalsWhileItsDetailsAreTheSame() throws {
        let catalogue = try IndicatorCatalogue.standard(.assessment, root: Self.root)
        let rules = try RulePack.named("2023-normal", root: Self.root)
        let proposal = try Self.fixture()
        // The provider on its own: only provider-level indicators, data protection waiting for a person.
        let alone = try ProviderAssessment.run(catalogue, ProviderInput(provider: proposal.provider, rules: rules))
        #expect(alone.results.map(\.indicator.id).sorted() == ["A-CO-01", "A-CO-03", "A-CO-08", "A-CO-09"])
        #expect(alone.scoring.decision == .awaitingReview)
        var run = alone.runResult(source: "provider.json", startedAt: Date(), catalogue: catalogue)
        let key = try #require(run.positions.keys.first { $0.hasSuffix("/A-CO-08") })
        run.settle(
            at: run.positions[key]!, reviews: [Review(reviewer: "kurator.a", verdict: .pass, note: "privacy terms seen", reviewedAt: Date())],
            needsSecondReviewer: false)
        run.resummarize(with: catalogue)
        #expect(run.assessment?.decision == .approve)

        let history = AssessmentHistory(source: "test history", assessments: [], sweeps: [], providers: [run])
        let carried = try Self.result("A-CO-08", Self.assess(proposal, history: history))
        #expect(carried.verdict == .pass)
        #expect(carried.message.hasPrefix("decided by kurator.a on the provider's assessment \(run.runID)"), "\(carried.message)")

        // Another contact: the provider's details changed, so a person looks again.
        let data = try JSONEncoder().encode(proposal)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var owner = try #require(object["provider"] as? [String: Any])
        owner["dataProtectionContact"] = "dpo@elsewhere.example.id"
        object["provider"] = owner
        let changed = try JSONDecoder().decode(CourseProposal.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(try Self.result("A-CO-08", Self.assess(changed, history: history)).verdict == .needsReview)
    }

    @Test func aProviderIsJudgedOnlyWhereItsLevelSaysAndOnlyForItsOwnProposals() throws {
        let rules = try RulePack.named("2023-normal", root: Self.root)
        // An indicator marked provider-level whose rule judges a course is refused before anything runs.
        let text = try String(contentsOfFile: "\(Self.root)/Conformance/indicators/assessment.yaml", encoding: .utf8)
        let misplaced = text.replacingOccurrences(
            of: "  - id: A-CO-07\n    aspect: compliance\n", with: "  - id: A-CO-07\n    aspect: compliance\n    level: provider\n")
        #expect(misplaced != text)
        let file = FileManager.default.temporaryDirectory.appending(path: "catalogue-\(UUID().uuidString).yaml")
        try Data(misplaced.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect {
            try Assessment.check(try IndicatorCatalogue.load(file.path), rules)
        } throws: { "\($0)".contains("A-CO-07 is a provider-level indicator but its rule judges the other level") }

        // Another provider's assessment is not laid on a proposal.
        let catalogue = try IndicatorCatalogue.standard(.assessment, root: Self.root)
        let other = try ProviderAssessment.run(catalogue, ProviderInput(provider: .init(code: "OTHERLP", name: "Other"), rules: rules))
        let input = AssessmentInput(proposal: try Self.fixture(), rules: rules, reference: try ReferenceData.standard(root: Self.root))
        #expect { try Assessment.run(catalogue, input, provider: other) } throws: { "\($0)".contains("is of OTHERLP under 2023-normal") }
    }

    @Test func aRetiredIndicatorIdIsNeverGivenToAnother() throws {
        let text = try String(contentsOfFile: "\(Self.root)/Conformance/indicators/assessment.yaml", encoding: .utf8)
        let reused = text.replacingOccurrences(of: "  - id: A-CO-09\n", with: "  - id: A-TR-06\n")
        #expect(reused != text)
        let file = FileManager.default.temporaryDirectory.appending(path: "catalogue-\(UUID().uuidString).yaml")
        try Data(reused.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect {
            try IndicatorCatalogue.load(file.path)
        } throws: { error in
            "\(error)".contains("A-TR-06 is retired: a retired id is never given to another indicator")
        }
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaModels
import PrakerjaSchema
import PrakerjaTestSupport
import Testing

/// The indicator catalogues, the rule packs, and the assessment of the fixture proposals.
@Suite struct AssessmentTests {
    static let root = Repository.root.path

    @Test func theCataloguesHold52And40IndicatorsOverEveryAspect() throws {
        let assessment = try IndicatorCatalogue.standard(.assessment, root: Self.root)
        let monitoring = try IndicatorCatalogue.standard(.monitoring, root: Self.root)
        #expect(assessment.kind == .assessment)
        #expect(monitoring.kind == .monitoring)
        #expect(assessment.indicators.count == 52)
        #expect(monitoring.indicators.count == 40)
        #expect(assessment.aspects.count == 7)
        #expect(monitoring.aspects.count == 7, "the report's six, and what participants say")
        for catalogue in [assessment, monitoring] {
            #expect(Set(catalogue.indicators.map(\.id)).count == catalogue.indicators.count, "ids are unique")
            #expect(Set(catalogue.indicators.map(\.aspect)) == Set(catalogue.aspects.map(\.id)), "every aspect is covered")
            #expect(catalogue.indicators.allSatisfy { !$0.title.id.isEmpty && !$0.title.en.isEmpty && !$0.protects.isEmpty && !$0.criteria.isEmpty })
        }
        // Honest methods: most are decided by the machine, and some only a person can decide.
        let methods = Dictionary(grouping: assessment.indicators, by: \.method).mapValues(\.count)
        #expect((methods[.automated] ?? 0) > 26, "\(methods)")
        #expect((methods[.manual] ?? 0) > 0, "\(methods)")
        #expect((methods[.assisted] ?? 0) > 0, "\(methods)")
    }

    @Test(arguments: ["2021", "2023-normal"])
    func everyAssessmentIndicatorRunsUnderTheRulePack(_ name: String) throws {
        let rules = try RulePack.named(name, root: Self.root)
        #expect(rules.id == name)
        // Every automated or assisted indicator has an implementation; every threshold is defined.
        try Assessment.check(try IndicatorCatalogue.standard(.assessment, root: Self.root), rules)
        for indicator in try IndicatorCatalogue.standard(.monitoring, root: Self.root).indicators {
            for parameter in indicator.parameters { #expect(rules.defines(parameter), "\(indicator.id) reads \(parameter)") }
        }
    }

    /// The kit's fixture proposals and the adversarial set (written as a hostile LP would, with the
    /// verdicts a careful curator gives), as paths under `Conformance/fixtures/`.
    static var fixtures: [String] {
        ["proposals", "adversarial"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/Conformance/fixtures/\(folder)")) ?? []).filter { $0.hasSuffix(".json") }
                .sorted().map { "\(folder)/\($0)" }
        }
    }

    @Test func thereAreADozenFixturesAndFortyAdversaries() {
        #expect(Self.fixtures.filter { $0.hasPrefix("proposals/") }.count >= 12)
        #expect(Self.fixtures.filter { $0.hasPrefix("adversarial/") }.count >= 40)
    }

    /// Adversaries the kit does not catch yet, by file, and why; the test fails when one starts
    /// being caught, so the list cannot go stale. From the second and third outsider batches
    /// (86-109 and 110-129, written 2026-12-04 by reviewers who saw only the schema, the indicators
    /// and the reference data); each fails only a manual indicator, which a person decides.
    static let knownMisses: [String: String] = [
        "adversarial/97-pembukuan-webinar-dua-hari.json":
            "A-MD-07 (content out of date: the old 1% UMKM tax rate) is manual: a person decides; the machine finds the rest (A-DS-03, two 7.5-hour online days in the prose)",
        "adversarial/117-pajak-umkm-materi-usang.json":
            "A-MD-07 (VAT at 10% and e-Faktur Desktop, both out of date) is manual: a person decides",
        "adversarial/118-servis-motor-data-ke-leasing.json":
            "A-CO-08 (participants' data shared with leasing partners) is manual: a person decides",
        "adversarial/122-caregiver-tim-instruktur.json":
            "A-TR-08 (the trainers change with each batch) is manual; the machine finds A-TR-01 (a team is no trainer) and the reject",
        "adversarial/104-fotografi-momen-keluarga.json":
            "A-LM-07 (not a hobby course) is manual: the machine cannot fail it, so its projection is approve while the decision waits for a person",
    ]

    @Test(arguments: fixtures)
    func aFixtureGetsTheVerdictsItsFileStates(_ file: String) throws {
        if let why = Self.knownMisses[file] {
            withKnownIssue(Comment(rawValue: why)) { try judge(file) }
        } else {
            try judge(file)
        }
    }

    func judge(_ file: String) throws {
        let proposal = try CourseProposal.load("\(Self.root)/Conformance/fixtures/\(file)", root: Self.root)
        let expected = try #require(proposal.expected)
        let rules = try RulePack.named(expected.rulePack ?? RulePack.defaultID, root: Self.root)
        let result = try Assessment.run(
            try IndicatorCatalogue.standard(.assessment, root: Self.root),
            AssessmentInput(proposal: proposal, rules: rules, reference: try ReferenceData.standard(root: Self.root)))
        let why = result.results.filter { $0.effective == .fail }.map { "\($0.indicator.id): \($0.message)" }
        #expect(result.failures.sorted() == (expected.fails ?? []).sorted(), "\(file): \(why)")
        #expect(result.projected.rawValue == expected.decision, "\(file): \(result.projected) \(why)")
        // Never final while a critical or major indicator waits, unless a decided critical failure rejects.
        #expect(result.decision == .reject || result.decision == .awaitingReview, "\(file): \(result.decision)")
        #expect(result.rulePack == rules.id)
        // Manual indicators always wait for a person.
        #expect(result.provisional)
        #expect(result.results.filter { $0.indicator.method == .manual }.allSatisfy { $0.verdict == .needsReview })
    }

    @Test func aLargeLiveClassWithoutAnAssistantFailsTheRatio() throws {
        // A-TR-05 asks both halves of class size (A-TR-06, which asked the second, is retired).
        let path = "\(Self.root)/Conformance/fixtures/adversarial/06-pemasaran-digital-webinar.json"
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var design = try #require(object["design"] as? [String: Any])
        design["assistants"] = []
        object["design"] = design
        let proposal = try JSONDecoder().decode(CourseProposal.self, from: try JSONSerialization.data(withJSONObject: object))
        let result = try Assessment.run(
            try IndicatorCatalogue.standard(.assessment, root: Self.root),
            AssessmentInput(
                proposal: proposal, rules: try RulePack.named("2023-normal", root: Self.root), reference: try ReferenceData.standard(root: Self.root))
        )
        let ratio = try #require(result.results.first { $0.indicator.id == "A-TR-05" })
        #expect(ratio.verdict == .fail)
        #expect(ratio.findings.map(\.message) == ["a large class without an assistant"])
        #expect(ratio.findings.first?.location == "/design/assistants")
    }

    @Test func aProposalThatDoesNotMatchTheSchemaGetsEveryViolationWithItsPointer() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "proposal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var object =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: "\(Self.root)/Conformance/fixtures/proposals/01-digital-marketing-self-paced.json")))
            as! [String: Any]
        object["platforms"] = "DP01"
        var course = object["course"] as! [String: Any]
        var inner = course["course"] as! [String: Any]
        inner["price"] = "Rp450.000"
        inner.removeValue(forKey: "durationMinutes")
        course["course"] = inner
        object["course"] = course
        object["colour"] = "blue"
        let file = directory.appending(path: "bad.json")
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        #expect {
            _ = try CourseProposal.load(file.path, root: Self.root)
        } throws: { error in
            let text = (error as? CourseProposal.Invalid)?.description ?? ""
            return text.contains("/platforms") && text.contains("/course/course/price") && text.contains("durationMinutes") && text.contains("colour")
        }
    }

    @Test func anUnknownRulePackIsNamedWithTheKnownOnes() {
        #expect {
            _ = try RulePack.named("2019", root: Self.root)
        } throws: { error in
            "\(error)".contains("no rule pack 2019") && "\(error)".contains("2023-normal")
        }
    }

    @Test func aRulePackMissingAThresholdStopsTheAssessment() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "rulepack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "thin.yaml")
        try Data("id: thin\ntitle: Thin\nminimumMinutes: { self-paced: 60 }\n".utf8).write(to: file)
        let rules = try RulePack.load(file.path)
        #expect {
            try Assessment.check(try IndicatorCatalogue.standard(.assessment, root: Self.root), rules)
        } throws: { "\($0)".contains("does not define") }
    }

    @Test func theAssessmentReportValidatesAgainstTheReportSchema() throws {
        let proposal = try CourseProposal.load("\(Self.root)/Conformance/fixtures/proposals/03-excel-webinar-theory-heavy.json", root: Self.root)
        let catalogue = try IndicatorCatalogue.standard(.assessment, root: Self.root)
        let result = try Assessment.run(
            catalogue,
            AssessmentInput(
                proposal: proposal, rules: try RulePack.named("2023-normal", root: Self.root), reference: try ReferenceData.standard(root: Self.root))
        )
        let run = result.runResult(source: "03-excel-webinar-theory-heavy.json", startedAt: Date(), catalogue: catalogue)
        #expect(run.checks.count == 52)
        #expect(run.exitCode == 1)
        #expect(run.assessment?.decision == .awaitingReview)
        #expect(run.assessment?.projected == .approveWithConditions)
        let json = try JSONReport.render(run)
        var registry = SchemaRegistry()
        let uri = "file:///conformance-report.schema.json"
        registry.add(try SchemaDocument.load("\(Self.root)/Specs/conformance-report.schema.json"), uri: uri)
        let validator = JSONSchemaValidator(registry: registry, assertFormats: true)
        let violations = validator.validate(try JSONValue.parse(json), against: uri)
        #expect(violations.isEmpty, "\(violations)")
        let read = try JSONReport.read(json).assessment
        #expect(read?.aspects.count == 7)
        #expect(read?.course == AssessedCourse(proposal), "the facts later proposals are compared with")

        // A provider's own assessment: its report too, with the provider and its digest.
        let provider = try ProviderAssessment.run(
            catalogue, ProviderInput(provider: proposal.provider, rules: try RulePack.named("2023-normal", root: Self.root)))
        let alone = try JSONReport.render(provider.runResult(source: "provider.json", startedAt: Date(), catalogue: catalogue))
        let aloneViolations = validator.validate(try JSONValue.parse(alone), against: uri)
        #expect(aloneViolations.isEmpty, "\(aloneViolations)")
        #expect(try JSONReport.read(alone).assessment?.provider?.code == proposal.provider.code)
    }
}

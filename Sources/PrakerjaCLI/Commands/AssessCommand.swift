import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaStore

/// `prakerja assess PROPOSAL...`: the 52 assessment indicators over course proposals.
struct AssessCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess course proposals on the 52 assessment indicators and decide: approve, approve with conditions, or reject.",
        discussion: """
            Each proposal (JSON, Specs/course-proposal.schema.json) is validated first: one that
            does not match gets every violation listed with its pointer, and nothing is assessed or
            written. Automated indicators are decided; assisted ones get the machine's proposed
            verdict for a reviewer to confirm; manual ones wait for a reviewer with the rubric.
            Rules that read the content (objectives' verbs, practice, certificate claims, the
            SKKNI sector, tools and protective equipment, facilities, money outside the price) read
            the public reference data in Conformance/reference/. Any critical failure rejects; a
            major failure, or an aspect scoring below 60, approves with conditions. The decision
            is final only when no critical or major indicator waits for a person; until then it
            is awaiting-review, with what the machine proposes and what waits. Thresholds come
            from a rule pack (Conformance/rulepacks/), recorded in every report. With
            --job-portal, the labour-market indicator shows live demand.

            Instead of files, --from-provider CONFIG --course CODE reads the course from a training
            provider's endpoint; what the endpoint does not publish goes to review.

            Exit codes: 0 every proposal approved, 1 a proposal rejected, approved with
            conditions or awaiting review (not approved yet), 2 usage error, an invalid proposal
            or malformed reference data, 3 a provider could not be read.

            Examples:
              prakerja assess Conformance/fixtures/proposals/*.json
              prakerja assess proposal.json --rule-pack 2021 --job-portal Conformance/configs/reference-job-portal.yaml
              prakerja assess --from-provider Conformance/configs/reference-training-provider.yaml --course REFLP01-01S1
            """
    )

    @Argument(help: "Course proposal files (JSON).")
    var proposals: [String] = []

    @Option(help: "A training provider's config: read the course from its endpoint instead of a file.")
    var fromProvider: String?

    @Option(help: "With --from-provider: the course code.")
    var course: String?

    @Option(help: "A job portal's config, for live labour-market demand (repeatable).")
    var jobPortal: [String] = []

    @Option(help: "Where the reports go: <report-dir>/<proposal>/.")
    var reportDir = "assessment-reports"

    @OptionGroup var indicators: IndicatorOptions

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let formats = try ConformanceRunCommand.formats(indicators.format)
        let root = indicators.root
        guard proposals.isEmpty != (fromProvider == nil) else {
            throw .usage("give proposal files, or --from-provider CONFIG --course CODE (not both)")
        }
        guard (fromProvider == nil) == (course == nil) else { throw .usage("--from-provider and --course go together") }
        let waivers = try ConformanceRunCommand.waivers(indicators.waivers)
        let (catalogue, rules, reference) = try indicators.load(.assessment)
        let portals: [PartnerConfig]
        do { portals = try jobPortal.map { try PartnerConfig.load($0) } } catch { throw .usage("\(error)") }

        var loaded: [(source: String, proposal: CourseProposal)] = []
        if let fromProvider, let course {
            do {
                let config = try PartnerConfig.load(fromProvider)
                loaded.append((config.baseURL, try await CourseProposal.fromProvider(config, course: course)))
            } catch let error as ConfigError {
                throw .usage(error.description)
            } catch {
                throw CommandFailure.unjudged("cannot read the course \(course) from the provider: \(error)")
            }
        } else {
            // Every file is validated before any is assessed: an invalid one stops the run with all its violations.
            var invalid: [String] = []
            for path in proposals {
                do { loaded.append((path, try CourseProposal.load(path, root: root))) } catch { invalid.append(error.description) }
            }
            guard invalid.isEmpty else { throw .usage(invalid.joined(separator: "\n")) }
        }

        let store = try history.open()
        let searches = LabourDemand.Searches()
        var worst: Int32 = 0
        for (source, proposal) in loaded {
            let started = Date()
            let demand = portals.isEmpty ? nil : await LabourDemand.fetch(from: portals, for: proposal, batch: searches)
            let result: AssessmentResult
            do {
                result = try Assessment.run(catalogue, AssessmentInput(proposal: proposal, rules: rules, reference: reference, demand: demand))
            } catch {
                throw .usage(error.description)
            }
            let run = result.runResult(source: source, startedAt: started, catalogue: catalogue)
            worst = max(
                worst,
                try await ConformanceRunCommand.report(
                    run, formats: formats, reportDir: reportDir, io: io, waivers: waivers,
                    record: .whole(store)))
            io.print(Self.outcome(result))
        }
        return worst
    }

    /// One line per proposal: the decision, what waits for a person and what the machine proposes,
    /// and what fails.
    static func outcome(_ result: AssessmentResult) -> String {
        var line = "\(result.proposal.proposalID): \(result.decision.rawValue)"
        if result.decision == .awaitingReview {
            line += " (the machine proposes \(result.projected.rawValue); waiting for a person: \(result.awaiting.joined(separator: ", ")))"
        } else if result.provisional {
            line += " (provisional)"
        }
        return line + (result.failures.isEmpty ? "" : "; fails \(result.failures.joined(separator: ", "))")
    }
}

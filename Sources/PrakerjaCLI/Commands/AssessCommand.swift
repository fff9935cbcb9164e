import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaCuration
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

            Providers are assessed too. The provider-level indicators (legal entity, governance and
            contacts, data protection, track record) are judged once per provider and shown on each
            of its proposals. --provider FILE assesses a provider on its own (FILE is the provider
            part of a proposal); reviewers' verdicts on that run carry to the provider's later
            proposals while its details stay the same. The track record and the competitive price
            per hour read the results history: the provider's earlier decisions and live courses'
            statuses, and the approved courses of the same KBJI group and method.

            Exit codes: 0 every proposal approved, 1 a proposal rejected, approved with
            conditions or awaiting review (not approved yet), 2 usage error, an invalid proposal
            or malformed reference data, 3 a provider could not be read.

            Examples:
              prakerja assess Conformance/fixtures/proposals/*.json
              prakerja assess proposal.json --rule-pack 2021 --job-portal Conformance/configs/reference-job-portal.yaml
              prakerja assess --from-provider Conformance/configs/reference-training-provider.yaml --course REFLP01-01S1
              prakerja assess --provider Conformance/fixtures/providers/reflp01.json
            """
    )

    @Argument(help: "Course proposal files (JSON).")
    var proposals: [String] = []

    @Option(help: "A training provider's config: read the course from its endpoint instead of a file.")
    var fromProvider: String?

    @Option(help: "With --from-provider: the course code.")
    var course: String?

    @Option(help: "A provider file (the provider part of a proposal): assess the provider on its own.")
    var provider: String?

    @Option(help: "A job portal's config, for live labour-market demand (repeatable).")
    var jobPortal: [String] = []

    @Option(help: "Where the reports go: <report-dir>/<proposal>/.")
    var reportDir = "assessment-reports"

    @OptionGroup var indicators: IndicatorOptions

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let formats = try ConformanceRunCommand.formats(indicators.format)
        let root = indicators.root
        guard [!proposals.isEmpty, fromProvider != nil, provider != nil].filter({ $0 }).count == 1 else {
            throw .usage("give proposal files, --from-provider CONFIG --course CODE, or --provider FILE (one of them)")
        }
        guard (fromProvider == nil) == (course == nil) else { throw .usage("--from-provider and --course go together") }
        let waivers = try ConformanceRunCommand.waivers(indicators.waivers)
        let (catalogue, rules, reference) = try indicators.load(.assessment)
        let portals: [PartnerConfig]
        do { portals = try jobPortal.map { try PartnerConfig.load($0) } } catch { throw .usage("\(error)") }

        if let provider {
            let loaded: CourseProposal.Provider
            do { loaded = try CourseProposal.Provider.load(provider, root: root) } catch { throw .usage(error.description) }
            let store = try await history.open()
            let started = Date()
            let past = try await Self.history(store)
            let judged: ProviderAssessment
            do {
                judged = try ProviderAssessment.run(
                    catalogue, ProviderInput(provider: loaded, rules: rules, history: past, reference: try? ReferenceData.standard(root: root)))
            } catch {
                throw .usage(error.description)
            }
            let exit = try await ConformanceRunCommand.report(
                judged.runResult(source: provider, startedAt: started, catalogue: catalogue), formats: formats, reportDir: reportDir, io: io,
                waivers: waivers, record: .whole(store))
            let scoring = judged.scoring
            io.print(Self.outcome("\(loaded.code) (provider)", scoring.decision, scoring.projected, provisional: scoring.provisional, judged.results))
            return exit
        }

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

        let store = try await history.open()
        let past = try await Self.history(store)
        let searches = LabourDemand.Searches()
        // A provider is judged once, however many of its proposals are assessed.
        var providers: [String: ProviderAssessment] = [:]
        var worst: Int32 = 0
        for (source, proposal) in loaded {
            let started = Date()
            let demand = portals.isEmpty ? nil : await LabourDemand.fetch(from: portals, for: proposal, batch: searches)
            let input = AssessmentInput(proposal: proposal, rules: rules, reference: reference, history: past, demand: demand)
            let result: AssessmentResult
            do throws(Assessment.SetupError) {
                let key = ProviderAssessment.digest(proposal.provider)
                let provider: ProviderAssessment
                if let judged = providers[key] {
                    provider = judged
                } else {
                    provider = try ProviderAssessment.run(catalogue, input.providerInput)
                    providers[key] = provider
                }
                result = try Assessment.run(catalogue, input, provider: provider)
            } catch {
                throw .usage(error.description)
            }
            let run = result.runResult(source: source, startedAt: started, catalogue: catalogue)
            worst = max(
                worst,
                try await ConformanceRunCommand.report(
                    run, formats: formats, reportDir: reportDir, io: io, waivers: waivers,
                    record: .whole(store)))
            io.print(Self.outcome(result.proposal.proposalID, result.decision, result.projected, provisional: result.provisional, result.results))
        }
        return worst
    }

    /// The results history the track record and the price band read (nil with `--no-store`).
    static func history(_ store: ResultsStore?) async throws(CommandFailure) -> AssessmentHistory? {
        guard let store else { return nil }
        do { return try await store.assessmentHistory() } catch { throw CommandFailure.unjudged(error.description) }
    }

    /// One line per proposal or provider: the decision, what waits for a person and what the
    /// machine proposes, and what fails.
    static func outcome(
        _ subject: String, _ decision: AssessmentResult.Decision, _ projected: AssessmentResult.Decision, provisional: Bool,
        _ results: [IndicatorResult]
    ) -> String {
        var line = "\(subject): \(decision.rawValue)"
        if decision == .awaitingReview {
            line += " (the machine proposes \(projected.rawValue); waiting for a person: \(results.awaiting.joined(separator: ", ")))"
        } else if provisional {
            line += " (provisional)"
        }
        return line + (results.failures.isEmpty ? "" : "; fails \(results.failures.joined(separator: ", "))")
    }
}

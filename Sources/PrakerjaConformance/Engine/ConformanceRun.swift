import Foundation
import PrakerjaModels

/// One conformance run against one partner, from its config to the result every report is
/// written from: loads the role's contract, builds the role's suite, runs the selection.
public enum ConformanceRun {
    /// Why a run could not start: the config, the contract, the selection or the test window.
    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The kit's version, recorded in every report.
    public static let kitVersion = "0.2.0"

    /// The suites the kit has for `role`.
    public static func suites(for role: PartnerRole) -> [Suite] {
        switch role {
        case .paymentPartner: [PaymentSuite.suite()]
        case .jobPortal: [JobPortalSuite.suite()]
        case .trainingProvider: [TrainingProviderSuite.suite()]
        case .digitalPlatform: [DigitalPlatformSuite.suite()]
        }
    }

    /// A run ready to go: its header (the result with no suites yet, what the results history
    /// stores before the first check), the suites and the context the checks run in.
    public struct Prepared: Sendable {
        public let header: RunResult
        let suites: [Suite]
        let selection: Selection
        let context: CheckContext
    }

    /// Runs every selected check of the role's suites against the partner in `config`.
    public static func run(
        _ config: PartnerConfig, selection: Selection = Selection(), now: Date = Date(),
        observer: (@Sendable (ConformanceRunner.Event) -> Void)? = nil
    ) async throws(SetupError) -> RunResult {
        await execute(try prepare(config, selection: selection, now: now), observer: observer)
    }

    /// Loads the contract, builds the suites and checks the selection and the test window; a
    /// run `resuming` an unfinished one keeps its id and start.
    public static func prepare(
        _ config: PartnerConfig, selection: Selection = Selection(), now: Date = Date(),
        resuming: RunResult? = nil
    ) throws(SetupError) -> Prepared {
        if let window = config.testWindow, !window.contains(now) {
            throw SetupError(description: "\(config.name) accepts test traffic only \(window) Jakarta time; it is outside that window now")
        }
        let contract: Contract
        do { contract = try Contract.load(config.contractPath) } catch { throw SetupError(description: error.description) }
        let suites = suites(for: config.role)
        guard !suites.isEmpty else { throw SetupError(description: "the kit has no protocol suite for the role \(config.role.rawValue) yet") }
        let unmatched = selection.unmatchedPatterns(in: suites)
        guard unmatched.isEmpty else {
            throw SetupError(
                description: "no check matches \(unmatched.joined(separator: ", ")) (ids look like \(suites[0].checks[0].definition.id))")
        }
        let runID = resuming?.runID ?? Self.runID(now)
        // A resumed run has a token of its own: the references its stopped attempt sent (which
        // the partner keeps) are never sent again for other transfers.
        let context = CheckContext(
            config: config, contract: contract, transport: ProbeTransport(config: config),
            runToken: String((resuming == nil ? runID : Self.runID(now)).suffix(8)))
        let header = RunResult(
            runID: runID, kitVersion: kitVersion, startedAt: resuming?.startedAt ?? now, finishedAt: now,
            target: .init(name: config.name, role: config.role.rawValue, baseURL: config.baseURL),
            contracts: [.init(path: config.contractPath, sha256: contract.sha256)], selection: selection.description, suites: [])
        return Prepared(header: header, suites: suites, selection: selection, context: context)
    }

    /// Runs a prepared run's checks (those the `journal` does not already hold) and returns the whole run.
    public static func execute(
        _ prepared: Prepared, observer: (@Sendable (ConformanceRunner.Event) -> Void)? = nil,
        journal: RunJournal? = nil
    ) async -> RunResult {
        var run = prepared.header
        run.suites = await ConformanceRunner(context: prepared.context, observer: observer).run(
            prepared.suites, selection: prepared.selection, journal: journal)
        run.finishedAt = Date()
        return run
    }

    /// `20261129T081500-1A2B3C4D`: sortable by time, unique by its random tail.
    package static func runID(_ date: Date) -> String {
        date.jakarta("yyyyMMdd'T'HHmmss") + "-" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8))
    }
}

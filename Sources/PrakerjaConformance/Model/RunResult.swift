import Foundation

/// A whole run: what was checked, against which contract, and every result. Every report format
/// is written from this one value; its JSON form is `Specs/conformance-report.schema.json`.
public struct RunResult: Codable, Sendable {
    /// The partner as the config names it (never its secrets).
    public struct Target: Codable, Sendable {
        public let name: String
        public let role: String
        public let baseURL: String
    }

    /// A contract the run checked against, and the SHA-256 of the exact file.
    public struct Contract: Codable, Sendable {
        public let path: String
        public let sha256: String
    }

    public static let formatVersion = 1

    public var formatVersion = RunResult.formatVersion
    public let runID: String
    public let kitVersion: String
    public let startedAt: Date
    public var finishedAt: Date
    public let target: Target
    public let contracts: [Contract]
    /// The selection the run was made with (`--only`, `--tag`, `--skip`, `--rerun-failed`), as given.
    public let selection: [String]
    public var suites: [SuiteResult]
    /// For an assessment run: the decision, the scores and the rule pack.
    public var assessment: AssessmentSummary?
    /// For a monitoring sweep: each course's status and each partner's counts.
    public var monitoring: MonitoringSummary?
    /// The waivers the run was judged with: which applied, which had expired, which are stale.
    public var waivers: WaiverOutcome?

    /// What a waiver file did to a run (`Waivers`).
    public struct WaiverOutcome: Codable, Sendable {
        /// Live waivers that turned a failure into a warning.
        public let applied: [String]
        /// Waivers past their expiry: they no longer apply.
        public let expired: [String]
        /// Live waivers whose check did not fail: they can go.
        public let stale: [String]
    }

    public var checks: [CheckResult] { suites.flatMap(\.checks) }
    public var counts: VerdictCounts { VerdictCounts(checks) }
    public var verdict: Verdict { Verdict.rollUp(suites.map(\.verdict)) }

    /// The kit's exit code for this run: 1 if a required check failed (for an assessment, unless
    /// the decision is approve), else 3 if a required check could not be judged, else 0.
    public var exitCode: Int32 {
        if let assessment { return assessment.decision == .approve ? 0 : 1 }
        if let monitoring {
            let statuses = Set(monitoring.courses.map(\.status))
            return statuses.contains(.violation) || statuses.contains(.warning) ? 1 : statuses.contains(.error) ? 3 : 0
        }
        let required = checks.filter { $0.check.severity == .required }
        if required.contains(where: { $0.verdict == .fail }) { return 1 }
        if required.contains(where: { $0.verdict == .error }) { return 3 }
        return 0
    }
}

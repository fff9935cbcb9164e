import Foundation

/// A whole run: what was checked, against which contract, and every result. Every report format
/// is written from this one value; its JSON form is `Specs/conformance-report.schema.json`.
public struct RunResult: Codable, Sendable {
    /// The partner as the config names it (never its secrets).
    public struct Target: Codable, Sendable {
        public let name: String
        public let role: String
        public let baseURL: String

        public init(name: String, role: String, baseURL: String) {
            self.name = name
            self.role = role
            self.baseURL = baseURL
        }
    }

    /// A contract the run checked against, and the SHA-256 of the exact file.
    public struct Contract: Codable, Sendable {
        public let path: String
        public let sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
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

    public init(
        runID: String, kitVersion: String, startedAt: Date, finishedAt: Date, target: Target, contracts: [Contract], selection: [String],
        suites: [SuiteResult]
    ) {
        self.runID = runID
        self.kitVersion = kitVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.target = target
        self.contracts = contracts
        self.selection = selection
        self.suites = suites
    }

    /// What a waiver file did to a run (`Waivers`).
    public struct WaiverOutcome: Codable, Sendable {
        /// Live waivers that turned a failure into a warning.
        public let applied: [String]
        /// Waivers past their expiry: they no longer apply.
        public let expired: [String]
        /// Live waivers whose check did not fail: they can go.
        public let stale: [String]
    }

    /// What a run judged: a partner's endpoint, a partner's client of the program's API, a course
    /// proposal, or live courses.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case conformance, client, assessment, monitoring
    }

    public var kind: Kind {
        if assessment != nil { return .assessment }
        if monitoring != nil { return .monitoring }
        return target.role == ClientIntegrationSuite.role ? .client : .conformance
    }

    /// What runs are compared by (`runs diff`): the partner, the proposed course's code, or the
    /// sweep's folder of approved courses.
    public var subject: String {
        if let assessment { return assessment.courseCode }
        if monitoring != nil { return target.baseURL }
        return target.name
    }

    public var checks: [CheckResult] { suites.flatMap(\.checks) }
    public var counts: VerdictCounts { VerdictCounts(checks) }
    public var verdict: Verdict { Verdict.rollUp(suites.map(\.verdict)) }

    /// The kit's exit code for this run: 1 if a required check failed (for an assessment, unless
    /// the decision is approve), else 3 if a required check could not be judged, else 0.
    public var exitCode: Int32 {
        // An assessment's or a sweep's code comes from its summary: its results are not read.
        let required = assessment == nil && monitoring == nil ? checks.filter { $0.check.severity == .required } : []
        return Self.exitCode(
            assessment: assessment, monitoring: monitoring, requiredFailed: required.contains { $0.verdict == .fail },
            requiredErrors: required.contains { $0.verdict == .error })
    }

    /// The exit code of a run with this summary and these required checks (`exitCode`).
    static func exitCode(assessment: AssessmentSummary?, monitoring: MonitoringSummary?, requiredFailed: Bool, requiredErrors: Bool) -> Int32 {
        if let assessment { return assessment.decision == .approve ? ExitStatus.passed : ExitStatus.failed }
        if let monitoring { return exitCode(worstCourse: monitoring.worst) }
        return requiredFailed ? ExitStatus.failed : requiredErrors ? ExitStatus.unjudged : ExitStatus.passed
    }

    /// A sweep's exit code, from its worst course status: 1 for a violation, a warning or a course
    /// awaiting review, 3 for a course that could not be judged, else 0.
    public static func exitCode(worstCourse: CourseStatus) -> Int32 {
        switch worstCourse {
        case .violation, .warning, .awaitingReview: return ExitStatus.failed
        case .error: return ExitStatus.unjudged
        case .compliant: return ExitStatus.passed
        }
    }
}

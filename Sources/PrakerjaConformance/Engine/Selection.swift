/// Which checks a run executes: `--only` (ids, or an id prefix such as `payment.security`),
/// `--tag`, `--skip`, `--rerun-failed` (the ids that failed or errored in an earlier run), and
/// `--quick` (the checks tagged `slow`, which wait, left out). Checks left out are reported
/// `skipped`, with the reason.
public struct Selection: Sendable {
    public var only: [String] = []
    public var tags: [String] = []
    public var skip: [String] = []
    /// From the last run's JSON: only these ids run, if set.
    public var rerun: Set<String>?
    /// Leave out the checks tagged `slow`: those that must wait before they can judge (a replay
    /// sent again a minute after the original). A quick look, not a go-live verdict.
    public var quick = false

    /// The tag of a check that waits (`limits.replayWaitSeconds`) before it can judge.
    public static let slowTag = "slow"

    public init(only: [String] = [], tags: [String] = [], skip: [String] = [], rerun: Set<String>? = nil, quick: Bool = false) {
        self.only = only
        self.tags = tags
        self.skip = skip
        self.rerun = rerun
        self.quick = quick
    }

    /// Why `check` is left out, or nil when it runs.
    public func exclusion(of check: CheckDefinition) -> String? {
        if skip.contains(where: { Self.matches($0, check.id) }) { return "skipped with --skip" }
        if quick, check.tags.contains(Self.slowTag) { return "a slow check (it waits before it judges), left out by --quick" }
        if !only.isEmpty, !only.contains(where: { Self.matches($0, check.id) }) { return "not selected by --only" }
        if !tags.isEmpty, check.tags.allSatisfy({ !tags.contains($0) }) { return "has none of the tags \(tags.joined(separator: ", "))" }
        if let rerun, !rerun.contains(check.id) { return "passed in the earlier run (--rerun-failed)" }
        return nil
    }

    /// The `--only` and `--skip` patterns that match no check in `suites`: a typo the user should hear about.
    public func unmatchedPatterns(in suites: [Suite]) -> [String] {
        let ids = suites.flatMap(\.checks).map(\.definition.id)
        return (only + skip).filter { pattern in !ids.contains { Self.matches(pattern, $0) } }
    }

    /// The selection as command-line words, for the report.
    public var description: [String] {
        only.map { "--only \($0)" } + tags.map { "--tag \($0)" } + skip.map { "--skip \($0)" }
            + (rerun.map { ["--rerun-failed (\($0.count) checks)"] } ?? []) + (quick ? ["--quick"] : [])
    }

    /// An exact id, or a prefix that ends at a dot boundary (`payment.security` matches `payment.security.bad-signature-refused`).
    static func matches(_ pattern: String, _ id: String) -> Bool {
        id == pattern || id.hasPrefix(pattern.hasSuffix(".") ? pattern : pattern + ".")
    }
}

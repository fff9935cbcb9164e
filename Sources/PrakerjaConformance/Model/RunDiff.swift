import Foundation

/// What changed from one run to a later run of the same partner, course or sweep: checks that
/// now fail, checks fixed, other verdict changes, drift (the same verdict on different findings:
/// a field that fails differently, a listing whose price moved again), checks only one run has,
/// contracts whose text changed, and the outcome (decision, course statuses) before and after.
public struct RunDiff: Sendable, Codable {
    /// One result compared: its key (`PlacedResult.key`), its check, the verdicts, and what the
    /// later run found.
    public struct Change: Sendable, Codable {
        public let key: String
        public let check: String
        public let title: String
        public let before: Verdict?
        public let after: Verdict?
        /// The later run's message (the earlier one's when the check is gone).
        public let message: String
        /// Findings only the earlier run had, and only the later one has.
        public let gone: [Finding]
        public let new: [Finding]
    }

    /// A contract whose file changed between the runs.
    public struct ContractChange: Sendable, Codable {
        public let path: String
        public let before: String?
        public let after: String?
    }

    public let before: String
    public let after: String
    /// Failing now, not before (a new check that fails counts).
    public let newFailures: [Change]
    /// Failing before, passing (or not applicable, or waived to a warning) now.
    public let fixes: [Change]
    /// Any other verdict change (an error, a review still pending, a new warning).
    public let changed: [Change]
    /// The same verdict on different findings.
    public let drift: [Change]
    /// Checks only the later run has that do not fail, and checks only the earlier run had.
    public let added: [Change]
    public let removed: [Change]
    public let contracts: [ContractChange]
    /// The decision or the course statuses of each run, when they differ.
    public let outcome: [String]

    /// Whether anything that matters changed: a new failure, a fix, another verdict change, drift,
    /// a check added or removed, a contract or an outcome changed.
    public var isEmpty: Bool {
        newFailures.isEmpty && fixes.isEmpty && changed.isEmpty && drift.isEmpty && added.isEmpty && removed.isEmpty && contracts.isEmpty
            && outcome.isEmpty
    }

    /// Compares `before` with `after`, result by result (by group and check).
    public init(from before: RunResult, to after: RunResult) {
        func keyed(_ run: RunResult) -> [(key: String, result: CheckResult)] {
            run.suites.flatMap { suite in
                suite.groups.flatMap { group in group.checks.map { (PlacedResult.key(group: group.id, check: $0.check.id), $0) } }
            }
        }
        let old = Dictionary(keyed(before).map { ($0.key, $0.result) }, uniquingKeysWith: { first, _ in first })
        let current = keyed(after)
        let currentKeys = Set(current.map(\.key))
        func change(_ key: String, _ a: CheckResult?, _ b: CheckResult?) -> Change {
            let was = Set(a?.evidence.findings ?? []), now = Set(b?.evidence.findings ?? [])
            let shown = (b ?? a)!
            return Change(
                key: key, check: shown.check.id, title: shown.check.title, before: a?.verdict, after: b?.verdict, message: shown.message,
                gone: (a?.evidence.findings ?? []).filter { !now.contains($0) }, new: (b?.evidence.findings ?? []).filter { !was.contains($0) })
        }
        var newFailures: [Change] = [], fixes: [Change] = [], changed: [Change] = [], drift: [Change] = [], added: [Change] = []
        for (key, result) in current {
            let earlier = old[key]
            let entry = change(key, earlier, result)
            if result.verdict == .fail, earlier?.verdict != .fail {
                newFailures.append(entry)
            } else if earlier == nil {
                added.append(entry)
            } else if earlier?.verdict == .fail, [.pass, .warn, .notApplicable].contains(result.verdict) {
                fixes.append(entry)
            } else if earlier?.verdict != result.verdict {
                changed.append(entry)
            } else if !entry.gone.isEmpty || !entry.new.isEmpty {
                drift.append(entry)
            }
        }
        let removed = keyed(before).filter { !currentKeys.contains($0.key) }.map { change($0.key, $0.result, nil) }
        let oldContracts = Dictionary(before.contracts.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let newContracts = Dictionary(after.contracts.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let contracts = Set(oldContracts.keys).union(newContracts.keys).sorted().compactMap { path in
            oldContracts[path] == newContracts[path] ? nil : ContractChange(path: path, before: oldContracts[path], after: newContracts[path])
        }
        var outcome: [String] = []
        if let a = before.assessment, let b = after.assessment, a.decision != b.decision || a.provisional != b.provisional {
            outcome.append(
                "decision: \(a.decision.rawValue)\(a.provisional ? " (provisional)" : "") -> \(b.decision.rawValue)\(b.provisional ? " (provisional)" : "")"
            )
        }
        if let a = before.monitoring, let b = after.monitoring {
            let was = Dictionary(a.courses.map { ($0.code, $0.status) }, uniquingKeysWith: { first, _ in first })
            for course in b.courses where was[course.code].map({ $0 != course.status }) ?? false {
                outcome.append("\(course.code): \(was[course.code]!.rawValue) -> \(course.status.rawValue)")
            }
        }
        self.before = before.runID
        self.after = after.runID
        self.newFailures = newFailures
        self.fixes = fixes
        self.changed = changed
        self.drift = drift
        self.added = added
        self.removed = removed
        self.contracts = contracts
        self.outcome = outcome
    }
}

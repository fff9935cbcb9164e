/// What a check concluded: one model for machine and human checks.
///
/// `error` means the kit could not judge (a network fault, a timeout, a bug in the kit): it is never
/// counted as the partner's failure.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case fail, error, needsReview, warn, pass, notApplicable, skipped

    /// The fixed order of severity results roll up in: the first present wins.
    public static let severityOrder: [Verdict] = [.fail, .error, .needsReview, .warn, .pass, .notApplicable, .skipped]

    /// The verdict of a group of results: the most severe one; `skipped` when there are none.
    public static func rollUp(_ verdicts: some Sequence<Verdict>) -> Verdict {
        let present = Set(verdicts)
        return severityOrder.first(where: present.contains) ?? .skipped
    }
}

/// How much a check matters: a failed `required` check fails the run (exit 1); a `recommended`
/// one is reported but does not.
public enum Severity: String, Codable, Sendable {
    case required, recommended
}

/// Whose trouble a non-passing result is: the partner's (a `fail`), or the kit could not judge
/// because of a transient fault (network, timeout) or its own bug (both `error`).
public enum Fault: String, Codable, Sendable {
    case partner, transient, kit
}

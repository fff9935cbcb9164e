/// What a check is, apart from how it runs: a stable id, the requirement it enforces, its
/// severity, tags for selection, and the inputs it needs from the partner's config.
public struct CheckDefinition: Codable, Sendable, Hashable {
    /// Stable, dotted: `payment.idempotency.retry-returns-original`. Reports, `--only` and the
    /// expected-results matrix refer to checks by it.
    public let id: String
    public let title: String
    /// The clause it enforces: a spec location and its rule, or an indicator id.
    public let requirement: String
    public let severity: Severity
    public let tags: [String]
    /// Config keys the check reads (`fixtures.verifiedWallet`); a missing one makes it `notApplicable`.
    public let inputs: [String]

    public init(id: String, title: String, requirement: String, severity: Severity = .required, tags: [String] = [], inputs: [String] = []) {
        self.id = id
        self.title = title
        self.requirement = requirement
        self.severity = severity
        self.tags = tags
        self.inputs = inputs
    }
}

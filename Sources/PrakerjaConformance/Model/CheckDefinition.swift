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
    /// The ids of the contract's requirements it judges (`PAY-IDEM-02`, `Specs/requirements/`);
    /// empty for an indicator.
    public let requirements: [String]

    public init(
        id: String, title: String, requirement: String, severity: Severity = .required, tags: [String] = [], inputs: [String] = [],
        requirements: [String] = []
    ) {
        self.id = id
        self.title = title
        self.requirement = requirement
        self.severity = severity
        self.tags = tags
        self.inputs = inputs
        self.requirements = requirements
    }

    enum CodingKeys: String, CodingKey { case id, title, requirement, severity, tags, inputs, requirements }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title),
            requirement: try c.decode(String.self, forKey: .requirement), severity: try c.decode(Severity.self, forKey: .severity),
            tags: try c.decode([String].self, forKey: .tags), inputs: try c.decode([String].self, forKey: .inputs),
            // Results recorded before checks named their requirements have none.
            requirements: try c.decodeIfPresent([String].self, forKey: .requirements) ?? [])
    }
}

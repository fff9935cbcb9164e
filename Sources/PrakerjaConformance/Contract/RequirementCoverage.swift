/// Which checks judge, and which defect switches of the reference partner break, each
/// requirement of a contract's table; and what is missing: a requirement no check judges or no
/// defect breaks, a check that names no requirement, an id no table states.
///
/// The TLS checks judge the deployment, not the contract (`TLSChecks`), and name no requirement.
public struct RequirementCoverage: Sendable {
    public struct Row: Sendable {
        public let requirement: RequirementTable.Requirement
        /// Check ids that name it.
        public let checks: [String]
        /// Defect switches that break it.
        public let defects: [String]
    }

    public let table: RequirementTable
    public let rows: [Row]
    /// Every gap, one line each; empty when every requirement is judged and broken.
    public let gaps: [String]

    /// The checks that judge `role`'s table (`Specs/requirements/<role>.yaml`): its suite's, and
    /// for the integration API the client suite's; nil for a role with no table.
    public static func checks(judging role: String) -> [CheckDefinition]? {
        if role == "integration-api" { return ClientIntegrationSuite.definitions }
        guard let partnerRole = PartnerRole(rawValue: role), let suite = ConformanceRun.suites(for: partnerRole).first else { return nil }
        return suite.groups.flatMap(\.checks).map(\.definition)
    }

    /// - Parameters:
    ///   - checks: the checks that judge the contract (TLS checks are left out).
    ///   - defects: each defect switch of the role's reference partner (or client) and the requirements it breaks.
    public init(table: RequirementTable, checks: [CheckDefinition], defects: [(name: String, requirements: [String])]) {
        let checks = checks.filter { !$0.tags.contains("tls") }
        let known = Set(table.requirements.map(\.id))
        var gaps: [String] = []
        for check in checks {
            if check.requirements.isEmpty { gaps.append("\(check.id) names no requirement") }
            for id in check.requirements where !known.contains(id) { gaps.append("\(check.id) names \(id), which the table does not state") }
        }
        for defect in defects {
            if defect.requirements.isEmpty { gaps.append("the defect \(defect.name) breaks no requirement") }
            for id in defect.requirements where !known.contains(id) {
                gaps.append("the defect \(defect.name) breaks \(id), which the table does not state")
            }
        }
        rows = table.requirements.map { requirement in
            Row(
                requirement: requirement, checks: checks.filter { $0.requirements.contains(requirement.id) }.map(\.id),
                defects: defects.filter { $0.requirements.contains(requirement.id) }.map(\.name))
        }
        for row in rows {
            if row.checks.isEmpty { gaps.append("\(row.requirement.id) is judged by no check") }
            if row.defects.isEmpty { gaps.append("\(row.requirement.id) is broken by no defect switch") }
        }
        self.table = table
        self.gaps = gaps
    }

    /// The coverage as a Markdown table, then its gaps.
    public var markdown: String {
        var lines = [
            "Requirements of Specs/\(table.contract) (Specs/requirements/\(table.role).yaml)", "",
            "| Requirement | Demands | Source | Checks | Defect switches |", "|---|---|---|---|---|",
        ]
        for row in rows {
            let cells = [
                "`\(row.requirement.id)` \(row.requirement.statement)", row.requirement.demands ?? "", row.requirement.source.rawValue,
                row.checks.map { "`\($0)`" }.joined(separator: ", "), row.defects.map { "`\($0)`" }.joined(separator: ", "),
            ]
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(
            gaps.isEmpty
                ? "\(rows.count) requirements, each judged by a check and broken by a defect switch."
                : "\(gaps.count) gaps:\n" + gaps.map { "- \($0)" }.joined(separator: "\n"))
        return lines.joined(separator: "\n")
    }
}

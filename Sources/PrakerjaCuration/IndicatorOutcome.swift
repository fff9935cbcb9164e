import PrakerjaConformance

/// What an indicator's implementation concludes about one course: for an automated indicator, the
/// verdict; for an assisted one, the verdict the machine proposes (a person confirms it); `nil`
/// when the machine has no evidence to propose anything.
public struct IndicatorOutcome: Sendable {
    public let verdict: Verdict?
    public let message: String
    public let findings: [Finding]

    public init(_ verdict: Verdict?, _ message: String, findings: [Finding] = []) {
        self.verdict = verdict
        self.message = message
        self.findings = findings
    }

    public static func pass(_ message: String, findings: [Finding] = []) -> IndicatorOutcome { .init(.pass, message, findings: findings) }
    public static func fail(_ message: String, findings: [Finding] = []) -> IndicatorOutcome { .init(.fail, message, findings: findings) }
    public static func notApplicable(_ message: String) -> IndicatorOutcome { .init(.notApplicable, message) }
    /// No evidence to decide on: a person must.
    public static func undecided(_ message: String, findings: [Finding] = []) -> IndicatorOutcome { .init(nil, message, findings: findings) }

    /// Pass when there are no findings, else fail with them.
    public static func judge(_ findings: [Finding], pass: String, fail: String) -> IndicatorOutcome {
        findings.isEmpty ? .pass(pass) : .fail(fail, findings: findings)
    }

    /// Pass or fail on `condition`, the one finding naming expected and actual.
    public static func expect(
        _ condition: Bool, _ pass: String, fail: String, at location: String, expected: String, actual: String
    ) -> IndicatorOutcome {
        condition ? .pass(pass) : .fail(fail, findings: [Finding(fail, location: location, expected: expected, actual: actual)])
    }
}

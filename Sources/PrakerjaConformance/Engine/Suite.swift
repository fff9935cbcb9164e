/// A suite of checks for one role, in groups. Suites are plain values: a role's suite is built
/// from its contract and the partner's config, and the runner executes it.
public struct Suite: Sendable {
    public let id: String
    public let title: String
    public let groups: [CheckGroup]

    public init(id: String, title: String, groups: [CheckGroup]) {
        self.id = id
        self.title = title
        self.groups = groups
    }

    /// Every check, in order.
    public var checks: [Check] { groups.flatMap(\.checks) }
}

/// Checks about one concern (spec, security, idempotency...).
public struct CheckGroup: Sendable {
    public let id: String
    public let title: String
    public let checks: [Check]

    public init(id: String, title: String, checks: [Check]) {
        self.id = id
        self.title = title
        self.checks = checks
    }
}

/// One check: its definition and what it does. The body returns its outcome; it throws only when
/// it could not reach a verdict, and the runner classifies the error (`CheckError`).
public struct Check: Sendable {
    public let definition: CheckDefinition
    /// Whether the check judges what the whole run saw: it runs once every other selected check
    /// has finished, and reads the answers they got (`CheckContext.seen`,
    /// `Contract.problemsWithAnswersSeen(in:)`).
    public let judgesTheRun: Bool
    public let body: @Sendable (CheckContext) async throws -> CheckOutcome

    public init(
        _ definition: CheckDefinition, judgesTheRun: Bool = false, _ body: @escaping @Sendable (CheckContext) async throws -> CheckOutcome
    ) {
        self.definition = definition
        self.judgesTheRun = judgesTheRun
        self.body = body
    }
}

/// What a check body concluded, before the runner adds timing and the exchanges.
public struct CheckOutcome: Sendable {
    public var verdict: Verdict
    public var message: String
    public var findings: [Finding]

    public init(_ verdict: Verdict, _ message: String, findings: [Finding] = []) {
        self.verdict = verdict
        self.message = message
        self.findings = findings
    }

    public static func pass(_ message: String, findings: [Finding] = []) -> CheckOutcome { CheckOutcome(.pass, message, findings: findings) }

    /// The partner broke the rule: `findings` say where and how.
    public static func fail(_ message: String, findings: [Finding] = []) -> CheckOutcome { CheckOutcome(.fail, message, findings: findings) }

    public static func warn(_ message: String, findings: [Finding] = []) -> CheckOutcome { CheckOutcome(.warn, message, findings: findings) }

    public static func notApplicable(_ message: String) -> CheckOutcome { CheckOutcome(.notApplicable, message) }

    /// Fails with every finding when there are any, passes with `passMessage` otherwise.
    public static func judge(_ findings: [Finding], pass passMessage: String, fail failMessage: (Int) -> String) -> CheckOutcome {
        findings.isEmpty ? .pass(passMessage) : .fail(failMessage(findings.count), findings: findings)
    }
}

/// Why a check body could not reach a verdict, thrown from inside it.
public enum CheckError: Error, Sendable, CustomStringConvertible {
    /// The partner did something that makes the check's rule moot (a refusal of a valid call, a
    /// response that is not the contract's form): the partner's fault, a `fail`.
    case partner(String)
    /// A network fault or timeout: an `error`, not the partner's failure.
    case transient(String)
    /// The kit itself is wrong or misconfigured: an `error`.
    case kit(String)

    public var description: String {
        switch self {
        case .partner(let message), .transient(let message), .kit(let message): message
        }
    }
}

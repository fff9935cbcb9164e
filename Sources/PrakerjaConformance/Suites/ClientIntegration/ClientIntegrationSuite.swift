import Foundation
import PrakerjaClient
import PrakerjaModels

/// The client-integration suite: judges a partner's client of the program's integration API from
/// the sandbox's record of its calls (`prakerja conformance client`). Calls the program accepts,
/// in the documented form (what the program only tolerates is a warning with its fix); every call
/// validly signed with a fresh timestamp; an accepted status check before each commit and one
/// commit per attendance; the sequences in order and the post-test after the sessions; retries
/// with backoff. Only accepted calls count as having done something: a refused status check is
/// no status check, and an accepted reset starts a code's history afresh.
public enum ClientIntegrationSuite {
    static let contract = "Specs/prakerja-integration.openapi.yaml"
    /// The integration API's contract, from the repository root.
    public static let contractPath = contract
    /// The role its runs name: the partner judged is a client of the program's API.
    public static let role = "integration-client"
    static let status = "payment/redeem-code/status", commit = "payment/redeem-code/commit", reset = "payment/redeem-code/reset"
    static let attendanceURL = "oauth/url-generate"
    /// The program's refusals of a sequence asked for before the sessions it follows.
    static let outOfOrderRefusals: Set<String> = [
        ProgramErrorCode.sequenceOutOfOrder.code, ProgramErrorCode.postTestTooEarly.code, ProgramErrorCode.notRedeemed.code,
    ]

    /// A rule over the client's calls, in order: its judgement.
    struct Rule: Sendable {
        let definition: CheckDefinition
        let judge: @Sendable ([SandboxLogEntry]) -> Judgement
    }

    /// What a rule concluded: a verdict, its message, and the calls behind it.
    struct Judgement: Sendable {
        let verdict: Verdict
        let message: String
        var findings: [Finding] = []

        /// Passes with `message` when there are no findings, otherwise fails (or warns) naming how many calls.
        static func judged(_ findings: [Finding], pass message: String, otherwise verdict: Verdict = .fail) -> Judgement {
            findings.isEmpty
                ? Judgement(verdict: .pass, message: message)
                : Judgement(verdict: verdict, message: "\(findings.count) calls break the rule", findings: findings)
        }

        static func notApplicable(_ reason: String) -> Judgement { Judgement(verdict: .notApplicable, message: reason) }
    }

    static func define(
        _ id: String, _ title: String, clause: String, severity: Severity = .required, tags: [String], requirements: [String]
    ) -> CheckDefinition {
        CheckDefinition(
            id: "client.\(id)", title: title,
            requirement: "\(contract), Specs/requirements/integration-api.yaml \(requirements.joined(separator: ", ")): \(clause)",
            severity: severity,
            tags: tags, requirements: requirements)
    }

    /// Every check of the suite, in order; each names the requirements of
    /// `Specs/requirements/integration-api.yaml` it judges.
    public static var definitions: [CheckDefinition] { rules.map(\.definition) }

    static func finding(_ call: SandboxLogEntry, _ message: String, expected: String? = nil, actual: String? = nil) -> Finding {
        Finding(message, location: "log entry \(call.id): \(call.method) \(call.path) at \(call.time)", expected: expected, actual: actual)
    }

    /// The redeem-code calls of one code (status, attendance link, commit, reset), in order, with
    /// the sequence each is about: a status or attendance call's own (a status call without one:
    /// the one the program answered for), a commit's that of the accepted status check before it.
    /// An accepted reset starts the code over.
    static func redeemCalls(_ calls: [SandboxLogEntry]) -> [String: [(call: SandboxLogEntry, sequence: String?)]] {
        var byCode: [String: [(SandboxLogEntry, String?)]] = [:]
        var lastStatus: [String: String] = [:]
        for call in calls where [status, commit, reset, attendanceURL].contains(call.operation) {
            guard let code = call.field("redeem_code") else { continue }
            switch call.operation {
            case status where call.accepted: lastStatus[code] = call.sequence
            case reset where call.accepted: lastStatus[code] = nil
            default: break
            }
            byCode[code, default: []].append((call, call.operation == commit ? lastStatus[code] : call.sequence))
        }
        return byCode
    }

    /// How long apart two identical failing calls may be and still be retries of each other.
    static let retryWindow: TimeInterval = 30
    /// The least pause between two retries, and the most retries in a burst.
    static let minimumBackoff: TimeInterval = 0.5, maximumRetries = 3

    static let rules: [Rule] = [
        Rule(
            definition: define(
                "calls.accepted", "The program accepts the client's calls",
                clause: "a client the program refuses every time is not integrated", tags: ["calls"], requirements: ["API-CALL-01"])
        ) { calls in
            let posted = calls.filter { $0.method == "POST" }
            let accepted = posted.filter(\.accepted)
            guard accepted.isEmpty else { return Judgement(verdict: .pass, message: "\(accepted.count) of \(posted.count) calls accepted") }
            let refusals = posted.prefix(10).map { finding($0, "refused", expected: "success", actual: "HTTP \($0.status) \($0.outcome)") }
            return Judgement(verdict: .fail, message: "none of \(posted.count) calls was accepted", findings: refusals)
        },
        Rule(
            definition: define(
                "calls.documented-form", "Every call in the documented form, nothing left to the program's leniency",
                clause: "send exactly the bytes you sign, timestamps rounded down, status with its sequence", severity: .recommended,
                tags: ["calls"], requirements: ["API-FORM-01", "API-FORM-02", "API-FORM-03"])
        ) { calls in
            let tolerated = calls.flatMap { call in
                call.tolerated.map { finding(call, "accepted, but tolerated: \($0.detail)", expected: $0.fix, actual: $0.code) }
            }
            return .judged(tolerated, pass: "nothing tolerated", otherwise: .warn)
        },
        Rule(
            definition: define(
                "signatures.all-valid", "Every call is validly signed with a fresh timestamp",
                clause: "client_code, timestamp, signature over the exact bytes", tags: ["security"],
                requirements: ["API-SIGN-01", "API-SIGN-02", "API-SIGN-03"])
        ) { calls in
            let signed = calls.filter { $0.method == "POST" }
            let bad = signed.filter { $0.signature != "valid" }
            return .judged(
                bad.map { finding($0, "a call the program would refuse", expected: "valid", actual: $0.signature) },
                pass: "\(signed.count) calls, all validly signed")
        },
        Rule(
            definition: define(
                "redeem.status-before-commit", "Each commit follows an accepted status check of its code",
                clause: "redeem code: check the status, then commit", tags: ["redeem"], requirements: ["API-RDM-01"])
        ) { calls in
            var findings: [Finding] = []
            var commits = 0
            for (code, sequence) in redeemCalls(calls) {
                var checked = false, refusedCommit = false
                for (call, _) in sequence {
                    switch call.operation {
                    case status: (checked, refusedCommit) = (call.accepted, false)
                    case attendanceURL: break
                    case commit:
                        commits += 1
                        if !checked {
                            // A refused commit uses up the check too: what refused it (attendance, say) may have changed since.
                            let what =
                                refusedCommit
                                ? "a commit of \(code) again after a refused one, without checking the status since"
                                : "a commit of \(code) without an accepted status check before it"
                            findings.append(finding(call, what, expected: "status (accepted), then commit"))
                        }
                        (checked, refusedCommit) = (false, !call.accepted)
                    default: (checked, refusedCommit) = (false, false)
                    }
                }
            }
            guard commits > 0 else { return .notApplicable("the log has no commit") }
            return .judged(findings, pass: "\(commits) commits, each after an accepted status check")
        },
        Rule(
            definition: define(
                "redeem.single-commit", "One successful commit per attendance, no commit after it",
                clause: "redeem code: committed once per sequence", tags: ["redeem"], requirements: ["API-RDM-02"])
        ) { calls in
            var findings: [Finding] = []
            var commits = 0
            for (code, sequence) in redeemCalls(calls) {
                var committed: Set<String> = []
                for (call, attendance) in sequence {
                    if call.operation == reset, call.accepted { committed = [] }
                    guard call.operation == commit else { continue }
                    commits += 1
                    let key = attendance ?? "?"
                    if committed.contains(key) {
                        findings.append(
                            finding(
                                call, "\(code), sequence \(key), committed again", expected: "one commit", actual: "another commit (\(call.outcome))")
                        )
                    } else if call.accepted {
                        committed.insert(key)
                    }
                }
            }
            guard commits > 0 else { return .notApplicable("the log has no commit") }
            return .judged(findings, pass: "no attendance committed twice")
        },
        Rule(
            definition: define(
                "redeem.sequences-in-order", "Attendance is asked for in order, the post-test (999) after the sessions",
                clause: "attendance sequences 1-10 in order, post-test 999 after the sessions", tags: ["redeem"], requirements: ["API-RDM-03"])
        ) { calls in
            // Blame counts attempts: a call the program refused because its sequence came too
            // early was still the client asking out of order (credit, above, counts only accepted calls).
            var findings: [Finding] = []
            var asked = 0
            for (code, sequence) in redeemCalls(calls) {
                var last = 0
                for (call, attendance) in sequence {
                    if call.operation == reset, call.accepted {
                        last = 0
                        continue
                    }
                    if call.operation == status || call.operation == attendanceURL { asked += 1 }
                    if outOfOrderRefusals.contains(call.outcome) {
                        findings.append(
                            finding(
                                call, "\(code): sequence \(call.field("sequence") ?? "?") asked for too early",
                                expected: "the sessions before it verified",
                                actual: call.outcome))
                        continue
                    }
                    guard call.operation == commit, call.accepted, let text = attendance, let number = Int(text) else { continue }
                    asked += 1
                    if number <= last {
                        findings.append(
                            finding(
                                call,
                                number == 999 || last == 999
                                    ? "\(code): a session committed after the post-test" : "\(code): sequence \(number) committed after \(last)",
                                expected: "after \(last)", actual: String(number)))
                    }
                    last = max(last, number)
                }
            }
            guard asked > 0 else { return .notApplicable("the log has no status, attendance or commit call") }
            return .judged(findings, pass: "every code's sequences asked for in order")
        },
        Rule(
            definition: define(
                "retries.not-hammering", "After an error the same call is retried with backoff, at most \(maximumRetries) times",
                clause: "retries with backoff (at least 0.5 s apart), at most 3 in a burst", tags: ["retries"], requirements: ["API-RETRY-01"])
        ) { calls in
            // A burst: the same failing call (path and body) repeated, each within `retryWindow`
            // of the one before, with no call of the client about the same code accepted in
            // between (an accepted reset or status starts the client over).
            var findings: [Finding] = []
            var bursts: [String: (retries: Int, last: Date)] = [:]
            for call in calls where call.method == "POST" {
                let key = call.path + " " + call.requestBody
                if call.accepted {
                    if let code = call.field("redeem_code") { bursts = bursts.filter { !$0.key.contains(code) } } else { bursts[key] = nil }
                    continue
                }
                guard let now = call.date else { continue }
                guard let burst = bursts[key], now.timeIntervalSince(burst.last) < retryWindow else {
                    bursts[key] = (0, now)
                    continue
                }
                let retries = burst.retries + 1
                let pause = now.timeIntervalSince(burst.last)
                if pause < minimumBackoff {
                    findings.append(
                        finding(
                            call, "the same failing call repeated without backoff", expected: "at least \(minimumBackoff) s later",
                            actual: String(format: "%.0f ms later", pause * 1000)))
                } else if retries > maximumRetries {
                    findings.append(
                        finding(
                            call, "the same failing call retried \(retries) times", expected: "at most \(maximumRetries) retries",
                            actual: "retry \(retries), \(String(format: "%.1f", pause)) s after the last"))
                }
                bursts[key] = (retries, now)
            }
            return .judged(findings, pass: "no failing call repeated in a loop")
        },
    ]

    /// Judges `calls` (the whole log; only `clientCode`'s calls count) and returns the run.
    package static func run(
        _ calls: [SandboxLogEntry], clientCode: String, source: String, contractSHA256: String,
        selection: Selection = Selection(), now: Date = Date()
    ) -> RunResult {
        let mine = calls.filter { $0.clientCode == clientCode }.sorted { $0.id < $1.id }
        let results = rules.map { rule -> CheckResult in
            if let reason = selection.exclusion(of: rule.definition) {
                return CheckResult(
                    check: rule.definition, verdict: .skipped, fault: nil, message: reason, evidence: Evidence(), startedAt: now, milliseconds: 0)
            }
            guard !mine.isEmpty else {
                return CheckResult(
                    check: rule.definition, verdict: .notApplicable, fault: nil, message: "the log has no call from \(clientCode)",
                    evidence: Evidence(), startedAt: now, milliseconds: 0)
            }
            let started = ContinuousClock.now
            let judgement = rule.judge(mine)
            return CheckResult(
                check: rule.definition, verdict: judgement.verdict, fault: judgement.verdict == .fail ? .partner : nil,
                message: judgement.message, evidence: Evidence(findings: judgement.findings),
                startedAt: now, milliseconds: (ContinuousClock.now - started).milliseconds)
        }
        let groups = Dictionary(grouping: results) { $0.check.id.split(separator: ".")[1] }
        let order = ["calls", "signatures", "redeem", "retries"]
        let groupResults = order.compactMap { name -> GroupResult? in
            guard let checks = groups[Substring(name)] else { return nil }
            return GroupResult(id: "client.\(name)", title: name.capitalized, verdict: Verdict.rollUp(checks.map(\.verdict)), checks: checks)
        }
        let suite = SuiteResult(
            id: "client", title: "Client integration (from the sandbox log)", verdict: Verdict.rollUp(groupResults.map(\.verdict)),
            groups: groupResults)
        return RunResult(
            runID: ConformanceRun.runID(now), kitVersion: ConformanceRun.kitVersion, startedAt: now, finishedAt: Date(),
            target: .init(name: "Client \(clientCode)", role: Self.role, baseURL: source),
            contracts: [.init(path: contract, sha256: contractSHA256)], selection: selection.description, suites: [suite])
    }
}

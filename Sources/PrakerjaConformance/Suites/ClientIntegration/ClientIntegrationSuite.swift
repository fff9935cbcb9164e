import Foundation
import PrakerjaClient
import PrakerjaModels

/// The client-integration suite: judges a partner's client of the program's integration API from
/// the sandbox's record of its calls (`prakerja conformance client`). Every call validly signed
/// with a fresh timestamp; a status check before each commit and one commit per attendance; the
/// sequences in order and the post-test after the sessions; no hammering after errors.
public enum ClientIntegrationSuite {
    static let contract = "Specs/prakerja-integration.openapi.yaml"
    /// The integration API's contract, from the repository root.
    public static let contractPath = contract
    /// The role its runs name: the partner judged is a client of the program's API.
    public static let role = "integration-client"
    static let status = "payment/redeem-code/status", commit = "payment/redeem-code/commit", reset = "payment/redeem-code/reset"

    /// A rule over the client's calls, in order: its findings.
    struct Rule: Sendable {
        let definition: CheckDefinition
        let judge: @Sendable ([SandboxLogEntry]) -> (pass: String, findings: [Finding])
    }

    static func define(_ id: String, _ title: String, clause: String, tags: [String]) -> CheckDefinition {
        CheckDefinition(id: "client.\(id)", title: title, requirement: "\(contract) and DOMAIN.md section 3: \(clause)", tags: tags)
    }

    static func finding(_ call: SandboxLogEntry, _ message: String, expected: String? = nil, actual: String? = nil) -> Finding {
        Finding(message, location: "log entry \(call.id): \(call.method) \(call.path) at \(call.time)", expected: expected, actual: actual)
    }

    /// The redeem-code calls of one code, in order, with the sequence each commit is for (the
    /// sequence of the status check before it), reset calls starting the code over.
    static func redeemCalls(_ calls: [SandboxLogEntry]) -> [String: [(call: SandboxLogEntry, sequence: String?)]] {
        var byCode: [String: [(SandboxLogEntry, String?)]] = [:]
        var lastStatus: [String: String] = [:]
        for call in calls where [status, commit, reset].contains(call.operation) {
            guard let code = call.field("redeem_code") else { continue }
            switch call.operation {
            case status: lastStatus[code] = call.field("sequence")
            case reset: lastStatus[code] = nil
            default: break
            }
            byCode[code, default: []].append((call, call.operation == commit ? lastStatus[code] : call.field("sequence")))
        }
        return byCode
    }

    static let rules: [Rule] = [
        Rule(
            definition: define(
                "signatures.all-valid", "Every call is validly signed with a fresh timestamp",
                clause: "client_code, timestamp, signature over the exact bytes", tags: ["security"])
        ) { calls in
            let signed = calls.filter { $0.method == "POST" }
            let bad = signed.filter { $0.signature != "valid" }
            return (
                "\(signed.count) calls, all validly signed",
                bad.map { finding($0, "a call the program would refuse", expected: "valid", actual: $0.signature) }
            )
        },
        Rule(
            definition: define(
                "redeem.status-before-commit", "Each commit follows a status check of its code",
                clause: "redeem code: check the status, then commit", tags: ["redeem"])
        ) { calls in
            var findings: [Finding] = []
            var commits = 0
            for (code, sequence) in redeemCalls(calls) {
                var checked = false
                for (call, _) in sequence {
                    switch call.operation {
                    case status: checked = true
                    case commit:
                        commits += 1
                        if !checked {
                            findings.append(finding(call, "a commit of \(code) without a status check before it", expected: "status, then commit"))
                        }
                        checked = false
                    default: checked = false
                    }
                }
            }
            return ("\(commits) commits, each after a status check", findings)
        },
        Rule(
            definition: define(
                "redeem.single-commit", "One successful commit per attendance, no commit after it",
                clause: "redeem code: committed once per sequence", tags: ["redeem"])
        ) { calls in
            var findings: [Finding] = []
            for (code, sequence) in redeemCalls(calls) {
                var committed: Set<String> = []
                for (call, attendance) in sequence where call.operation == commit {
                    let key = attendance ?? "?"
                    if committed.contains(key) {
                        findings.append(
                            finding(
                                call, "\(code), sequence \(key), committed again", expected: "one commit", actual: "another commit (\(call.outcome))")
                        )
                    } else if call.outcome == "success" {
                        committed.insert(key)
                    }
                }
            }
            return ("no attendance committed twice", findings)
        },
        Rule(
            definition: define(
                "redeem.sequences-in-order", "Attendance sequences are committed in order, the post-test (999) after the sessions",
                clause: "attendance sequences 1-10 in order, post-test 999 after the sessions", tags: ["redeem"])
        ) { calls in
            var findings: [Finding] = []
            for (code, sequence) in redeemCalls(calls) {
                var last = 0
                for (call, attendance) in sequence {
                    if call.operation == reset {
                        last = 0
                        continue
                    }
                    guard call.operation == commit, call.outcome == "success", let text = attendance, let number = Int(text) else { continue }
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
            return ("every code's sequences committed in order", findings)
        },
        Rule(
            definition: define(
                "retries.not-hammering", "After an error the same call is not repeated in a tight loop",
                clause: "retries with backoff, at most 3", tags: ["retries"])
        ) { calls in
            var findings: [Finding] = []
            var streak: [String: (count: Int, last: Date?)] = [:]
            for call in calls where call.method == "POST" {
                let key = call.path + " " + call.requestBody
                guard call.outcome != "success" else {
                    streak[key] = nil
                    continue
                }
                var entry = streak[key] ?? (0, nil)
                entry.count += 1
                if let previous = entry.last, let now = call.date, now.timeIntervalSince(previous) < 0.5, entry.count > 1 {
                    findings.append(
                        finding(
                            call, "the same failing call repeated within 0.5 s", expected: "a backoff of at least 0.5 s",
                            actual: String(format: "%.0f ms later", now.timeIntervalSince(previous) * 1000)))
                } else if entry.count > 4 {
                    findings.append(
                        finding(
                            call, "the same failing call sent \(entry.count) times", expected: "at most 3 retries",
                            actual: "\(entry.count - 1) retries"))
                }
                entry.last = call.date
                streak[key] = entry
            }
            return ("no failing call repeated in a loop", findings)
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
            let (pass, findings) = rule.judge(mine)
            return CheckResult(
                check: rule.definition, verdict: findings.isEmpty ? .pass : .fail, fault: findings.isEmpty ? nil : .partner,
                message: findings.isEmpty ? pass : "\(findings.count) calls break the rule", evidence: Evidence(findings: findings),
                startedAt: now, milliseconds: (ContinuousClock.now - started).milliseconds)
        }
        let groups = Dictionary(grouping: results) { $0.check.id.split(separator: ".")[1] }
        let order = ["signatures", "redeem", "retries"]
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

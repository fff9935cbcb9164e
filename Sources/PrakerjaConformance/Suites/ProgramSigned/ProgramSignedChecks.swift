import Foundation
import PrakerjaModels
import PrakerjaPartners

/// The groups every program-signed role shares: the contract's schemas and error form, the
/// scheme's security rules, negative data for the role's request bodies, and latency. Each role
/// supplies its contract's name, a cheap read to probe with, and a tour of its operations.
struct ProgramSignedChecks: Sendable {
    /// The role's check-id prefix (`job-portal`) and contract file.
    let prefix: String
    let contract: String
    /// The id prefix of the role's requirements (`JOB`, `Specs/requirements/job-portal.yaml`).
    let requirementPrefix: String
    /// A cheap signed read: the operation and its target.
    let probe: (operation: String, target: String)
    /// The n-th read for latency samples: distinct targets, so no two are the same signed request.
    let latencyTarget: @Sendable (Int) -> String
    /// One call of every operation, successes and refusals, for the spec checks.
    let tour: @Sendable (ProgramSignedProbe) async throws -> [ProbeAnswer]
    /// Valid bodies for the operations that take one, for negative data.
    let bodies: @Sendable (ProgramSignedProbe) async throws -> [(operation: String, target: String, body: JSONValue)]
    /// Reads with query parameters the contract forbids (out of range, wrong type, unknown value).
    let badQueries: [(operation: String, target: String)]
    /// Config inputs the tour and the bodies need.
    let inputs: [String]

    /// A definition in the role's suite, judging the requirements `requirements` (their ids
    /// without the role's prefix: `AUTH-01` is `JOB-AUTH-01` for the job portal).
    func define(
        _ id: String, _ title: String, requirements: [String], severity: Severity = .required, tags: [String], inputs: [String] = []
    ) -> CheckDefinition {
        let ids = requirements.map { "\(requirementPrefix)-\($0)" }
        return CheckDefinition(
            id: "\(prefix).\(id)", title: title, requirement: "\(contract): \(ids.joined(separator: ", "))", severity: severity, tags: tags,
            inputs: inputs, requirements: ids)
    }

    var specGroup: CheckGroup {
        let tour = tour
        return CheckGroup(
            id: "\(prefix).spec", title: "Spec conformance",
            checks: [
                Check(
                    define(
                        "spec.response-schema", "Every response matches the contract's schema for its status", requirements: ["SPEC-01"],
                        tags: ["spec"], inputs: inputs)
                ) { context in
                    return try await tour(try ProgramSignedProbe(context)).judgedAgainstSchemas(of: context.contract)
                },
                Check(
                    define(
                        "spec.unknown-parameter-refused", "An unknown query parameter is refused with 400 invalid_parameter naming it",
                        requirements: ["SPEC-02"], tags: ["spec", "negative"])
                ) { [probe] context in
                    let signed = try ProgramSignedProbe(context)
                    let target = probe.target + (probe.target.contains("?") ? "&" : "?") + "colour=blue"
                    let answer = try await signed.call(probe.operation, target)
                    var findings = context.contract.problems(with: answer.response, of: answer.operation, exchange: answer.exchange)
                    let error = answer.json?["error"]
                    let code = answer.roleErrorCode ?? "no error code"
                    let named = [error?["field"], error?["message"]].contains {
                        if case .string(let text)? = $0 { text.contains("colour") } else { false }
                    }
                    if answer.status != 400 {
                        findings.append(answer.finding("an unknown parameter was not refused", expected: "HTTP 400", actual: "HTTP \(answer.status)"))
                    } else if code != "invalid_parameter" {
                        findings.append(answer.finding("refused, but not as an invalid parameter", expected: "invalid_parameter", actual: code))
                    } else if !named {
                        findings.append(
                            answer.finding(
                                "refused without naming the parameter", expected: "field or message naming colour",
                                actual: error.map(\.serialized) ?? "no error object"))
                    }
                    return .judge(findings, pass: "refused with 400 invalid_parameter naming colour") { _ in
                        "an unknown parameter was not refused as the contract says"
                    }
                },
            ])
    }

    /// Every group, in report order, with the role's own groups after spec and security.
    func groups(_ roleGroups: [CheckGroup]) -> [CheckGroup] {
        [specGroup, securityGroup, TLSChecks.group(prefix: prefix)] + roleGroups + [negativeGroup, latencyGroup]
    }

    var securityGroup: CheckGroup {
        let probe = probe
        /// A finding unless `answer` is 401 with the error `code`.
        @Sendable func refusal(_ answer: ProbeAnswer, _ what: String, code: String) -> Finding? {
            let got = answer.roleErrorCode ?? "no error code"
            guard answer.status != 401 || got != code else { return nil }
            return answer.finding(
                "\(what) was answered HTTP \(answer.status), \(got)", expected: "HTTP 401, \(code)", actual: "HTTP \(answer.status), \(got)")
        }
        @Sendable func refused(
            _ context: CheckContext, _ what: String, code: String, _ tamperings: [ProgramSignedProbe.Tampering]
        ) async throws -> CheckOutcome {
            let signed = try ProgramSignedProbe(context)
            var findings: [Finding] = []
            for tampering in tamperings {
                let answer = try await signed.call(probe.operation, probe.target, tampering: tampering)
                if let finding = refusal(answer, what, code: code) { findings.append(finding) }
            }
            return .judge(findings, pass: "\(what) was refused with HTTP 401, \(code)") { _ in findings.summary }
        }
        return CheckGroup(
            id: "\(prefix).security", title: "Security",
            checks: [
                Check(
                    define(
                        "security.unauthenticated-refused", "A call without the program's signature headers is refused",
                        requirements: ["AUTH-01"], tags: ["security"])
                ) { context in
                    try await refused(
                        context, "a call without client_code, timestamp and signature", code: "unauthenticated", [.init(unauthenticated: true)])
                },
                Check(
                    define(
                        "security.bad-signature-refused", "A call with a forged signature is refused", requirements: ["AUTH-02"],
                        tags: ["security"])
                ) { context in
                    try await refused(
                        context, "a call with a forged signature", code: "invalid_signature", [.init(signature: String(repeating: "0f", count: 20))])
                },
                Check(
                    define(
                        "security.stale-timestamp-refused", "A call correctly signed just over 300 s ago, or 10 minutes ago, is refused",
                        requirements: ["AUTH-03"],
                        tags: ["security"])
                ) { context in
                    try await refused(
                        context, "a call correctly signed 310 s or 600 s ago", code: "stale_timestamp",
                        [.init(timestamp: Date().addingTimeInterval(-310)), .init(timestamp: Date().addingTimeInterval(-600))])
                },
                Check(
                    define(
                        "security.replayed-request-refused", "The same signed call sent twice is refused the second time",
                        requirements: ["AUTH-04"], tags: ["security"])
                ) { context in
                    let signed = try ProgramSignedProbe(context)
                    let operation = try signed.operation(probe.operation)
                    // Signed by the run's signer, so no other check's request is this signature by chance.
                    let headers = await signed.signer.headers(method: operation.method, path: probe.target, body: []).fields
                    let first = try await signed.send(operation, probe.target, headers: headers, body: [])
                    guard (200..<300).contains(first.status) else {
                        throw CheckError.partner("the first, valid call was refused: HTTP \(first.status)")
                    }
                    let replay = try await signed.send(operation, probe.target, headers: headers, body: [])
                    guard let finding = refusal(replay, "the replay", code: "replayed") else {
                        return .pass("the replay was refused with HTTP 401, replayed")
                    }
                    return .fail(finding.message, findings: [finding])
                },
            ])
    }

    var negativeGroup: CheckGroup {
        let bodies = bodies, badQueries = badQueries
        return CheckGroup(
            id: "\(prefix).negative", title: "Negative data",
            checks: [
                Check(
                    define(
                        "negative.invalid-payloads-refused", "Query parameters and bodies that break the contract get 4xx, never 2xx or 5xx",
                        requirements: ["SPEC-03"], tags: ["negative", "spec"], inputs: inputs)
                ) { context in
                    let signed = try ProgramSignedProbe(context)
                    var findings: [Finding] = []
                    var queries = 0, sent = 0
                    for (operationID, target) in badQueries {
                        let answer = try await signed.call(operationID, target)
                        queries += 1
                        if !(400..<500).contains(answer.status) {
                            findings.append(
                                answer.finding(
                                    "a forbidden query was not refused", location: target, expected: "HTTP 4xx", actual: "HTTP \(answer.status)"))
                        }
                    }
                    for (operationID, target, valid) in try await bodies(signed) {
                        for payload in context.contract.negativePayloads(for: try signed.operation(operationID), from: valid, limit: 80) {
                            let answer = try await signed.call(operationID, target, body: Array(payload.body.serialized.utf8))
                            sent += 1
                            guard !(400..<500).contains(answer.status) else { continue }
                            findings.append(
                                answer.finding(
                                    answer.status >= 500 ? "an invalid body made the partner fail" : "an invalid body was accepted",
                                    location: "\(operationID): \(payload.description)", expected: "HTTP 4xx", actual: "HTTP \(answer.status)"))
                        }
                    }
                    guard queries + sent > 0 else { return .notApplicable("the contract has no parameters or request bodies to break") }
                    let tried = [(queries, "forbidden queries"), (sent, "invalid bodies")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
                        .joined(separator: " and ")
                    return .judge(findings, pass: "\(tried), each refused with 4xx") { "\($0) of \(tried) not refused" }
                }
            ])
    }

    var latencyGroup: CheckGroup {
        let probe = probe, latencyTarget = latencyTarget
        return CheckGroup(
            id: "\(prefix).latency", title: "Latency",
            checks: [
                Check(
                    define(
                        "latency.objective", "Reads meet the latency objective (p50 and p95)", requirements: ["PERF-01"],
                        severity: .recommended, tags: ["latency"])
                ) { context in
                    let signed = try ProgramSignedProbe(context)
                    var samples: [String: [Double]] = [:]
                    for sample in 0..<context.config.latency.samples {
                        let answer = try await signed.call(probe.operation, latencyTarget(sample))
                        samples[probe.operation, default: []].append(context.exchanges[answer.exchange].milliseconds)
                    }
                    return Latency.judge(samples, objective: context.config.latency)
                }
            ])
    }
}

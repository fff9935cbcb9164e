import Foundation
import PrakerjaModels

extension PaymentSuite {
    static let negativeGroup = CheckGroup(
        id: "payment.negative", title: "Negative data",
        checks: [
            Check(
                define(
                    "negative.invalid-payloads-refused", "Bodies that break the request schemas get 4xx, never 2xx or 5xx",
                    requirements: ["PAY-SPEC-04"], tags: ["negative", "spec"], inputs: [wallet, bank])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let bank = try probe.account("verifiedBankAccount", number: "accountNumber")
                let topUp = try probe.operation("emoney-topup")
                let bases: [(String, [UInt8])] = [
                    ("emoney-account-inquiry", try probe.walletInquiryBody(wallet)),
                    ("bank-account-inquiry", try probe.bankInquiryBody(bank)),
                    ("emoney-topup", try probe.topUpBody(wallet, reference: context.uniqueReference())),
                    ("intrabank-transfer", try probe.transferBody(bank, reference: context.uniqueReference())),
                    ("topup-status", try probe.statusBody(reference: context.uniqueReference(), of: topUp)),
                ]
                var findings: [Finding] = []
                var sent = 0
                for (operationID, valid) in bases {
                    let operation = try probe.operation(operationID)
                    let payloads = context.contract.negativePayloads(for: operation, from: try JSONValue.parse(valid), limit: 80)
                    for payload in payloads {
                        let answer = try await probe.call(operationID, Array(payload.body.serialized.utf8))
                        sent += 1
                        guard !(400..<500).contains(answer.status) else { continue }
                        findings.append(
                            answer.finding(
                                answer.status >= 500 ? "an invalid body made the partner fail" : "an invalid body was accepted",
                                location: "\(operationID): \(payload.description)", expected: "HTTP 4xx",
                                actual: "HTTP \(answer.status), \(answer.responseCode ?? "no code")"))
                    }
                }
                return .judge(findings, pass: "\(sent) invalid bodies over \(bases.count) operations, each refused with 4xx") {
                    "\($0) of \(sent) invalid bodies not refused"
                }
            }
        ])

    static let latencyGroup = CheckGroup(
        id: "payment.latency", title: "Latency",
        checks: [
            Check(
                define(
                    "latency.objective", "Inquiries and status inquiries meet the latency objective (p50 and p95)",
                    requirements: ["PAY-PERF-01"], severity: .recommended, tags: ["latency"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let topUp = try probe.operation("emoney-topup")
                _ = try await probe.client.accessToken()
                let objective = context.config.latency
                var samples: [String: [Double]] = [:]
                for _ in 0..<objective.samples {
                    for (operationID, body) in [
                        ("emoney-account-inquiry", try probe.walletInquiryBody(wallet)),
                        ("topup-status", try probe.statusBody(reference: context.uniqueReference("NONE"), of: topUp)),
                    ] {
                        let answer = try await probe.call(operationID, body)
                        samples[operationID, default: []].append(context.exchanges[answer.exchange].milliseconds)
                    }
                }
                return Latency.judge(samples, objective: objective)
            }
        ])
}

/// Percentiles of per-operation latencies against an objective; shared by every role's latency check.
enum Latency {
    static func judge(_ samples: [String: [Double]], objective: LatencyObjective) -> CheckOutcome {
        var findings: [Finding] = []
        var summary: [String] = []
        for (operation, values) in samples.sorted(by: { $0.key < $1.key }) {
            let p50 = values.percentile(0.5), p95 = values.percentile(0.95)
            summary.append(String(format: "%@ p50 %.1f ms, p95 %.1f ms (%d samples)", operation, p50, p95, values.count))
            if p50 > objective.p50Milliseconds {
                findings.append(
                    Finding(
                        "p50 above the objective", location: operation, expected: String(format: "≤ %.0f ms", objective.p50Milliseconds),
                        actual: String(format: "%.1f ms", p50)))
            }
            if p95 > objective.p95Milliseconds {
                findings.append(
                    Finding(
                        "p95 above the objective", location: operation, expected: String(format: "≤ %.0f ms", objective.p95Milliseconds),
                        actual: String(format: "%.1f ms", p95)))
            }
        }
        let text = summary.joined(separator: "; ")
        return findings.isEmpty ? .pass(text, findings: summary.map { Finding($0) }) : .fail(text, findings: findings)
    }
}

import Foundation
import PrakerjaModels

extension PaymentSuite {
    static let negativeGroup = CheckGroup(
        id: "payment.negative", title: "Negative data",
        checks: [
            Check(
                define(
                    "negative.malformed-header-refused", "A transaction call whose X-EXTERNAL-ID is over 36 characters is refused with 400xx01",
                    requirements: ["PAY-SPEC-06"], tags: ["negative", "spec"])
            ) { context in
                // Unique, correctly signed (the signature does not cover it), one character too long.
                let tooLong = String(
                    (context.runToken.filter(\.isNumber) + String(UInt64.random(in: 0...UInt64.max)) + String(repeating: "7", count: 37)).prefix(37))
                return try await refusedTopUp(context, "a top-up with a 37-character X-EXTERNAL-ID", status: 400, caseCode: "01") { _ in
                    PaymentProbe.Tampering(externalID: tooLong)
                }
            },
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
                    let payloads = context.contract.negativePayloads(for: operation, from: try JSONValue.parse(valid), limit: 150)
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
            },
            Check(
                define(
                    "negative.malformed-requests-refused",
                    "Bodies that are not one JSON request get 400xx00, a number beyond range 400xx01, in the Failure form with no internal detail",
                    requirements: ["PAY-SPEC-05"], tags: ["negative", "spec"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                var findings: [Finding] = []
                for malformed in try malformedTopUps(probe, wallet) {
                    let answer = try await probe.call("emoney-topup", malformed.body, tampering: malformed.tampering)
                    if let wrong = refusal(answer, status: 400, caseCode: malformed.caseCode, "\(malformed.what) was \(describe(answer))") {
                        findings.append(wrong)
                    }
                    findings += context.contract.problems(with: answer.response, of: answer.operation, exchange: answer.exchange)
                    if let leak = internalDetail(in: answer.response.body) {
                        findings.append(
                            answer.finding(
                                "the answer to \(malformed.what) names the partner's internals", expected: "no internal detail", actual: leak))
                    }
                    for reference in malformed.references {
                        if let recorded = try await nothingRecorded(probe, reference: reference, after: answer) { findings.append(recorded) }
                    }
                }
                return .judge(findings, pass: "4 malformed top-ups refused in the Failure form, nothing internal shown, nothing paid") { _ in
                    findings.summary
                }
            },
        ])

    /// A top-up that is not one JSON request, the answer it must get, and the references it could pay under.
    struct MalformedTopUp {
        let what: String
        let body: [UInt8]
        let tampering: PaymentProbe.Tampering
        let caseCode: String
        let references: [String]
    }

    /// Four top-ups of `wallet`: cut short, sent as text, a key twice, a number beyond any month.
    static func malformedTopUps(_ probe: PaymentProbe, _ wallet: PaymentProbe.Account) throws -> [MalformedTopUp] {
        func valid() throws -> (String, String) {
            let reference = probe.context.uniqueReference()
            return (reference, String(decoding: try probe.topUpBody(wallet, reference: reference), as: UTF8.self))
        }
        let (cut, cutBody) = try valid(), (text, textBody) = try valid(), (twice, twiceBody) = try valid(), (huge, hugeBody) = try valid()
        let other = twice + "-OTHER"
        return [
            // Not JSON, so it cannot be minified and signed: the signature is over "{}".
            MalformedTopUp(
                what: "a body cut short", body: Array(cutBody.utf8.prefix(cutBody.utf8.count / 2)),
                tampering: .init(signedBody: Array("{}".utf8)), caseCode: "00", references: [cut]),
            MalformedTopUp(
                what: "a JSON body sent as text/plain", body: Array(textBody.utf8), tampering: .init(contentType: "text/plain"), caseCode: "00",
                references: [text]),
            MalformedTopUp(
                what: "a body with partnerReferenceNo twice", body: Array((twiceBody.dropLast() + #","partnerReferenceNo":"\#(other)"}"#).utf8),
                tampering: .init(), caseCode: "00", references: [twice, other]),
            MalformedTopUp(
                what: "an incentiveMonth of 1e400",
                body: Array(hugeBody.replacingOccurrences(of: #""incentiveMonth":1"#, with: #""incentiveMonth":1e400"#).utf8),
                tampering: .init(), caseCode: "01", references: [huge]),
        ]
    }

    /// What in a response names the partner's internals (a stack trace, a source file, SQL, a
    /// framework or an exception type), or nil.
    static func internalDetail(in body: [UInt8]) -> String? {
        let text = String(decoding: body, as: UTF8.self)
        let telltales = [
            "traceback", "exception", "stack trace", "fatal error", "panic:", "goroutine", ".swift:", ".py\"", ".py:", ".java:", ".go:", ".js:",
            ".php", ".rb:", "/usr/", "/home/", "/var/", "/opt/", "sqlstate", "syntax error at or near", "select ", "insert into",
            "hummingbird", "swiftnio", "nioposix", "decodingerror", "nsexception", "nullpointer", "undefined method",
        ]
        let lowered = text.lowercased()
        guard let found = telltales.first(where: lowered.contains) else { return nil }
        let start = lowered.range(of: found)!.lowerBound
        return "\(found) in \"…\(lowered[start...].prefix(80))…\""
    }

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

import PrakerjaModels

extension PaymentSuite {
    static let idempotencyGroup = CheckGroup(
        id: "payment.idempotency", title: "Idempotency and money safety",
        checks: [
            Check(
                define(
                    "idempotency.retry-returns-original", "A top-up retried with the same partnerReferenceNo returns the original and pays once",
                    clause: "program profile: partnerReferenceNo is the idempotency key", tags: ["idempotency", "money"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let body = try probe.topUpBody(wallet, reference: context.uniqueReference())
                let first = try await probe.call("emoney-topup", body)
                guard first.succeeded else {
                    throw CheckError.partner("a valid top-up was refused: HTTP \(first.status), \(first.responseCode ?? "no code")")
                }
                var findings: [Finding] = []
                for _ in 0..<2 {
                    let retry = try await probe.call("emoney-topup", body)
                    if !retry.succeeded {
                        findings.append(
                            retry.finding(
                                "a retry of a paid top-up was not answered with the original result",
                                expected: "HTTP 200 with referenceNo \(first.text("referenceNo") ?? "?")",
                                actual: "HTTP \(retry.status), \(retry.responseCode ?? "no code")"))
                    } else if retry.text("referenceNo") != first.text("referenceNo") {
                        findings.append(
                            retry.finding(
                                "the retry was paid again: a second transaction", location: "emoney-topup /referenceNo",
                                expected: first.text("referenceNo") ?? "?", actual: retry.text("referenceNo") ?? "(none)"))
                    }
                }
                return .judge(findings, pass: "two retries returned the original \(first.text("referenceNo") ?? "") and paid nothing more") { _ in
                    "a retried top-up was credited again"
                }
            },
            Check(
                define(
                    "idempotency.concurrent-credit-once", "Eight simultaneous top-ups with one partnerReferenceNo pay once",
                    clause: "program profile: partnerReferenceNo is the idempotency key", tags: ["idempotency", "money", "concurrency"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let body = try probe.topUpBody(wallet, reference: context.uniqueReference())
                _ = try await probe.client.accessToken()  // one token for all eight
                let answers = try await withThrowingTaskGroup(of: PaymentProbe.Answer.self) { group in
                    for _ in 0..<8 { group.addTask { try await probe.call("emoney-topup", body) } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let paid = answers.filter(\.succeeded)
                let references = Set(paid.compactMap { $0.text("referenceNo") })
                var findings: [Finding] = []
                if paid.isEmpty {
                    findings.append(
                        Finding(
                            "none of the eight identical top-ups was paid", expected: "one payment, the same answer to all",
                            actual: answers.map { "HTTP \($0.status) \($0.responseCode ?? "")" }.joined(separator: ", ")))
                }
                if references.count > 1 {
                    findings.append(
                        Finding(
                            "one partnerReferenceNo was paid \(references.count) times", location: "emoney-topup /referenceNo",
                            expected: "1 transaction", actual: references.sorted().joined(separator: ", ")))
                }
                for answer in answers where (500..<600).contains(answer.status) {
                    findings.append(
                        answer.finding(
                            "a concurrent retry made the partner fail", expected: "the original result or 409", actual: "HTTP \(answer.status)"))
                }
                return .judge(findings, pass: "8 concurrent top-ups: \(paid.count) answered, all with one transaction") { _ in
                    "concurrent retries were credited more than once"
                }
            },
            Check(
                define(
                    "idempotency.conflicting-reuse-refused", "The same partnerReferenceNo with other content is refused with 409xx01",
                    clause: "program profile: 409xx01", tags: ["idempotency", "money"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let reference = context.uniqueReference()
                let first = try await probe.call("emoney-topup", try probe.topUpBody(wallet, reference: reference, month: 1))
                guard first.succeeded else {
                    throw CheckError.partner("a valid top-up was refused: HTTP \(first.status), \(first.responseCode ?? "no code")")
                }
                let other = try await probe.call("emoney-topup", try probe.topUpBody(wallet, reference: reference, month: 2))
                let finding = refusal(other, status: 409, caseCode: "01", "a different top-up under a used partnerReferenceNo was not refused")
                return .judge(finding.map { [$0] } ?? [], pass: "refused with 409xx01") { _ in "a reused reference with other content was accepted" }
            },
        ])

    static let statusGroup = CheckGroup(
        id: "payment.status", title: "Status inquiry",
        checks: [
            Check(
                define(
                    "status.consistent-with-disbursement", "The status inquiry reports each disbursement as it was made",
                    clause: "topup-status, transfer-status", tags: ["status", "money"], inputs: [wallet, bank])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let bank = try probe.account("verifiedBankAccount", number: "accountNumber")
                var findings: [Finding] = []
                for (operation, statusOperation, body) in [
                    ("emoney-topup", "topup-status", { (reference: String) in try probe.topUpBody(wallet, reference: reference) }),
                    ("intrabank-transfer", "transfer-status", { (reference: String) in try probe.transferBody(bank, reference: reference) }),
                ] {
                    let reference = context.uniqueReference()
                    let paid = try await probe.call(operation, try body(reference))
                    guard paid.succeeded else {
                        throw CheckError.partner("a valid \(operation) was refused: HTTP \(paid.status), \(paid.responseCode ?? "no code")")
                    }
                    let status = try await probe.call(statusOperation, try probe.statusBody(reference: reference, of: paid.operation))
                    guard status.succeeded else {
                        findings.append(
                            status.finding(
                                "the status of a paid disbursement is not found", expected: "HTTP 200",
                                actual: "HTTP \(status.status), \(status.responseCode ?? "no code")"))
                        continue
                    }
                    let expectations: [(String, String?, String?)] = [
                        ("/originalPartnerReferenceNo", reference, status.text("originalPartnerReferenceNo")),
                        ("/originalReferenceNo", paid.text("referenceNo"), status.text("originalReferenceNo")),
                        ("/latestTransactionStatus", "00", status.text("latestTransactionStatus")),
                        ("/amount/value", paid.amount("amount"), status.amount("amount")),
                    ]
                    for (pointer, expected, actual) in expectations where expected != actual {
                        findings.append(
                            status.finding(
                                "the status disagrees with the \(operation)", location: "\(statusOperation) \(pointer)",
                                expected: expected ?? "(none)", actual: actual ?? "(none)"))
                    }
                }
                return .judge(findings, pass: "top-up and transfer statuses match what was paid") { "\($0) disagreements" }
            },
            Check(
                define(
                    "status.unknown-reference-not-found", "The status of a reference never used is 404xx01", clause: "404xx01",
                    tags: ["status"], inputs: [])
            ) { context in
                let probe = try PaymentProbe(context)
                let topUp = try probe.operation("emoney-topup")
                let answer = try await probe.call("topup-status", try probe.statusBody(reference: context.uniqueReference("NONE"), of: topUp))
                let finding = refusal(answer, status: 404, caseCode: "01", "the status of an unknown reference is not 'not found'")
                return .judge(finding.map { [$0] } ?? [], pass: "404xx01 for an unknown reference") { _ in "an unknown reference has a status" }
            },
        ])
}

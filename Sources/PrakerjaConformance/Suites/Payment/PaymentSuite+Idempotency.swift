import Foundation
import PrakerjaModels
import PrakerjaSigning

extension PaymentSuite {
    static let idempotencyGroup = CheckGroup(
        id: "payment.idempotency", title: "Idempotency and money safety",
        checks: [
            Check(
                define(
                    "idempotency.refused-reference-reusable",
                    "A refused top-up uses nothing up: its partnerReferenceNo sent again, the content corrected, is paid as a first request",
                    requirements: ["PAY-IDEM-02"], tags: ["idempotency", "money"], inputs: [wallet, "fixtures.unverifiedWallet"])
            ) { context in
                let probe = try PaymentProbe(context)
                let verified = try probe.account("verifiedWallet", number: "customerNumber")
                // Refused for the first of three reasons the partner refuses (an unverified wallet,
                // month 5, Rp1): any one of them may be a rule the partner breaks, judged elsewhere.
                let wrong: [(String) throws -> [UInt8]] = [
                    { try probe.topUpBody(try probe.account("unverifiedWallet", number: "customerNumber"), reference: $0) },
                    { try probe.topUpBody(verified, reference: $0, month: 5) }, { try probe.topUpBody(verified, reference: $0, amount: 1) },
                ]
                var refusal: (reference: String, answer: PaymentProbe.Answer)?
                for body in wrong where refusal == nil {
                    let reference = context.uniqueReference()
                    let answer = try await probe.call("emoney-topup", try body(reference))
                    if !answer.succeeded { refusal = (reference, answer) }
                }
                guard let (reference, refused) = refusal else {
                    throw CheckError.partner("top-ups to an unverified wallet, for month 5 and of Rp1 were all paid: nothing to correct")
                }
                let corrected = try await probe.call("emoney-topup", try probe.topUpBody(verified, reference: reference))
                let findings =
                    corrected.succeeded
                    ? []
                    : [
                        corrected.finding(
                            "the corrected top-up was refused: the refused one used up \(reference)", location: "emoney-topup \(reference)",
                            expected: "HTTP 200, paid as a first request", actual: describe(corrected))
                    ]
                return .judge(findings, pass: "refused (\(refused.responseCode ?? "?")), then paid under the same reference once corrected") { _ in
                    findings.summary
                }
            },
            Check(
                define(
                    "idempotency.retry-returns-original",
                    "A top-up retried with the same partnerReferenceNo, as sent or re-stamped, returns the original and pays once",
                    requirements: ["PAY-IDEM-01"], tags: ["idempotency", "money"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let body = try probe.topUpBody(wallet, reference: context.uniqueReference())
                let first = try await probe.call("emoney-topup", body)
                guard first.succeeded else {
                    throw CheckError.partner("a valid top-up was refused: HTTP \(first.status), \(first.responseCode ?? "no code")")
                }
                var findings: [Finding] = []
                // Twice as sent, then re-stamped a minute later, as a retry after a timeout is:
                // transactionDate moves no money, so it is the same top-up.
                let restamped = Array(
                    try JSONValue.parse(body).replacing(at: ["transactionDate"], with: .string(SNAPTimestamp.format(Date().addingTimeInterval(60))))
                        .serialized.utf8)
                for retryBody in [body, body, restamped] {
                    let retry = try await probe.call("emoney-topup", retryBody)
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
                return .judge(
                    findings,
                    pass: "three retries (the last re-stamped) returned the original \(first.text("referenceNo") ?? "") and paid nothing more"
                ) { _ in
                    "a retried top-up was credited again"
                }
            },
            Check(
                define(
                    "idempotency.concurrent-credit-once", "Eight simultaneous top-ups with one partnerReferenceNo pay once",
                    requirements: ["PAY-IDEM-01"], tags: ["idempotency", "money", "concurrency"])
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
                    "idempotency.conflicting-reuse-refused",
                    "The same partnerReferenceNo with other content (amount, fee, account, NIK, month) is refused with 409xx01 and pays nothing",
                    requirements: ["PAY-IDEM-02"], tags: ["idempotency", "money"])
            ) { context in
                let probe = try PaymentProbe(context)
                var findings: [Finding] = []
                var tried = 0
                for channel in try conflictChannels(probe) {
                    let reference = context.uniqueReference()
                    let first = try await probe.call(channel.operation, try channel.body(channel.account, reference, 600_000, .zero, 1))
                    guard first.succeeded else { throw CheckError.partner("a valid \(channel.noun) was \(describe(first))") }
                    for (what, body) in try channel.variants(reference) {
                        let other = try await probe.call(channel.operation, body)
                        tried += 1
                        if let wrong = refusal(
                            other, status: 409, caseCode: "01",
                            "a \(channel.noun) under a used partnerReferenceNo with \(what) was \(describe(other))")
                        {
                            findings.append(wrong)
                        }
                    }
                    // Nothing more was paid under the reference: its status is still the first payment.
                    let status = try await probe.call(channel.statusOperation, try probe.statusBody(reference: reference, of: first.operation))
                    if status.succeeded,
                        status.text("originalReferenceNo") != first.text("referenceNo") || status.amount("amount") != first.amount("amount")
                    {
                        findings.append(
                            status.finding(
                                "the reference now reports another payment", location: "\(channel.statusOperation) \(reference)",
                                expected: "\(first.text("referenceNo") ?? "?"), \(first.amount("amount") ?? "?")",
                                actual: "\(status.text("originalReferenceNo") ?? "?"), \(status.amount("amount") ?? "?")"))
                    }
                }
                return .judge(findings, pass: "\(tried) reuses with other content refused with 409xx01, the first payments unchanged") { _ in
                    findings.summary
                }
            },
        ])

    /// A disbursing operation and the ways a reuse of one of its references can differ.
    struct ConflictChannel {
        let operation: String
        let statusOperation: String
        let noun: String
        let account: PaymentProbe.Account
        /// The body for an account, reference, amount, fee and month.
        let body: (PaymentProbe.Account, String, Rupiah, Rupiah, Int) throws -> [UInt8]
        /// Another account of the same kind, when the config has one.
        let otherAccount: PaymentProbe.Account?
        /// A NIK that is not the recipient's.
        let otherNIK: NIK
        let hasFee: Bool

        /// Bodies that reuse `reference` with one money-moving field changed each.
        func variants(_ reference: String) throws -> [(String, [UInt8])] {
            var variants = [
                ("another amount", try body(account, reference, 500_000, .zero, 1)),
                ("another incentive month", try body(account, reference, 600_000, .zero, 2)),
                ("another recipient NIK", try body(.init(number: account.number, nik: otherNIK, name: account.name), reference, 600_000, .zero, 1)),
            ]
            if hasFee { variants.append(("a fee", try body(account, reference, 600_000, 2_500, 1))) }
            if let otherAccount { variants.append(("another account", try body(otherAccount, reference, 600_000, .zero, 1))) }
            return variants
        }
    }

    /// The top-up, and the transfer when the config has a bank account.
    static func conflictChannels(_ probe: PaymentProbe) throws -> [ConflictChannel] {
        let wallet = try probe.account("verifiedWallet", number: "customerNumber")
        let otherWallet = try? probe.account("otherHolderWallet", number: "customerNumber")
        // Any valid NIK that is not the recipient's will do; another fixture's if there is one.
        let otherNIK = try otherWallet?.nik ?? NIK("3171011203880002")
        var channels = [
            ConflictChannel(
                operation: "emoney-topup", statusOperation: "topup-status", noun: "top-up", account: wallet,
                body: { try probe.topUpBody($0, reference: $1, amount: $2, fee: $3, month: $4) }, otherAccount: otherWallet, otherNIK: otherNIK,
                hasFee: true)
        ]
        if let bank = try? probe.account("verifiedBankAccount", number: "accountNumber") {
            channels.append(
                ConflictChannel(
                    operation: "intrabank-transfer", statusOperation: "transfer-status", noun: "transfer", account: bank,
                    body: { account, reference, amount, _, month in
                        try probe.transferBody(account, reference: reference, amount: amount, month: month)
                    },
                    otherAccount: try? probe.account("otherHolderBankAccount", number: "accountNumber"), otherNIK: otherNIK, hasFee: false))
        }
        return channels
    }

    static let statusGroup = CheckGroup(
        id: "payment.status", title: "Status inquiry",
        checks: [
            Check(
                define(
                    "status.consistent-with-disbursement", "The status inquiry reports each disbursement as it was made",
                    requirements: ["PAY-STAT-01"], tags: ["status", "money"], inputs: [wallet, bank])
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
                    "status.unknown-reference-not-found", "The status of a reference never used is 404xx01", requirements: ["PAY-STAT-02"],
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

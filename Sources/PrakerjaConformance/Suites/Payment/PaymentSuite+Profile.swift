import PrakerjaModels

extension PaymentSuite {
    static let privacyGroup = CheckGroup(
        id: "payment.privacy", title: "Personal data",
        checks: [
            Check(
                define(
                    "privacy.names-masked", "Holder names are masked in every response", requirements: ["PAY-PRIV-01"],
                    tags: ["privacy"], inputs: [wallet, bank])
            ) { context in
                let probe = try PaymentProbe(context)
                let answers = try await exerciseEveryOperation(probe)
                var findings: [Finding] = []
                for answer in answers {
                    for key in ["customerName", "beneficiaryAccountName"] {
                        guard let name = answer.text(key), !PaymentProbe.isMaskedName(name) else { continue }
                        findings.append(
                            answer.finding(
                                "an unmasked holder name", location: "\(answer.operation.id) /\(key)",
                                expected: "first letters only, like S*** R********",
                                actual: "the full name (shown masked here: \(Masking.name(name)))"))
                    }
                }
                return .judge(findings, pass: "every holder name in \(answers.count) responses is masked") { "\($0) unmasked names" }
            },
            Check(
                define(
                    "privacy.no-identifiers-echoed", "No response, success or refusal, carries the recipient's NIK or a full account number",
                    requirements: ["PAY-PRIV-02"], tags: ["privacy"], inputs: [wallet, bank])
            ) { context in
                let probe = try PaymentProbe(context)
                var answers = try await exerciseEveryOperation(probe)
                var accounts: [PaymentProbe.Account] = []
                for (key, field) in [
                    ("verifiedWallet", "customerNumber"), ("verifiedBankAccount", "accountNumber"), ("unverifiedWallet", "customerNumber"),
                    ("otherHolderWallet", "customerNumber"), ("unverifiedBankAccount", "accountNumber"), ("otherHolderBankAccount", "accountNumber"),
                ] {
                    guard let account = try? probe.account(key, number: field) else { continue }
                    accounts.append(account)
                    // Refusals are where identifiers leak: "NIK 3273... does not match".
                    if key.hasPrefix("unverified") || key.hasPrefix("otherHolder") {
                        let reference = context.uniqueReference()
                        answers.append(
                            key.hasSuffix("Wallet")
                                ? try await probe.call("emoney-topup", try probe.topUpBody(account, reference: reference))
                                : try await probe.call("intrabank-transfer", try probe.transferBody(account, reference: reference)))
                    }
                }
                if let wallet = accounts.first,
                    case .object(var members) = try JSONValue.parse(try probe.topUpBody(wallet, reference: context.uniqueReference()))
                {
                    members.removeAll { $0.key == "partnerReferenceNo" }
                    answers.append(try await probe.call("emoney-topup", Array(JSONValue.object(members).serialized.utf8)))
                }
                var secrets: [(what: String, value: String)] = []
                for account in accounts {
                    for secret in [("NIK", account.nik.digits), ("account number", account.number)]
                    where !secrets.contains(where: { $0.value == secret.1 }) {
                        secrets.append(secret)
                    }
                }
                var findings: [Finding] = []
                for answer in answers {
                    let body = String(decoding: answer.response.body, as: UTF8.self)
                    for (what, value) in secrets where body.contains(value) {
                        findings.append(
                            answer.finding(
                                "the \(answer.succeeded ? "answer" : "refusal") carries the unmasked \(what)", expected: "masked or absent",
                                actual: Masking.keepingLast(4, of: value)))
                    }
                }
                return .judge(findings, pass: "no NIK or full account number in \(answers.count) responses, refusals included") {
                    "\($0) identifiers echoed unmasked"
                }
            },
        ])

    static let profileGroup = CheckGroup(
        id: "payment.profile", title: "Program profile",
        checks: [
            Check(
                define(
                    "profile.no-fee", "The incentive is paid whole: Rp600,000.00 with fee 0.00", requirements: ["PAY-PROF-01"],
                    tags: ["profile", "money"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let reference = context.uniqueReference()
                let topUp = try await probe.call("emoney-topup", try probe.topUpBody(wallet, reference: reference))
                guard topUp.succeeded else {
                    throw CheckError.partner("a valid top-up was refused: HTTP \(topUp.status), \(topUp.responseCode ?? "no code")")
                }
                let status = try await probe.call("topup-status", try probe.statusBody(reference: reference, of: topUp.operation))
                var findings: [Finding] = []
                // The status is compared only when the partner knows the top-up: a missing status is the status check's finding.
                for answer in status.succeeded ? [topUp, status] : [topUp] {
                    if answer.rupiah("amount") != 600_000 {
                        findings.append(
                            answer.finding(
                                "the amount paid is not the incentive", location: "\(answer.operation.id) /amount/value",
                                expected: "600000.00", actual: answer.amount("amount") ?? "(none)"))
                    }
                    if answer.rupiah("feeAmount") != .zero {
                        findings.append(
                            answer.finding(
                                "a fee was taken from the incentive", location: "\(answer.operation.id) /feeAmount/value",
                                expected: "0.00", actual: answer.amount("feeAmount") ?? "(none)"))
                    }
                }
                return .judge(findings, pass: "600000.00 paid, fee 0.00, in the top-up and its status") { _ in "the incentive was not paid whole" }
            },
            Check(
                define(
                    "profile.kyc-verified-only", "An account that is not KYC-verified is not paid, by top-up or by transfer",
                    requirements: ["PAY-PROF-02"], tags: ["profile", "money"], inputs: ["fixtures.unverifiedWallet"])
            ) { context in
                try await refusedOnEveryChannel(
                    context, wallet: "unverifiedWallet", bank: "unverifiedBankAccount", status: 403, caseCode: "15",
                    what: "to an account that is not KYC-verified")
            },
            Check(
                define(
                    "profile.nik-must-match", "An account whose holder is not the recipient is not paid, by top-up or by transfer",
                    requirements: ["PAY-PROF-03"], tags: ["profile", "money"], inputs: ["fixtures.otherHolderWallet"])
            ) { context in
                try await refusedOnEveryChannel(
                    context, wallet: "otherHolderWallet", bank: "otherHolderBankAccount", status: 403, caseCode: "05",
                    what: "to someone else's account")
            },
            Check(
                define(
                    "profile.only-the-incentive-amount", "Any amount but Rp600,000.00 with fee 0.00 is refused, by top-up or by transfer",
                    requirements: ["PAY-PROF-04"], tags: ["profile", "money"])
            ) { context in
                var outcomes: [CheckOutcome] = []
                for (amount, fee) in [(500_000, 0), (600_000, 2_500), (1_200_000, 0)] as [(Rupiah, Rupiah)] {
                    outcomes.append(
                        try await refusedOnEveryChannel(
                            context, wallet: "verifiedWallet", bank: "verifiedBankAccount", status: 404, caseCode: "13",
                            what: "of \(amount.snapValue) with fee \(fee.snapValue)", amount: amount, fee: fee))
                }
                let findings = outcomes.flatMap(\.findings)
                return .judge(findings, pass: "three wrong amounts refused with 404xx13, nothing paid; \(outcomes[0].message)") { _ in
                    findings.summary
                }
            },
            Check(
                define(
                    "profile.currency-idr",
                    "An amount or fee in any currency but IDR is refused with 400xx01, by top-up or by transfer",
                    requirements: ["PAY-PROF-05"], tags: ["profile", "money"])
            ) { context in
                let every = try await refusedOnEveryChannel(
                    context, wallet: "verifiedWallet", bank: "verifiedBankAccount", status: 400, caseCode: "01", what: "in US dollars",
                    currency: "USD")
                // The fee's currency alone: a partner that looks at the amount's only pays it.
                let probe = try PaymentProbe(context)
                let reference = context.uniqueReference()
                let valid = try JSONValue.parse(
                    try probe.topUpBody(try probe.account("verifiedWallet", number: "customerNumber"), reference: reference))
                let answer = try await probe.call(
                    "emoney-topup", Array(valid.replacing(at: ["feeAmount", "currency"], with: .string("USD")).serialized.utf8))
                var findings = every.findings
                if let wrong = refusal(answer, status: 400, caseCode: "01", "a top-up whose fee alone is in US dollars was \(describe(answer))") {
                    findings.append(wrong)
                }
                if let recorded = try await nothingRecorded(probe, reference: reference, after: answer) { findings.append(recorded) }
                return .judge(findings, pass: "\(every.message); a top-up whose fee alone is in US dollars refused with 400xx01") { _ in
                    findings.summary
                }
            },
            Check(
                define(
                    "profile.incentive-months", "An incentiveMonth outside 1-4 is refused with 400xx01, by top-up or by transfer",
                    requirements: ["PAY-PROF-06"], tags: ["profile", "money"])
            ) { context in
                var outcomes: [CheckOutcome] = []
                for month in [5, 0] {
                    outcomes.append(
                        try await refusedOnEveryChannel(
                            context, wallet: "verifiedWallet", bank: "verifiedBankAccount", status: 400, caseCode: "01",
                            what: "for incentive month \(month)", month: month))
                }
                let findings = outcomes.flatMap(\.findings)
                return .judge(findings, pass: "months 5 and 0 refused with 400xx01, nothing paid; \(outcomes[0].message)") { _ in findings.summary }
            },
        ])

    /// A way the program pays: the operation, its status inquiry, and the account paid.
    struct Channel {
        let operation: String
        let statusOperation: String
        let noun: String
        let account: PaymentProbe.Account
    }

    /// The top-up into `fixtures.<wallet>`, and the transfer into `fixtures.<bank>` when the
    /// config has that fixture; the second value says why the transfer is not judged.
    static func channels(_ probe: PaymentProbe, wallet: String, bank: String) throws -> ([Channel], String?) {
        var channels = [
            Channel(
                operation: "emoney-topup", statusOperation: "topup-status", noun: "top-up",
                account: try probe.account(wallet, number: "customerNumber"))
        ]
        guard let account = try? probe.account(bank, number: "accountNumber") else { return (channels, "no fixtures.\(bank): transfers not judged") }
        channels.append(Channel(operation: "intrabank-transfer", statusOperation: "transfer-status", noun: "transfer", account: account))
        return (channels, nil)
    }

    /// Pays on every channel what the program profile forbids and expects the refusal
    /// `status` + service + `caseCode` with nothing paid. A transfer has no fee: a fee-only
    /// variant is judged on the top-up alone.
    static func refusedOnEveryChannel(
        _ context: CheckContext, wallet: String, bank: String, status: Int, caseCode: String, what: String,
        amount: Rupiah = 600_000, fee: Rupiah = .zero, currency: String = "IDR", month: Int = 1
    ) async throws -> CheckOutcome {
        let probe = try PaymentProbe(context)
        let (channels, skipped) = try Self.channels(probe, wallet: wallet, bank: bank)
        var findings: [Finding] = []
        var judged: [String] = []
        for channel in channels where channel.operation == "emoney-topup" || fee == .zero {
            let reference = context.uniqueReference()
            var body =
                channel.operation == "emoney-topup"
                ? try probe.topUpBody(channel.account, reference: reference, amount: amount, fee: fee, month: month)
                : try probe.transferBody(channel.account, reference: reference, amount: amount, month: month)
            if currency != "IDR" {
                body = Array(
                    String(decoding: body, as: UTF8.self).replacingOccurrences(of: #""currency":"IDR""#, with: #""currency":"\#(currency)""#).utf8)
            }
            let answer = try await probe.call(channel.operation, body)
            judged.append(channel.noun)
            if let wrong = refusal(answer, status: status, caseCode: caseCode, "a \(channel.noun) \(what) was \(describe(answer))") {
                findings.append(wrong)
            }
            if let recorded = try await nothingRecorded(probe, reference: reference, after: answer, statusOperation: channel.statusOperation) {
                findings.append(recorded)
            }
        }
        let code = "\(status)xx\(caseCode)"
        let pass = "a \(judged.joined(separator: " and a ")) \(what) refused with \(code), nothing paid" + (skipped.map { " (\($0))" } ?? "")
        return .judge(findings, pass: pass) { _ in findings.summary }
    }
}

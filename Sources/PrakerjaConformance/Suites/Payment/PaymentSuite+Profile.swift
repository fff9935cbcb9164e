import PrakerjaModels

extension PaymentSuite {
    static let privacyGroup = CheckGroup(
        id: "payment.privacy", title: "Personal data",
        checks: [
            Check(
                define(
                    "privacy.names-masked", "Holder names are masked in every response", clause: "program profile: masked holder name",
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
                    "privacy.no-identifiers-echoed", "No response carries the recipient's NIK or a full account number",
                    clause: "program profile: no unmasked name or account number", tags: ["privacy"], inputs: [wallet, bank])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let bank = try probe.account("verifiedBankAccount", number: "accountNumber")
                let answers = try await exerciseEveryOperation(probe)
                let secrets = [
                    ("NIK", wallet.nik.digits), ("NIK", bank.nik.digits), ("wallet number", wallet.number), ("account number", bank.number),
                ]
                var findings: [Finding] = []
                for answer in answers {
                    let body = String(decoding: answer.response.body, as: UTF8.self)
                    for (what, value) in secrets where body.contains(value) {
                        findings.append(
                            answer.finding("the response carries the unmasked \(what)", expected: "masked", actual: Masking.keepingLast(4, of: value))
                        )
                    }
                }
                return .judge(findings, pass: "no NIK or full account number in \(answers.count) responses") { "\($0) identifiers echoed unmasked" }
            },
        ])

    static let profileGroup = CheckGroup(
        id: "payment.profile", title: "Program profile",
        checks: [
            Check(
                define(
                    "profile.no-fee", "The incentive is paid whole: Rp600,000.00 with fee 0.00", clause: "program profile: feeAmount 0.00",
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
                    "profile.kyc-verified-only", "An account that is not KYC-verified is not paid", clause: "program profile: 403xx15",
                    tags: ["profile", "money"], inputs: ["fixtures.unverifiedWallet"])
            ) { context in
                let probe = try PaymentProbe(context)
                let account = try probe.account("unverifiedWallet", number: "customerNumber")
                let reference = context.uniqueReference()
                let answer = try await probe.call("emoney-topup", try probe.topUpBody(account, reference: reference))
                let findings = [
                    refusal(answer, status: 403, caseCode: "15", "a top-up to an account that is not KYC-verified was not refused"),
                    try await nothingRecorded(probe, reference: reference),
                ].compactMap { $0 }
                return .judge(findings, pass: "refused with 403xx15, nothing paid") { _ in
                    refusalFailure(refused: !answer.succeeded, "an unverified account was paid")
                }
            },
            Check(
                define(
                    "profile.nik-must-match", "An account whose holder is not the recipient is not paid", clause: "program profile: 403xx05",
                    tags: ["profile", "money"], inputs: ["fixtures.otherHolderWallet"])
            ) { context in
                let probe = try PaymentProbe(context)
                let account = try probe.account("otherHolderWallet", number: "customerNumber")
                let reference = context.uniqueReference()
                let answer = try await probe.call("emoney-topup", try probe.topUpBody(account, reference: reference))
                let findings = [
                    refusal(answer, status: 403, caseCode: "05", "a top-up to someone else's account was not refused"),
                    try await nothingRecorded(probe, reference: reference),
                ].compactMap { $0 }
                return .judge(findings, pass: "refused with 403xx05, nothing paid") { _ in
                    refusalFailure(refused: !answer.succeeded, "an account of another person was paid")
                }
            },
            Check(
                define(
                    "profile.only-the-incentive-amount", "Any amount but Rp600,000.00 with fee 0.00 is refused", clause: "program profile: 404xx13",
                    tags: ["profile", "money"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                var findings: [Finding] = []
                for (amount, fee) in [(500_000, 0), (600_000, 2_500), (1_200_000, 0)] as [(Rupiah, Rupiah)] {
                    let reference = context.uniqueReference()
                    let answer = try await probe.call("emoney-topup", try probe.topUpBody(wallet, reference: reference, amount: amount, fee: fee))
                    if let finding = refusal(
                        answer, status: 404, caseCode: "13", "a top-up of \(amount.snapValue) with fee \(fee.snapValue) was not refused")
                    {
                        findings.append(finding)
                    }
                    if let recorded = try await nothingRecorded(probe, reference: reference) { findings.append(recorded) }
                }
                return .judge(findings, pass: "three wrong amounts refused with 404xx13, nothing paid") { "\($0) wrong amounts handled wrongly" }
            },
        ])
}

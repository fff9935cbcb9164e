import PrakerjaModels

/// The payment partner's protocol suite (`Specs/payment-partner.openapi.yaml`): the SNAP BI
/// contract, its security, the program profile (Rp600,000, no fee, KYC and NIK), idempotency,
/// status consistency, negative data and latency. Check ids are stable; `Conformance/defects.md`
/// names the ones each defect of the reference partner must fail.
public enum PaymentSuite {
    static let contract = "Specs/payment-partner.openapi.yaml"
    static let wallet = "fixtures.verifiedWallet"
    static let bank = "fixtures.verifiedBankAccount"

    public static func suite() -> Suite {
        Suite(
            id: "payment", title: "Payment partner (SNAP BI, program profile)",
            groups: [
                specGroup, securityGroup, TLSChecks.group(prefix: "payment"), privacyGroup, profileGroup, idempotencyGroup, statusGroup,
                notificationGroup, negativeGroup, latencyGroup,
            ])
    }

    /// A definition in this suite, judging `requirements` of `Specs/requirements/payment-partner.yaml`.
    static func define(
        _ id: String, _ title: String, requirements: [String], severity: Severity = .required, tags: [String], inputs: [String] = [wallet]
    ) -> CheckDefinition {
        CheckDefinition(
            id: "payment.\(id)", title: title, requirement: "\(contract): \(requirements.joined(separator: ", "))", severity: severity,
            tags: tags, inputs: inputs, requirements: requirements)
    }

    /// One successful call of every operation, and four refusals: what the spec checks look at.
    static func exerciseEveryOperation(_ probe: PaymentProbe) async throws -> [PaymentProbe.Answer] {
        let wallet = try probe.account("verifiedWallet", number: "customerNumber")
        let bank = try probe.account("verifiedBankAccount", number: "accountNumber")
        var answers: [PaymentProbe.Answer] = []
        answers.append(try await probe.call("emoney-account-inquiry", try probe.walletInquiryBody(wallet)))
        answers.append(try await probe.call("bank-account-inquiry", try probe.bankInquiryBody(bank)))
        // Accounts the partner does not hold (the fixtures' numbers ending in 0000): refusals whose
        // HTTP status must be the code's, not a 200 carrying a 404 code.
        let unknown = { (account: PaymentProbe.Account) in
            PaymentProbe.Account(number: String(account.number.dropLast(4)) + "0000", nik: account.nik, name: account.name)
        }
        answers.append(try await probe.call("emoney-account-inquiry", try probe.walletInquiryBody(unknown(wallet))))
        answers.append(try await probe.call("bank-account-inquiry", try probe.bankInquiryBody(unknown(bank))))
        let topUpReference = probe.context.uniqueReference()
        let topUp = try await probe.call("emoney-topup", try probe.topUpBody(wallet, reference: topUpReference))
        answers.append(topUp)
        answers.append(try await probe.call("topup-status", try probe.statusBody(reference: topUpReference, of: topUp.operation)))
        let transferReference = probe.context.uniqueReference()
        let transfer = try await probe.call("intrabank-transfer", try probe.transferBody(bank, reference: transferReference))
        answers.append(transfer)
        answers.append(try await probe.call("transfer-status", try probe.statusBody(reference: transferReference, of: transfer.operation)))
        answers.append(
            try await probe.call("topup-status", try probe.statusBody(reference: probe.context.uniqueReference("NONE"), of: topUp.operation)))
        answers.append(try await probe.call("emoney-topup", try probe.topUpBody(wallet, reference: probe.context.uniqueReference(), amount: 1)))
        return answers
    }

    // MARK: Spec conformance

    static let specGroup = CheckGroup(
        id: "payment.spec", title: "Spec conformance",
        checks: [
            Check(
                define(
                    "spec.response-schema", "Every response matches the contract's schema for its status", requirements: ["PAY-SPEC-01"],
                    tags: ["spec"], inputs: [wallet, bank]),
                judgesTheRun: true
            ) { context in
                // Every operation exercised, then every answer the other checks got.
                try await exerciseEveryOperation(try PaymentProbe(context)).judgedAgainstSchemas(
                    of: context.contract, alsoFinding: context.contract.problemsWithAnswersSeen(in: context))
            },
            Check(
                define(
                    "spec.response-code-form", "Every response carries the 7-digit code the operation declares",
                    requirements: ["PAY-SPEC-02"],
                    tags: ["spec"], inputs: [wallet, bank])
            ) { context in
                let probe = try PaymentProbe(context)
                let answers = try await exerciseEveryOperation(probe)
                let findings = answers.compactMap { answer -> Finding? in
                    guard let code = answer.responseCode else {
                        return answer.finding("no responseCode", expected: "a 7-digit code", actual: "(none)")
                    }
                    guard code.count == 7, code.allSatisfy(\.isNumber), code.hasPrefix(String(answer.status)) else {
                        return answer.finding(
                            "the code is not HTTP status + service code + case code", location: "\(answer.operation.id) /responseCode",
                            expected: "\(answer.status)\(answer.operation.serviceCode ?? "xx")cc", actual: code)
                    }
                    guard answer.operation.responseCodes.isEmpty || answer.operation.responseCodes.contains(code) else {
                        return answer.finding(
                            "a code the operation does not declare", location: "\(answer.operation.id) /responseCode",
                            expected: answer.operation.responseCodes.joined(separator: ", "), actual: code)
                    }
                    return nil
                }
                return .judge(findings, pass: "\(answers.count) responses carry declared 7-digit codes") { "\($0) responses with a wrong code" }
            },
            Check(
                define(
                    "spec.mandatory-field-error",
                    "A mandatory field missing or left empty, at any depth, is refused with 400xx02 naming the field", requirements: ["PAY-SPEC-03"],
                    tags: ["spec", "negative"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let operation = try probe.operation("emoney-topup")
                let valid = try JSONValue.parse(try probe.topUpBody(wallet, reference: context.uniqueReference()))
                let expected = "400\(operation.serviceCode ?? "")02"
                var findings: [Finding] = [], sent = 0
                for field in context.contract.mandatoryFields(of: operation, in: valid) {
                    var variants = [("without \(field.pointer)", valid.removing(at: field.pointer.tokens[...]))]
                    if field.isString {
                        variants.append(("\(field.pointer) empty", valid.replacing(at: field.pointer.tokens[...], with: .string(""))))
                    }
                    for (what, body) in variants {
                        // A new reference for each, so none is refused as a reuse of another.
                        let body =
                            field.pointer.tokens == ["partnerReferenceNo"]
                            ? body : body.replacing(at: ["partnerReferenceNo"], with: .string(context.uniqueReference()))
                        let answer = try await probe.call("emoney-topup", Array(body.serialized.utf8))
                        sent += 1
                        if answer.responseCode != expected || answer.status != 400 {
                            findings.append(
                                answer.finding(
                                    "a top-up \(what) is not refused as a missing mandatory field", location: field.pointer.description,
                                    expected: "HTTP 400, \(expected)", actual: "HTTP \(answer.status), \(answer.responseCode ?? "no code")"))
                        } else if !(answer.text("responseMessage") ?? "").contains(field.pointer.tokens.last ?? "") {
                            findings.append(
                                answer.finding(
                                    "the message does not name the missing field", location: "\(field.pointer) /responseMessage",
                                    expected: "mentions \(field.pointer.tokens.last ?? "")", actual: answer.text("responseMessage") ?? "(none)"))
                        }
                    }
                }
                return .judge(findings, pass: "\(sent) top-ups each missing or emptying one mandatory field were refused with \(expected), naming it")
                {
                    "\($0) of \(sent) missing fields not reported as the contract says"
                }
            },
        ])
}

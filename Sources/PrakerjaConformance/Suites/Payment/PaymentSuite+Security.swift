import Foundation
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning

extension PaymentSuite {
    /// A finding unless `answer` is the refusal `status` + service code + `caseCode`.
    static func refusal(_ answer: PaymentProbe.Answer, status: Int, caseCode: String, _ what: String) -> Finding? {
        let expected = "\(status)\(answer.operation.serviceCode ?? "xx")\(caseCode)"
        guard answer.responseCode != expected || answer.status != status else { return nil }
        return answer.finding(what, expected: "HTTP \(status), \(expected)", actual: "HTTP \(answer.status), \(answer.responseCode ?? "no code")")
    }

    /// A finding unless the partner's status inquiry knows nothing of `reference`: a refused call must change nothing.
    static func nothingRecorded(_ probe: PaymentProbe, reference: String, statusOperation: String = "topup-status") async throws -> Finding? {
        let disbursement = try probe.operation(statusOperation == "topup-status" ? "emoney-topup" : "intrabank-transfer")
        let status = try await probe.call(statusOperation, try probe.statusBody(reference: reference, of: disbursement))
        guard status.succeeded else { return nil }
        return status.finding(
            "the refused disbursement was recorded anyway", location: "\(statusOperation) \(reference)",
            expected: "404\(status.operation.serviceCode ?? "xx")01 (not found)",
            actual: "status \(status.text("latestTransactionStatus") ?? "?"), amount \(status.amount("amount") ?? "?")")
    }

    /// The one line of a refusal check that failed: the disbursement went through, or it was
    /// refused and yet the status of its reference reports a transaction.
    static func refusalFailure(refused: Bool, _ accepted: String) -> String {
        refused ? "refused, but the status of its reference reports a transaction" : accepted
    }

    /// Sends a top-up tampered with `tampering`, expects 401 and no disbursement.
    static func refusedTopUp(_ context: CheckContext, _ what: String, tampering: (String) -> PaymentProbe.Tampering) async throws -> CheckOutcome {
        let probe = try PaymentProbe(context)
        let wallet = try probe.account("verifiedWallet", number: "customerNumber")
        let reference = context.uniqueReference()
        let body = try probe.topUpBody(wallet, reference: reference)
        let answer = try await probe.call("emoney-topup", body, tampering: tampering(reference))
        var findings: [Finding] = []
        if answer.status != 401 {
            findings.append(
                answer.finding("\(what) was not refused", expected: "HTTP 401", actual: "HTTP \(answer.status), \(answer.responseCode ?? "no code")"))
        }
        if let recorded = try await nothingRecorded(probe, reference: reference) { findings.append(recorded) }
        return .judge(findings, pass: "\(what) was refused with HTTP 401 and nothing was paid") { _ in
            refusalFailure(refused: answer.status == 401, "\(what) was accepted")
        }
    }

    static let securityGroup = CheckGroup(
        id: "payment.security", title: "Security",
        checks: [
            Check(
                define(
                    "security.unauthenticated-refused", "A transaction call without token and signature is refused",
                    clause: "Authentication; 401xx01", tags: ["security"])
            ) { context in
                try await refusedTopUp(context, "a top-up without Authorization and X-SIGNATURE") { _ in PaymentProbe.Tampering(unauthenticated: true)
                }
            },
            Check(
                define(
                    "security.bad-signature-refused", "A transaction call with a wrong X-SIGNATURE is refused",
                    clause: "Authentication; 401xx00", tags: ["security"])
            ) { context in
                let forged = Data((0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37) }).base64EncodedString()
                return try await refusedTopUp(context, "a top-up with a forged X-SIGNATURE") { _ in PaymentProbe.Tampering(signature: forged) }
            },
            Check(
                define(
                    "security.stale-timestamp-refused", "A transaction call signed 10 minutes ago is refused",
                    clause: "X-TIMESTAMP within 300 seconds; 401xx00", tags: ["security"])
            ) { context in
                try await refusedTopUp(context, "a top-up correctly signed at a timestamp 600 s old") { _ in
                    PaymentProbe.Tampering(timestamp: Date().addingTimeInterval(-600))
                }
            },
            Check(
                define(
                    "security.token-signature-required", "An access-token request with a wrong RSA signature is refused",
                    clause: "/v1.0/access-token/b2b; 401xx00", tags: ["security"], inputs: [])
            ) { context in
                let probe = try PaymentProbe(context)
                let operation = try probe.operation("access-token")
                let timestamp = SNAPTimestamp.format(Date())
                let forged = Data((0..<256).map { UInt8(truncatingIfNeeded: $0 &* 7) }).base64EncodedString()
                let headers: [(name: String, value: String)] = [
                    ("Content-Type", "application/json"), ("X-TIMESTAMP", timestamp),
                    ("X-CLIENT-KEY", probe.clientID), ("X-SIGNATURE", forged),
                ]
                let answer = try await probe.send(operation, headers: headers, body: Array(#"{"grantType":"client_credentials"}"#.utf8))
                let finding =
                    answer.status == 401 && answer.text("accessToken") == nil
                    ? nil
                    : answer.finding(
                        "a token request with a forged signature was not refused", expected: "HTTP 401, no token",
                        actual: "HTTP \(answer.status)\(answer.text("accessToken") == nil ? "" : ", a token")")
                return .judge(finding.map { [$0] } ?? [], pass: "refused with HTTP 401") { _ in "a forged token request got a token" }
            },
            Check(
                define(
                    "security.replayed-request-refused", "The same signed call sent twice is refused the second time",
                    clause: "X-EXTERNAL-ID unique per day; 409xx00", tags: ["security"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let body = try probe.walletInquiryBody(wallet)
                let externalID = PaymentPartnerClient.newExternalID()
                let timestamp = Date()
                let first = try await probe.call("emoney-account-inquiry", body, tampering: .init(timestamp: timestamp, externalID: externalID))
                guard first.succeeded else {
                    throw CheckError.partner("the first, valid inquiry was refused: HTTP \(first.status), \(first.responseCode ?? "no code")")
                }
                let replay = try await probe.call("emoney-account-inquiry", body, tampering: .init(timestamp: timestamp, externalID: externalID))
                let finding = refusal(replay, status: 409, caseCode: "00", "the replayed call (same X-EXTERNAL-ID, same signature) was not refused")
                return .judge(finding.map { [$0] } ?? [], pass: "the replay was refused with 409") { _ in "a replayed call was answered" }
            },
        ])
}

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

    /// What an answer was, in a few words, from its status and parsed body: `accepted (2003800)`,
    /// `refused (4033805 Do Not Honor)`.
    static func describe(_ answer: PaymentProbe.Answer) -> String {
        let code = [answer.responseCode, answer.text("responseMessage")].compactMap { $0 }.joined(separator: " ")
        return "\(answer.succeeded ? "accepted" : "refused") (HTTP \(answer.status)\(code.isEmpty ? "" : ", \(code)"))"
    }

    /// A finding if the partner's status inquiry reports a transaction for `reference`, which a
    /// refused disbursement must not have made; the message says what the disbursement's own
    /// answer was, so it never calls an accepted call refused.
    static func nothingRecorded(
        _ probe: PaymentProbe, reference: String, after answer: PaymentProbe.Answer, statusOperation: String = "topup-status"
    ) async throws -> Finding? {
        let disbursement = try probe.operation(statusOperation == "topup-status" ? "emoney-topup" : "intrabank-transfer")
        let status = try await probe.call(statusOperation, try probe.statusBody(reference: reference, of: disbursement))
        guard status.succeeded else { return nil }
        return status.finding(
            answer.succeeded
                ? "the disbursement was made: its status reports a transaction"
                : "the disbursement was refused (\(answer.responseCode ?? "no code")), yet its status reports a transaction",
            location: "\(statusOperation) \(reference)",
            expected: "404\(status.operation.serviceCode ?? "xx")01 (not found)",
            actual: "status \(status.text("latestTransactionStatus") ?? "?"), amount \(status.amount("amount") ?? "?")")
    }

    /// Sends a top-up tampered with `tampering`, expects the refusal 401xx`caseCode` and no disbursement.
    static func refusedTopUp(
        _ context: CheckContext, _ what: String, status: Int = 401, caseCode: String, tampering: (String) -> PaymentProbe.Tampering
    ) async throws -> CheckOutcome {
        let probe = try PaymentProbe(context)
        let wallet = try probe.account("verifiedWallet", number: "customerNumber")
        let reference = context.uniqueReference()
        let body = try probe.topUpBody(wallet, reference: reference)
        let answer = try await probe.call("emoney-topup", body, tampering: tampering(reference))
        var findings: [Finding] = []
        if let wrong = refusal(answer, status: status, caseCode: caseCode, "\(what) was \(describe(answer))") { findings.append(wrong) }
        if let recorded = try await nothingRecorded(probe, reference: reference, after: answer) { findings.append(recorded) }
        return .judge(findings, pass: "\(what) was refused with \(status)xx\(caseCode) and nothing was paid") { _ in findings.summary }
    }

    /// Top-ups each tampered one way, judged together: each refused with 401xx`caseCode`, nothing paid.
    static func refusedTopUps(
        _ context: CheckContext, caseCode: String, pass: String, _ probes: [(what: String, tampering: PaymentProbe.Tampering)]
    ) async throws -> CheckOutcome {
        var findings: [Finding] = []
        for probe in probes { findings += try await refusedTopUp(context, probe.what, caseCode: caseCode) { _ in probe.tampering }.findings }
        return .judge(findings, pass: pass) { _ in findings.summary }
    }

    /// The whole second `offset` seconds from now: when a token request a check signs itself is stamped.
    static func tokenTimestamp(_ offset: TimeInterval) -> Date { Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + offset).rounded(.down)) }

    /// A token request's finding unless it got 401 and no token.
    static func tokenRefused(_ answer: PaymentProbe.Answer, _ what: String) -> [Finding] {
        let token = answer.text("accessToken")
        guard answer.status != 401 || token != nil else { return [] }
        let got = token == nil ? "no token" : "a token"
        return [answer.finding("\(what) got \(got) and HTTP \(answer.status)", expected: "HTTP 401 (4017300), no token", actual: describe(answer))]
    }

    static let securityGroup = CheckGroup(
        id: "payment.security", title: "Security",
        checks: [
            Check(
                define(
                    "security.unauthenticated-refused",
                    "A transaction call without a bearer token, or with the token sent without its scheme word, is refused with 401xx01",
                    requirements: ["PAY-AUTH-04"], tags: ["security"])
            ) { context in
                // `Authorization: <token>`, correctly signed over the token: only the scheme is missing.
                try await refusedTopUps(
                    context, caseCode: "01",
                    pass: "top-ups without Authorization, and with the token alone in it, were refused with 401xx01, nothing paid",
                    [
                        ("a top-up without Authorization", .init(withoutToken: true)),
                        ("a top-up whose Authorization is the token alone, without its scheme word", .init(withoutBearerScheme: true)),
                    ])
            },
            Check(
                define(
                    "security.unknown-token-refused", "A transaction call with a bearer token the partner never issued is refused with 401xx01",
                    requirements: ["PAY-AUTH-05"], tags: ["security"])
            ) { context in
                // Correctly signed over the token it carries, so only the token is wrong; sent while
                // the kit holds a live token (a partner that checks only that some token is live fails).
                let never = "never-issued-" + context.runToken
                _ = try await PaymentProbe(context).client.accessToken()
                return try await refusedTopUp(context, "a top-up with a bearer token never issued", caseCode: "01") { _ in
                    PaymentProbe.Tampering(token: never)
                }
            },
            Check(
                define(
                    "security.other-clients-token-refused",
                    "A transaction call whose X-PARTNER-ID is not the client its bearer token was issued to is refused with 401xx01",
                    requirements: ["PAY-AUTH-05"], tags: ["security"])
            ) { context in
                // The kit's own live token, correctly signed over, presented as another client's.
                try await refusedTopUp(context, "a top-up with the program's token presented by another X-PARTNER-ID", caseCode: "01") { _ in
                    PaymentProbe.Tampering(partnerID: "PRAKERJA-OTHER-\(context.runToken.prefix(8))")
                }
            },
            Check(
                define(
                    "security.bad-signature-refused",
                    "A transaction call with a wrong X-SIGNATURE (forged, or right but for its last digits) is refused with 401xx00",
                    requirements: ["PAY-AUTH-06"], tags: ["security"])
            ) { context in
                let forged = Data((0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37) }).base64EncodedString()
                // Right for all but its last digits: a partner comparing a prefix lets it through.
                return try await refusedTopUps(
                    context, caseCode: "00", pass: "a forged signature and one wrong in its last digits were refused with 401xx00, nothing paid",
                    [
                        ("a top-up with a forged X-SIGNATURE", .init(signature: forged)),
                        ("a top-up whose X-SIGNATURE is wrong only in its last digits", .init(signatureWrongAtTheEnd: true)),
                    ])
            },
            Check(
                define(
                    "security.stale-timestamp-refused",
                    "A transaction call stamped just over 300 s, or 10 minutes, behind or ahead is refused with 401xx00; "
                        + "one stamped now in another UTC offset is answered",
                    requirements: ["PAY-AUTH-07"], tags: ["security"])
            ) { context in
                // The window is the same both ways: a partner that only looks back accepts a
                // pre-signed request for as long as its clock has not reached it.
                let window = try await refusedTopUps(
                    context, caseCode: "00", pass: "",
                    [-310.0, -600.0, 310.0, 600.0].map { offset in
                        let when = offset < 0 ? "\(Int(-offset)) s old" : "\(Int(offset)) s ahead"
                        return (
                            "a top-up correctly signed at a timestamp \(when)", PaymentProbe.Tampering(timestamp: Date().addingTimeInterval(offset))
                        )
                    })
                var findings = window.findings
                // ISO-8601 with an offset: the same instant written in UTC is as fresh, and read as
                // Jakarta digits it would be seven hours stale (a partner ignoring the offset refuses it).
                let probe = try PaymentProbe(context)
                let body = try probe.walletInquiryBody(try probe.account("verifiedWallet", number: "customerNumber"))
                let utc = try await probe.call("emoney-account-inquiry", body, tampering: .init(utcOffsetSeconds: 0))
                if !utc.succeeded {
                    findings.append(
                        utc.finding(
                            "an inquiry correctly signed now, its X-TIMESTAMP written in UTC (+00:00), was \(describe(utc))",
                            expected: "answered (HTTP 200): the timestamp is inside the window whatever its offset", actual: describe(utc)))
                }
                return .judge(
                    findings,
                    pass:
                        "top-ups stamped 310 s and 600 s behind and ahead were refused with 401xx00, nothing paid; an inquiry stamped now in UTC was answered"
                ) { _ in findings.summary }
            },
            Check(
                define(
                    "security.token-signature-required",
                    "An access-token request with a wrong RSA signature, or one that is not base64, gets 401 and no token",
                    requirements: ["PAY-AUTH-01"], tags: ["security"], inputs: [])
            ) { context in
                let probe = try PaymentProbe(context)
                let operation = try probe.operation("access-token")
                let timestamp = SNAPTimestamp.format(Date())
                let forged = Data((0..<256).map { UInt8(truncatingIfNeeded: $0 &* 7) }).base64EncodedString()
                let headers: [(name: String, value: String)] = [
                    ("Content-Type", "application/json"), ("X-TIMESTAMP", timestamp),
                    ("X-CLIENT-KEY", probe.clientID), ("X-SIGNATURE", forged),
                ]
                let body = Array(#"{"grantType":"client_credentials"}"#.utf8)
                var findings = tokenRefused(try await probe.send(operation, headers: headers, body: body), "a token request with a forged signature")
                // A signature that is not base64 at all must not skip the check. Another second, so
                // a partner that counts a refused request as answered still judges this one.
                let undecodable = headers.map {
                    switch $0.name {
                    case "X-SIGNATURE": ($0.name, "not*base64!")
                    case "X-TIMESTAMP": ($0.name, SNAPTimestamp.format(tokenTimestamp(-2)))
                    default: $0
                    }
                }
                findings += tokenRefused(
                    try await probe.send(operation, headers: undecodable, body: body), "a token request whose X-SIGNATURE is not base64")
                return .judge(findings, pass: "a forged signature and one that is not base64 were refused with HTTP 401, no token") { _ in
                    findings.summary
                }
            },
            Check(
                define(
                    "security.token-stale-timestamp-refused", "An access-token request correctly signed just over 300 s ago gets 401 and no token",
                    requirements: ["PAY-AUTH-02"], tags: ["security"], inputs: [])
            ) { context in
                let probe = try PaymentProbe(context)
                var findings: [Finding] = []
                for age in [310.0, 600.0] {
                    findings += tokenRefused(try await probe.tokenRequest(at: tokenTimestamp(-age)), "a token request signed \(Int(age)) s ago")
                }
                return .judge(findings, pass: "token requests signed 310 s and 600 s ago were refused with 401, no token") { _ in findings.summary }
            },
            Check(
                define(
                    "security.token-replay-refused", "The same access-token request sent again, at once or after three others, gets no second token",
                    requirements: ["PAY-AUTH-03"], tags: ["security"], inputs: [])
            ) { context in
                let probe = try PaymentProbe(context)
                // A token request is its client and second alone, so any second in the window may
                // already have been used, by this run's client or an earlier run's (seconds ago,
                // in another process). The first second the partner answers with a token is one
                // nobody used; that exact request is then sent again.
                var answered: (timestamp: Date, answer: PaymentProbe.Answer)?
                var refusals: [PaymentProbe.Answer] = []
                for secondsBack in stride(from: 3.0, through: 39, by: 4) where answered == nil {
                    let timestamp = tokenTimestamp(-secondsBack)
                    let answer = try await probe.tokenRequest(at: timestamp)
                    if answer.status == 200, answer.text("accessToken") != nil { answered = (timestamp, answer) } else { refusals.append(answer) }
                }
                guard let (timestamp, _) = answered else {
                    throw CheckError.partner("10 valid token requests, 3 to 39 s old, were all refused; the last was \(describe(refusals.last!))")
                }
                var findings = tokenRefused(try await probe.tokenRequest(at: timestamp), "the same token request sent again")
                // A memory of the last few requests forgets it: three others in between, then once more.
                var others = 0
                for secondsBack in stride(from: 41.0, through: 120, by: 2) where others < 3 {
                    if try await probe.tokenRequest(at: tokenTimestamp(-secondsBack)).status == 200 { others += 1 }
                }
                findings += tokenRefused(
                    try await probe.tokenRequest(at: timestamp), "the same token request sent again after \(others) other token requests")
                return .judge(findings, pass: "the repeated token request was refused with 401, no token, at once and after 3 others") { _ in
                    findings.summary
                }
            },
            Check(
                define(
                    "security.replayed-request-refused", "A signed call sent twice, or a new one reusing its X-EXTERNAL-ID, is refused with 409xx00",
                    requirements: ["PAY-AUTH-08"], tags: ["security"])
            ) { context in
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let body = try probe.walletInquiryBody(wallet)
                let externalID = PaymentPartnerClient.newExternalID()
                let timestamp = Date()
                let first = try await probe.call("emoney-account-inquiry", body, tampering: .init(timestamp: timestamp, externalID: externalID))
                guard first.succeeded else {
                    throw CheckError.partner("the first, valid inquiry was \(describe(first))")
                }
                let replay = try await probe.call("emoney-account-inquiry", body, tampering: .init(timestamp: timestamp, externalID: externalID))
                // The ID, not the signature, is the key: a new request (another body, so another
                // signature) with a used X-EXTERNAL-ID is refused too.
                let another = try probe.walletInquiryBody(wallet)
                let reused = try await probe.call("emoney-account-inquiry", another, tampering: .init(externalID: externalID))
                let findings = [
                    refusal(replay, status: 409, caseCode: "00", "the replayed call (same X-EXTERNAL-ID, same signature) was \(describe(replay))"),
                    refusal(
                        reused, status: 409, caseCode: "00",
                        "a new, correctly signed call reusing the X-EXTERNAL-ID (another body and signature) was \(describe(reused))"),
                ]
                .compactMap { $0 }
                return .judge(findings, pass: "the replay, and a new call reusing its X-EXTERNAL-ID, were refused with 409xx00") { _ in
                    findings.summary
                }
            },
            Check(
                define(
                    "security.external-id-remembered",
                    "A new, correctly signed call reusing an X-EXTERNAL-ID limits.replayWaitSeconds (65 s) later, the same Jakarta day, is refused with 409xx00",
                    requirements: ["PAY-AUTH-08"], tags: ["security", Selection.slowTag])
            ) { context in
                // The ID is spent for the whole Jakarta day, not for as long as a cache keeps it.
                let probe = try PaymentProbe(context)
                let wallet = try probe.account("verifiedWallet", number: "customerNumber")
                let externalID = PaymentPartnerClient.newExternalID()
                let started = Date()
                let first = try await probe.call(
                    "emoney-account-inquiry", try probe.walletInquiryBody(wallet), tampering: .init(externalID: externalID))
                guard first.succeeded else { throw CheckError.partner("the first, valid inquiry was \(describe(first))") }
                let wait = context.config.replayWait
                try await Task.sleep(for: wait)
                guard CalendarDate(started) == CalendarDate(Date()) else {
                    throw CheckError.kit(
                        "Jakarta's midnight passed during the wait, and an X-EXTERNAL-ID is unique per day only; run the check again")
                }
                let reused = try await probe.call(
                    "emoney-account-inquiry", try probe.walletInquiryBody(wallet), tampering: .init(externalID: externalID))
                let what = "a new, correctly signed call reusing an X-EXTERNAL-ID \(Int(wait.milliseconds / 1000)) s after its first use"
                let findings = [refusal(reused, status: 409, caseCode: "00", "\(what) was \(describe(reused))")].compactMap { $0 }
                return .judge(findings, pass: "\(what) was refused with 409xx00") { _ in findings.summary }
            },
        ])
}

import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaReferencePartners
import PrakerjaSigning
import PrakerjaTestSupport
import Synchronization
import Testing

/// Every kind of bad input, sent to every operation of the reference payment partner: each is
/// refused in the contract's error form with a specific 7-digit code, and none is a 500.
@Suite struct PaymentBadInputTests {
    typealias Path = PaymentPartnerAdapter.Path

    /// A valid body for each transaction operation, its service, and the field a wrong type goes into.
    static let operations: [(path: String, service: SNAPService, body: String, field: String)] = [
        (
            Path.eMoneyAccountInquiry, .eMoneyAccountInquiry,
            #"{"partnerReferenceNo":"B-1","customerNumber":"6281234567801","additionalInfo":{"nik":"3273014508950001"}}"#, "customerNumber"
        ),
        (
            Path.bankAccountInquiry, .bankAccountInquiry,
            #"{"partnerReferenceNo":"B-2","beneficiaryAccountNo":"1234567801","additionalInfo":{"nik":"3273014508950001"}}"#, "beneficiaryAccountNo"
        ),
        (
            Path.topUp, .topUp,
            #"{"partnerReferenceNo":"B-3","customerNumber":"6281234567801","customerName":"Siti Rahmawati","amount":{"value":"600000.00","currency":"IDR"},"feeAmount":{"value":"0.00","currency":"IDR"},"transactionDate":"2026-11-29T10:00:00+07:00","notes":"Insentif","additionalInfo":{"nik":"3273014508950001","incentiveMonth":1}}"#,
            "amount.value"
        ),
        (
            Path.intrabankTransfer, .intrabankTransfer,
            #"{"partnerReferenceNo":"B-4","amount":{"value":"600000.00","currency":"IDR"},"beneficiaryAccountNo":"1234567801","remark":"Insentif","transactionDate":"2026-11-29T10:00:00+07:00","additionalInfo":{"nik":"3273014508950001","incentiveMonth":1}}"#,
            "additionalInfo.incentiveMonth"
        ),
        (Path.topUpStatus, .topUpStatus, #"{"originalPartnerReferenceNo":"B-3","serviceCode":"38"}"#, "serviceCode"),
        (Path.transferStatus, .transferStatus, #"{"originalPartnerReferenceNo":"B-4","serviceCode":"17"}"#, "originalPartnerReferenceNo"),
    ]

    /// `body` with the value at `field` (a dotted path) replaced by a JSON array: a wrong type everywhere.
    static func wrongType(_ body: String, at field: String) -> [UInt8] {
        var object = try! JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        func replace(_ object: inout [String: Any], _ keys: ArraySlice<Substring>) {
            let key = String(keys.first!)
            if keys.count == 1 {
                object[key] = [1, 2]
                return
            }
            var inner = object[key] as! [String: Any]
            replace(&inner, keys.dropFirst())
            object[key] = inner
        }
        replace(&object, field.split(separator: ".")[...])
        return Array(try! JSONSerialization.data(withJSONObject: object))
    }

    /// Expects `response` to be the contract's refusal with `outcome` for `service`.
    static func expectRefusal(
        _ response: TransportResponse, _ outcome: SNAPOutcome, _ service: SNAPService, naming detail: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let failure = try? JSONDecoder().decode(SNAPFailure.self, from: Data(response.body))
        #expect(response.status == outcome.httpStatus, "HTTP status", sourceLocation: sourceLocation)
        #expect(
            failure?.responseCode == SNAPResponseCode(outcome, service: service).description,
            "\(String(decoding: response.body, as: UTF8.self))", sourceLocation: sourceLocation)
        if let detail {
            #expect(
                failure?.responseMessage.contains(detail) == true, "the message names \(detail): \(failure?.responseMessage ?? "none")",
                sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: operations.indices)
    func everyTransactionOperationRefusesBadInput(_ index: Int) async throws {
        let (path, service, valid, field) = Self.operations[index]
        try await PaymentHarness.run { h in
            // Malformed JSON, signed as if it were the valid body.
            let token = try await h.client.accessToken()
            let signed = try SNAPSymmetricSignature(clientSecret: TestCredentials.clientSecret).headers(
                method: "POST", path: path, accessToken: token, body: Array(valid.utf8), timestamp: SNAPTimestamp.format(Date()),
                partnerID: TestCredentials.clientID, externalID: PaymentPartnerClient.newExternalID(), channelID: "95221")
            let truncated = Array(valid.utf8.dropLast(7))
            Self.expectRefusal(try await h.send(path, body: truncated, headers: signed.fields), .badRequest, service, naming: "not JSON")

            // One request to one reader and another to the next: a key twice; not sent as JSON.
            let first = String(valid.dropFirst(2).prefix { $0 != "\"" })
            let twice = Array((valid.dropLast() + #","\#(first)":"again"}"#).utf8)
            Self.expectRefusal(try await h.client.signedCall(path: path, body: twice), .badRequest, service, naming: "\(first) appears twice")
            let asText = try await h.client.signedCall(
                path: path, body: Array(valid.utf8),
                adjust: { headers in headers = headers.map { $0.name.lowercased() == "content-type" ? ($0.name, "text/plain") : $0 } })
            Self.expectRefusal(asText, .badRequest, service, naming: "Content-Type")

            // Wrong type and missing fields, correctly signed.
            Self.expectRefusal(
                try await h.client.signedCall(path: path, body: Self.wrongType(valid, at: field)),
                .invalidFieldFormat, service, naming: field)
            Self.expectRefusal(try await h.client.signedCall(path: path, body: Array("{}".utf8)), .invalidMandatoryField, service)
            Self.expectRefusal(try await h.client.signedCall(path: path, body: Array("[1]".utf8)), .invalidFieldFormat, service)

            // Oversized: refused before anything is read into memory past the limit.
            let huge = Array(#"{"partnerReferenceNo":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 1 << 20) + Array(#""}"#.utf8)
            Self.expectRefusal(try await h.client.signedCall(path: path, body: huge), .bodyTooLarge, service)

            // Missing, wrong or stale auth.
            Self.expectRefusal(
                try await h.send(path, body: Array(valid.utf8), headers: [("X-EXTERNAL-ID", "1"), ("CHANNEL-ID", "95221")]),
                .invalidToken, service)
            Self.expectRefusal(
                try await h.client.signedCall(
                    path: path, body: Array(valid.utf8),
                    adjust: { headers in
                        headers.removeAll { $0.name == "Authorization" }
                        headers.append(("Authorization", "Bearer not-a-token"))
                    }), .invalidToken, service)
            Self.expectRefusal(
                try await h.client.signedCall(
                    path: path, body: Array(valid.utf8),
                    adjust: { headers in
                        headers.removeAll { $0.name == "X-SIGNATURE" }
                        headers.append(("X-SIGNATURE", String(repeating: "A", count: 86) + "=="))
                    }), .unauthorized, service, naming: "signature")
            Self.expectRefusal(
                try await h.client.signedCall(
                    path: path, body: Array(valid.utf8),
                    adjust: { headers in
                        headers.removeAll { $0.name == "X-TIMESTAMP" }
                        headers.append(("X-TIMESTAMP", SNAPTimestamp.format(Date().addingTimeInterval(-3_600))))
                    }), .unauthorized, service)
            Self.expectRefusal(
                try await h.client.signedCall(
                    path: path, body: Array(valid.utf8),
                    adjust: { headers in
                        headers.removeAll { $0.name == "X-EXTERNAL-ID" }
                    }), .invalidMandatoryField, service, naming: "X-EXTERNAL-ID")
            #expect(h.partner.ledger.credited(to: .eWallet(try PhoneNumber("081234567801"))) == .zero, "nothing was paid")
        }
    }

    @Test func theTokenEndpointRefusesBadInput() async throws {
        try await PaymentHarness.run { h in
            let path = Path.accessToken
            // Each signed attempt gets its own second, so that none is refused as a replay of another.
            let seconds = Mutex(0), start = Date()
            func tokenHeaders(_ clientID: String = TestCredentials.clientID, at fixed: Date? = nil) throws -> [(name: String, value: String)] {
                let date =
                    fixed
                    ?? start.addingTimeInterval(
                        -TimeInterval(
                            seconds.withLock {
                                $0 += 1
                                return $0
                            }))
                return try SNAPAsymmetricSignature.tokenHeaders(
                    privateKey: try SNAPPrivateKey(pem: TestCredentials.programPrivateKeyPEM),
                    clientID: clientID, timestamp: SNAPTimestamp.format(date)
                ).fields
            }
            let grant = Array(#"{"grantType":"client_credentials"}"#.utf8)
            Self.expectRefusal(
                try await h.send(path, body: Array("{\"grantType\":".utf8), headers: try tokenHeaders()), .invalidFieldFormat, .accessToken)
            Self.expectRefusal(
                try await h.send(path, body: Array("{}".utf8), headers: try tokenHeaders()),
                .invalidMandatoryField, .accessToken, naming: "grantType")
            Self.expectRefusal(
                try await h.send(path, body: Array(#"{"grantType":7}"#.utf8), headers: try tokenHeaders()),
                .invalidFieldFormat, .accessToken, naming: "grantType")
            Self.expectRefusal(
                try await h.send(path, body: Array(#"{"grantType":"password"}"#.utf8), headers: try tokenHeaders()),
                .invalidFieldFormat, .accessToken, naming: "grantType")
            Self.expectRefusal(
                try await h.send(path, body: grant + Array(repeating: UInt8(ascii: " "), count: 1 << 20), headers: try tokenHeaders()),
                .bodyTooLarge, .accessToken)
            Self.expectRefusal(try await h.send(path, body: grant, headers: []), .unauthorized, .accessToken, naming: "X-CLIENT-KEY")
            Self.expectRefusal(try await h.send(path, body: grant, headers: try tokenHeaders("SOMEONE")), .unauthorized, .accessToken)
            Self.expectRefusal(
                try await h.send(path, body: grant, headers: try tokenHeaders(at: Date().addingTimeInterval(-3_600))),
                .unauthorized, .accessToken)
            var forged = try tokenHeaders()
            forged.removeAll { $0.name == "X-SIGNATURE" }
            forged.append(("X-SIGNATURE", Data(repeating: 7, count: 256).base64EncodedString()))
            Self.expectRefusal(try await h.send(path, body: grant, headers: forged), .unauthorized, .accessToken, naming: "signature")
        }
    }

    @Test func anExpiredTokenIsRefused() async throws {
        let clock = SteppingClock(Date())
        try await PaymentHarness.run(clock: clock.signingClock) { h in
            let token = try await h.client.accessToken()
            clock.advance(by: .seconds(901))
            let expired = try await h.client.signedCall(
                path: Path.topUpStatus, body: Array(Self.operations[4].body.utf8),
                adjust: { headers in
                    headers.removeAll { $0.name == "Authorization" }
                    headers.append(("Authorization", "Bearer \(token)"))
                })
            Self.expectRefusal(expired, .invalidToken, .topUpStatus)
            let renewed = try await h.client.accessToken()
            #expect(renewed != token, "the client renews a token about to expire")
        }
    }
}

import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSandbox
import PrakerjaSigning
import Testing

/// Refusals that must change nothing: bad signatures, the wrong role, and malformed bodies.
@Suite struct SecurityAndInputTests {
    static let statusPath = Operations.redeemStatus.path
    static let body = Array(#"{"redeem_code":"PRAT-TC1-001-200","sequence":1}"#.utf8)

    @Test func signaturesAreVerifiedLikeTheProgram() async throws {
        try await SandboxHarness.run { h in
            let lp = SandboxHarness.lpClient
            func send(_ headers: [(String, String)], body: [UInt8] = Self.body) async throws -> String? {
                try await h.post(Self.statusPath, body: body, headers: headers).envelope?.code
            }
            let valid = h.signedHeaders(lp, path: Self.statusPath, body: Self.body)
            // The same signed request twice at once: a client that asked twice in one second, both
            // answered, one of them flagged (sent together, so a loaded machine cannot part them).
            let request = TransportRequest(method: "POST", url: h.sandbox.baseURL + Self.statusPath, headers: valid, body: Self.body)
            async let first = AsyncHTTPClientTransport.shared.send(request, timeout: .seconds(10))
            async let second = AsyncHTTPClientTransport.shared.send(request, timeout: .seconds(10))
            let pair = try await [first, second]
            #expect(pair.map(\.status) == [200, 200])
            #expect(pair.filter { $0.header("X-Sandbox-Tolerated")?.contains("repeated-within-a-second") == true }.count == 1)
            // Later than that it is a replay of a captured request.
            h.signatureClock.advance(by: .milliseconds(2_500))
            #expect(try await send(valid) == ProgramErrorCode.replayedRequest.code, "the same signed request later is a replay")
            #expect(try await send(valid.filter { $0.0 != "signature" }) == ProgramErrorCode.missingHeader.code)
            #expect(try await send(valid.filter { $0.0 != "timestamp" }) == ProgramErrorCode.missingHeader.code)
            #expect(
                try await send(
                    h.signedHeaders(
                        try SandboxClient(role: .lp, code: "LPUNKNOWN", signKey: "whatever-key"), path: Self.statusPath,
                        body: Self.body)) == ProgramErrorCode.unknownClient.code)
            #expect(
                try await send(h.signedHeaders(lp, path: Self.statusPath, body: Self.body, at: h.signatureClock.now - 310))
                    == ProgramErrorCode.staleTimestamp.code)
            #expect(
                try await send(h.signedHeaders(lp, path: Self.statusPath, body: Self.body, at: h.signatureClock.now + 310))
                    == ProgramErrorCode.staleTimestamp.code)
            let fresh = h.signedHeaders(lp, path: Self.statusPath, body: Self.body, at: h.signatureClock.now - 5)
            let tampered = Array(#"{"redeem_code":"PRAT-TC1-001-200","sequence":2}"#.utf8)
            #expect(try await send(fresh, body: tampered) == ProgramErrorCode.signatureMismatch.code)
            #expect(try await send(fresh.map { $0.0 == "signature" ? ($0.0, $0.1.uppercased()) : $0 }) == ProgramErrorCode.malformedSignature.code)
            #expect(try await send(fresh.map { $0.0 == "timestamp" ? ($0.0, "yesterday") : $0 }) == ProgramErrorCode.malformedTimestamp.code)
            let wrongKey = try SandboxClient(role: .lp, code: lp.code, signKey: "not-the-real-key")
            #expect(
                try await send(h.signedHeaders(wrongKey, path: Self.statusPath, body: Self.body, at: h.signatureClock.now - 6))
                    == ProgramErrorCode.signatureMismatch.code)
            let dpCalling = h.signedHeaders(SandboxHarness.dpClient, path: Self.statusPath, body: Self.body)
            let forbidden = try await h.post(Self.statusPath, body: Self.body, headers: dpCalling)
            #expect(forbidden.status == 403)
            #expect(forbidden.envelope?.code == ProgramErrorCode.roleNotAllowed.code)
        }
    }

    @Test func aRefusedCommitChangesNothing() async throws {
        try await SandboxHarness.run { h in
            let code = try RedeemCode("PRAT-TC1-001-200")
            try await h.verifyAttendance(code, .session(1), email: "nochange@example.id")
            let path = Operations.commitRedeem.path, body = Array(#"{"redeem_code":"PRAT-TC1-001-200"}"#.utf8)
            let forged = try SandboxClient(role: .lp, code: SandboxHarness.lpClient.code, signKey: "forged-sign-key")
            #expect(try await h.post(path, body: body, headers: h.signedHeaders(forged, path: path, body: body)).status == 401)
            #expect(
                try await h.post(path, body: body, headers: h.signedHeaders(SandboxHarness.lpClient, path: path, body: body, at: Date() - 600)).status
                    == 401)
            #expect(try await h.lp.redeemStatus(code: code, sequence: .session(1)).status == .active)
            #expect(try await h.lp.commitRedeem(code: code).status == .redeemed)
        }
    }

    /// Every operation gets malformed JSON, wrong types, a missing field and an oversized body:
    /// each answered with the error envelope and its code, never a 500.
    @Test(arguments: Operations.all.map(\.id))
    func malformedRequestsGetTheEnvelopeNeverA500(_ id: String) async throws {
        let operation = try #require(Operations.named(id))
        let client = operation.role == .lp ? SandboxHarness.lpClient : SandboxHarness.dpClient
        try await SandboxHarness.run { h in
            let cases: [(String, [UInt8], Int, ProgramErrorCode)] = [
                ("not JSON", Array("{redeem_code: nope".utf8), 400, .malformedJSON),
                ("an array", Array("[1,2,3]".utf8), 400, .malformedJSON),
                ("empty", [], 400, .malformedJSON),
                ("a missing field", Array("{}".utf8), 400, .emptyField),
                (
                    "over 1 MiB", Array("{\"pad\":\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 1 << 20) + Array("\"}".utf8), 413,
                    .bodyTooLarge
                ),
            ]
            for (index, (name, body, status, code)) in cases.enumerated() {
                let headers = h.signedHeaders(client, path: operation.path, body: body, at: Date() - Double(index))
                let response = try await h.post(operation.path, body: body, headers: headers)
                #expect(response.status == status, "\(id), \(name): HTTP \(response.status)")
                #expect(response.envelope?.code == code.code, "\(id), \(name): \(response.envelope?.code ?? "no envelope")")
            }
            // A field of the wrong type, named in the message.
            let wrongType = Array(
                #"{"redeem_code":12345,"sequence":"one","course_code":7,"schedule_code":[],"invoice_code":1,"transaction_code":2,"code":3,"access_token":4,"otp":5,"invoice_url":6,"user_platform_id":8,"prakerja_id":9,"amount":"x","scope":1,"url_file":1,"redirect_uri":1,"email":1,"notes":1}"#
                    .utf8)
            let response = try await h.post(
                operation.path, body: wrongType, headers: h.signedHeaders(client, path: operation.path, body: wrongType, at: Date() - 10))
            #expect(response.status == 400)
            #expect(response.envelope?.code == ProgramErrorCode.invalidField.code, "\(id): \(response.envelope?.message ?? "")")
            #expect(response.envelope?.message.contains("wrong type") == true)
        }
    }

    @Test func unknownPathsAndMethodsGetTheEnvelope() async throws {
        try await SandboxHarness.run { h in
            let unknown = try await h.post(
                "/api/v1/integration/payment/refund", body: Self.body,
                headers: h.signedHeaders(SandboxHarness.dpClient, path: "/api/v1/integration/payment/refund", body: Self.body))
            #expect(unknown.status == 404)
            #expect(unknown.envelope?.code == ProgramErrorCode.unknownEndpoint.code)
            let get = try await AsyncHTTPClientTransport.shared.send(
                TransportRequest(method: "GET", url: h.sandbox.baseURL + Self.statusPath, headers: [], body: []), timeout: .seconds(30))
            #expect(get.status == 405)
            #expect(try JSONDecoder().decode(ErrorEnvelope.self, from: Data(get.body)).code == ProgramErrorCode.methodNotAllowed.code)
        }
    }

    @Test func everyCallIsRecordedWithItsVerdictAndMaskedBodies() async throws {
        try await SandboxHarness.run { h in
            let code = try RedeemCode("PRAT-TC2-001-200")
            _ = try await h.lp.attendanceVerificationURL(
                code: code, sequence: .session(1), redirectURI: "https://lp.example.id/cb",
                email: "rahasia.sekali@example.id")
            let forged = try SandboxClient(role: .lp, code: SandboxHarness.lpClient.code, signKey: "forged-sign-key")
            _ = try await h.post(Self.statusPath, body: Self.body, headers: h.signedHeaders(forged, path: Self.statusPath, body: Self.body))
            let response = try await AsyncHTTPClientTransport.shared.send(
                TransportRequest(method: "GET", url: h.sandbox.baseURL + "/_sandbox/log?client_code=LPKOPI01", headers: [], body: []),
                timeout: .seconds(30))
            let entries = try JSONDecoder().decode([SandboxLogEntry].self, from: Data(response.body))
            #expect(entries.count == 2)
            let first = try #require(entries.first), second = try #require(entries.last)
            #expect(first.path == Operations.attendanceURL.path)
            #expect(first.signature == "valid")
            #expect(first.status == 200)
            #expect(first.outcome == "success")
            #expect(first.requestBody.contains("r*************@example.id"))
            #expect(!first.requestBody.contains("rahasia.sekali"))
            #expect(second.signature.hasPrefix("invalid: signature does not match"))
            #expect(second.status == 401)
            #expect(second.outcome == ProgramErrorCode.signatureMismatch.code)
            #expect(h.sandbox.logEntries(after: first.id).map(\.id) == [second.id])
            #expect(first.time.hasSuffix("+07:00"))
        }
    }
}

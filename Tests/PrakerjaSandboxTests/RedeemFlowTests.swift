import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSandbox
import PrakerjaTestSupport
import Testing

@Suite struct RedeemFlowTests {
    @Test func aWebinarCodeGoesThroughEverySessionAndThePostTest() async throws {
        try await SandboxHarness.run { h in
            let code = try await h.seededCode("WEB-01")
            let first = try await h.lp.redeemStatus(code: code, sequence: .session(1))
            #expect(first.status == .active)
            #expect(first.attendanceStatus == .notVerified)
            #expect(first.courseType == .webinar)
            #expect(first.redeemAt == nil)
            await expectFailure(.attendanceNotVerified) { () async throws(PrakerjaAPIError) in try await h.lp.commitRedeem(code: code) }
            #expect(try await h.verifyAttendance(code, .session(1)) == "success")
            #expect(try await h.lp.redeemStatus(code: code, sequence: .session(1)).isAttendanceVerified)
            let committed = try await h.lp.commitRedeem(code: code)
            #expect(committed.status == .redeemed)
            #expect(committed.redeemAt != nil)
            await expectFailure(.alreadyUsed) { () async throws(PrakerjaAPIError) in try await h.lp.commitRedeem(code: code) }

            // Session 2 is tomorrow: not usable now, usable from an hour before it starts.
            await expectFailure(.outsideUsageWindow) { () async throws(PrakerjaAPIError) in
                try await h.lp.redeemStatus(code: code, sequence: .session(2))
            }
            await expectFailure(.sequenceOutOfOrder) { () async throws(PrakerjaAPIError) in
                try await h.lp.redeemStatus(code: code, sequence: .session(3))
            }
            await expectFailure(.postTestTooEarly) { () async throws(PrakerjaAPIError) in try await h.lp.redeemStatus(code: code, sequence: .postTest)
            }
            h.sandbox.clock.advance(by: 24 * 3600)
            #expect(try await h.lp.redeemStatus(code: code, sequence: .session(2)).sequence == 2)
            #expect(try await h.verifyAttendance(code, .session(2)) == "success")
            await expectFailure(.attendanceAlreadyVerified) { () async throws(PrakerjaAPIError) in
                try await h.lp.attendanceVerificationURL(
                    code: code, sequence: .session(2), redirectURI: "https://lp.example.id/cb", email: "peserta@example.id")
            }
            h.sandbox.clock.advance(by: 24 * 3600)
            #expect(try await h.verifyAttendance(code, .session(3)) == "success")
            // The post-test opens when the last session is over.
            await expectFailure(.postTestTooEarly) { () async throws(PrakerjaAPIError) in try await h.lp.redeemStatus(code: code, sequence: .postTest)
            }
            h.sandbox.clock.advance(by: 4 * 3600)
            let post = try await h.lp.redeemStatus(code: code, sequence: .postTest)
            #expect(post.sequence == 999)
            #expect(post.isRedeemed)
            #expect(try await h.verifyAttendance(code, .postTest) == "success")
        }
    }

    @Test func eachFailureReasonHasItsOwnCode() async throws {
        try await SandboxHarness.run { h in
            let unknown = try RedeemCode("ZZZZZZZZZZZZ")
            await expectFailure(.redeemCodeNotFound) { () async throws(PrakerjaAPIError) in
                try await h.lp.redeemStatus(code: unknown, sequence: .session(1))
            }
            let mine = try await h.seededCode("WEB-01")
            await expectFailure(.notThisProvidersCode) { () async throws(PrakerjaAPIError) in
                try await h.otherLP.redeemStatus(code: mine, sequence: .session(1))
            }
            let selfPaced = try await h.seededCode("LMS-01")
            await expectFailure(.wrongTrainingType) { () async throws(PrakerjaAPIError) in
                try await h.lp.redeemStatus(code: selfPaced, sequence: .session(2))
            }
            await expectFailure(.noSuchSession) { () async throws(PrakerjaAPIError) in try await h.lp.redeemStatus(code: mine, sequence: .session(5))
            }
            await expectFailure(.notRedeemed) { () async throws(PrakerjaAPIError) in try await h.lp.redeemStatus(code: selfPaced, sequence: .postTest)
            }
            let offline = try await h.seededCode("OFF-01")  // its first session is in three days
            await expectFailure(.outsideUsageWindow) { () async throws(PrakerjaAPIError) in
                try await h.lp.redeemStatus(code: offline, sequence: .session(1))
            }
            for (code, expected) in [
                ("PRAT-ERR-CANCELLED", ProgramErrorCode.redeemCodeCancelled), ("PRAT-ERR-TXCANCELLED", .transactionCancelled),
                ("PRAT-ERR-OTHERLP", .notThisProvidersCode),
            ] {
                let test = try RedeemCode(code)
                await expectFailure(expected) { () async throws(PrakerjaAPIError) in try await h.lp.redeemStatus(code: test, sequence: .session(1)) }
            }
            let used = try RedeemCode("PRAT-ERR-USED")
            await expectFailure(.alreadyUsed) { () async throws(PrakerjaAPIError) in try await h.lp.commitRedeem(code: used) }
        }
    }

    /// An offline course's attendance is taken in the room: its status says `is_online_attendance`
    /// false, and its commit needs no online verification.
    @Test func anOfflineCourseIsCommittedWithoutOnlineVerification() async throws {
        try await SandboxHarness.run { h in
            let offline = try await h.seededCode("OFF-01")
            h.sandbox.clock.advance(by: 3 * 24 * 3600)  // its first session starts now
            #expect(try await h.lp.redeemStatus(code: offline, sequence: .session(1)).isOnlineAttendance == false)
            #expect(try await h.lp.commitRedeem(code: offline).status == .redeemed)
        }
    }

    @Test func testCodesFollowTheirScenariosAndReset() async throws {
        try await SandboxHarness.run { h in
            let session = try RedeemCode("PRAT-TC1-001-200")
            #expect(try await h.verifyAttendance(session, .session(1), email: "tc1@example.id") == "success")
            #expect(try await h.lp.commitRedeem(code: session).status == .redeemed)
            #expect(try await h.lp.redeemStatus(code: RedeemCode("PRAT-TC1-999-200"), sequence: .postTest).isRedeemed)
            #expect(try await h.lp.redeemStatus(code: RedeemCode("PRAT-TC2-001-200"), sequence: .session(1)).courseType == .webinar)
            #expect(try await h.lp.redeemStatus(code: RedeemCode("PRAT-TC2-999-200"), sequence: .postTest).courseLearningMethod == "webinar")

            let failing = try RedeemCode("PRAT-TC1-001-400")
            #expect(try await h.verifyAttendance(failing, .session(1), email: "tc1-fail@example.id") == "failed")
            #expect(try await h.lp.redeemStatus(code: failing, sequence: .session(1)).attendanceStatus == .failed)

            // Reset brings the scenario back, for this LP only.
            #expect(try await h.lp.resetTestCode(code: session).status == .active)
            #expect(try await h.lp.redeemStatus(code: session, sequence: .session(1)).attendanceStatus == .notVerified)
            #expect(try await h.otherLP.redeemStatus(code: session, sequence: .session(1)).status == .active)
            let production = try await h.seededCode("WEB-01")
            await expectFailure(.notATestCode) { () async throws(PrakerjaAPIError) in try await h.lp.resetTestCode(code: production) }
        }
    }

    @Test func attendanceURLChecksEmailAndRedirect() async throws {
        try await SandboxHarness.run { h in
            let codes = await h.sandbox.issuedCodes(provider: SandboxHarness.lpClient.code).filter { $0.courseCode.hasSuffix("WEB-01") }
            #expect(codes.count == 2)
            let siti = try RedeemCode(codes[0].redeemCode), dewi = try RedeemCode(codes[1].redeemCode)
            #expect(try await h.verifyAttendance(siti, .session(1), email: "shared@example.id") == "success")
            await expectFailure(.emailAlreadyUsed) { () async throws(PrakerjaAPIError) in
                try await h.lp.attendanceVerificationURL(
                    code: dewi, sequence: .session(1), redirectURI: "https://lp.example.id/cb", email: "Shared@Example.id")
            }
            await expectFailure(.invalidEmail) { () async throws(PrakerjaAPIError) in
                try await h.lp.attendanceVerificationURL(
                    code: dewi, sequence: .session(1), redirectURI: "https://lp.example.id/cb", email: "not-an-email")
            }
            await expectFailure(.invalidRedirectURI) { () async throws(PrakerjaAPIError) in
                try await h.lp.attendanceVerificationURL(code: dewi, sequence: .session(1), redirectURI: "/relative", email: "dewi@example.id")
            }
            #expect(try await h.verifyAttendance(dewi, .session(1), email: "dewi@example.id") == "success")
            // A verification link works once.
            let link = try await h.lp.attendanceVerificationURL(
                code: try RedeemCode("PRAT-TC2-001-200"), sequence: .session(1),
                redirectURI: "https://lp.example.id/cb", email: "tc2@example.id")
            _ = try await h.visit(link.url)
            let again = try await AsyncHTTPClientTransport.shared.send(
                TransportRequest(method: "GET", url: link.url, headers: [], body: []), timeout: .seconds(30))
            #expect(again.status == 404)
        }
    }

    @Test func oneHundredConcurrentCommitsSucceedExactlyOnce() async throws {
        try await SandboxHarness.run { h in
            let code = try await h.seededCode("LMS-01")
            try await h.verifyAttendance(code, .session(1))
            let now = Date()
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<100 {
                    // Distinct timestamps make each commit a distinct signed request, so the state machine, not the replay guard, decides.
                    let client = h.client(SandboxHarness.lpClient, timestampOffset: -Double(index), from: now)
                    group.addTask {
                        (await failure { () async throws(PrakerjaAPIError) in try await client.commitRedeem(code: code) })?.code ?? "success"
                    }
                }
                return await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            }
            #expect(outcomes == ["success": 1, ProgramErrorCode.alreadyUsed.code: 99])
        }
    }
}

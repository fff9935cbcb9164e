import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSandbox
import Testing

@Suite struct TaskFlowTests {
    @Test func submissionStatusAndFeedback() async throws {
        try await SandboxHarness.run { h in
            let code = try await h.seededCode("LMS-01")
            await expectFailure(.notRedeemed) { () async throws(PrakerjaAPIError) in
                try await h.lp.submitTask(code: code, scope: .tpm, sequence: 1, fileURL: "https://lms.example.id/t1.pdf")
            }
            try await h.verifyAttendance(code, .session(1))
            _ = try await h.lp.commitRedeem(code: code)
            await expectFailure(.taskNotFound) { () async throws(PrakerjaAPIError) in try await h.lp.taskStatus(code: code, scope: .tpm, sequence: 1)
            }
            await expectFailure(.scopeSequenceMismatch) { () async throws(PrakerjaAPIError) in
                try await h.lp.submitTask(code: code, scope: .tpm, sequence: 999, fileURL: "https://lms.example.id/t1.pdf")
            }
            await expectFailure(.scopeSequenceMismatch) { () async throws(PrakerjaAPIError) in
                try await h.lp.submitTask(code: code, scope: .uk, sequence: 1, fileURL: "https://lms.example.id/t1.pdf")
            }
            await expectFailure(.invalidFileURL) { () async throws(PrakerjaAPIError) in
                try await h.lp.submitTask(code: code, scope: .tpm, sequence: 1, fileURL: "http://lms.example.id/t1.pdf")
            }
            await expectFailure(.postTestNotAttended) { () async throws(PrakerjaAPIError) in
                try await h.lp.submitTask(code: code, scope: .uk, sequence: 999, fileURL: "https://lms.example.id/uk.pdf")
            }
            _ = try await h.lp.submitTask(code: code, scope: .tpm, sequence: 1, fileURL: "https://lms.example.id/t1.pdf")
            let replaced = try await h.lp.submitTask(code: code, scope: .tpm, sequence: 1, fileURL: "https://lms.example.id/t1-v2.pdf")
            #expect(replaced.urlFile == "https://lms.example.id/t1-v2.pdf")
            #expect(replaced.status == "submitted")
            #expect(replaced.feedback == nil)
            await expectFailure(.emptyField) { () async throws(PrakerjaAPIError) in
                try await h.lp.sendTaskFeedback(code: code, scope: .tpm, sequence: 1, notes: "  ")
            }
            let reviewed = try await h.lp.sendTaskFeedback(
                code: code, scope: .tpm, sequence: 1, notes: "Bagus; perbaiki judul.",
                fileURL: "https://lms.example.id/fb1.pdf")
            #expect(reviewed.status == "reviewed")
            #expect(reviewed.feedback?.notes == "Bagus; perbaiki judul.")
            #expect(try await h.lp.taskStatus(code: code, scope: .tpm, sequence: 1).feedback?.urlFile == "https://lms.example.id/fb1.pdf")
            await expectFailure(.taskAlreadyReviewed) { () async throws(PrakerjaAPIError) in
                try await h.lp.sendTaskFeedback(code: code, scope: .tpm, sequence: 1, notes: "again")
            }
            await expectFailure(.taskAlreadyReviewed) { () async throws(PrakerjaAPIError) in
                try await h.lp.submitTask(code: code, scope: .tpm, sequence: 1, fileURL: "https://lms.example.id/t1-v3.pdf")
            }
            // The practical skills test opens once the post-test attendance is verified.
            try await h.verifyAttendance(code, .postTest)
            #expect(try await h.lp.submitTask(code: code, scope: .uk, sequence: 999, fileURL: "https://lms.example.id/uk.pdf").scope == "uk")
            await expectFailure(.notThisProvidersCode) { () async throws(PrakerjaAPIError) in
                try await h.otherLP.taskStatus(code: code, scope: .tpm, sequence: 1)
            }
        }
    }
}

import Foundation
import PrakerjaClient
import PrakerjaModels

/// Self-practice tasks (TPM) and practical skills tests (UK).
extension SandboxStore {
    mutating func submitTask(_ request: TaskSubmissionRequest, provider: String) throws(SandboxFailure) -> TaskStatus {
        let key = try lookUp(request.redeemCode, provider: provider)
        try Self.checkScope(request.scope, request.sequence)
        guard redeemCodes[key]!.state == .redeemed else {
            throw SandboxFailure(.notRedeemed, "commit redeem code \(request.redeemCode) before submitting tasks")
        }
        try Self.checkFileURL(request.urlFile, field: "url_file")
        if request.scope == .uk, redeemCodes[key]!.attendance(AttendanceSequence.postTestValue) != .verified {
            throw SandboxFailure(.postTestNotAttended, "verify the post-test (999) attendance before submitting the practical skills test")
        }
        let taskKey = "\(key)|\(request.scope.rawValue)|\(request.sequence)"
        if tasks[taskKey]?.feedback != nil {
            throw SandboxFailure(.taskAlreadyReviewed, "\(request.scope.rawValue) \(request.sequence) already has feedback; it cannot be replaced")
        }
        tasks[taskKey] = TaskRecord(scope: request.scope, sequence: request.sequence, fileURL: request.urlFile, submittedAt: now)
        return taskStatus(key: key, taskKey: taskKey)
    }

    mutating func taskStatus(_ request: TaskReference, provider: String) throws(SandboxFailure) -> TaskStatus {
        let key = try lookUp(request.redeemCode, provider: provider)
        try Self.checkScope(request.scope, request.sequence)
        let taskKey = "\(key)|\(request.scope.rawValue)|\(request.sequence)"
        guard tasks[taskKey] != nil else {
            throw SandboxFailure(.taskNotFound, "no \(request.scope.rawValue) \(request.sequence) submission for \(request.redeemCode)")
        }
        return taskStatus(key: key, taskKey: taskKey)
    }

    mutating func sendFeedback(_ request: TaskFeedbackRequest, provider: String) throws(SandboxFailure) -> TaskStatus {
        let key = try lookUp(request.redeemCode, provider: provider)
        try Self.checkScope(request.scope, request.sequence)
        let taskKey = "\(key)|\(request.scope.rawValue)|\(request.sequence)"
        guard let task = tasks[taskKey] else {
            throw SandboxFailure(.taskNotFound, "no \(request.scope.rawValue) \(request.sequence) submission for \(request.redeemCode)")
        }
        guard !request.notes.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SandboxFailure(.emptyField, "notes: a mandatory field is missing or empty")
        }
        if let file = request.urlFile { try Self.checkFileURL(file, field: "url_file") }
        guard task.feedback == nil else {
            throw SandboxFailure(.taskAlreadyReviewed, "\(request.scope.rawValue) \(request.sequence) already has feedback")
        }
        tasks[taskKey]!.feedback = TaskStatus.Feedback(notes: request.notes, urlFile: request.urlFile, sentAt: ProgramTime.format(now))
        return taskStatus(key: key, taskKey: taskKey)
    }

    private mutating func taskStatus(key: String, taskKey: String) -> TaskStatus {
        let task = tasks[taskKey]!
        return TaskStatus(
            redeemCode: redeemCodes[key]!.code, scope: task.scope.rawValue, sequence: task.sequence, urlFile: task.fileURL,
            status: task.feedback == nil ? "submitted" : "reviewed", submittedAt: ProgramTime.format(task.submittedAt),
            feedback: task.feedback)
    }

    private static func checkScope(_ scope: TaskScope, _ sequence: Int) throws(SandboxFailure) {
        switch scope {
        case .tpm where !(1...998).contains(sequence):
            throw SandboxFailure(.scopeSequenceMismatch, "scope tpm takes sequences 1-998, got \(sequence)")
        case .uk where sequence != AttendanceSequence.postTestValue:
            throw SandboxFailure(.scopeSequenceMismatch, "scope uk takes sequence 999, got \(sequence)")
        default:
            return
        }
    }

    private static func checkFileURL(_ text: String, field: String) throws(SandboxFailure) {
        guard let url = URLComponents(string: text), url.scheme?.lowercased() == "https", !(url.host ?? "").isEmpty else {
            throw SandboxFailure(.invalidFileURL, "\(field) \"\(text.prefix(80))\" is not an https URL")
        }
    }
}

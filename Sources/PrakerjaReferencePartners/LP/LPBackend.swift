import Foundation
import PrakerjaClient
import PrakerjaModels

/// A training institution's backend, reduced to its integration with the program: what an LP
/// writes with the SDK. Each method is one step of the flow; a real backend calls them from its
/// web handlers and keeps `PendingAttendance` in its session store.
///
/// The flow for a participant's session:
/// 1. `startSession`: check the redeem code for this sequence, then send the participant to the
///    program's attendance page;
/// 2. `handleCallback`: the program redirects back with `state`; confirm attendance, and after
///    session 1 commit the code (exactly once);
/// 3. `submitTask` and `review`: self-practice tasks and the trainer's feedback;
/// 4. `feedback`: what the participant sees.
public struct LPBackend: Sendable {
    public let client: PrakerjaClient
    /// The backend's callback page, where the program sends the participant back.
    public let callbackURL: String

    public init(client: PrakerjaClient, callbackURL: String) {
        self.client = client
        self.callbackURL = callbackURL
    }

    /// What the backend remembers between sending the participant away and their return.
    public struct PendingAttendance: Sendable, Hashable {
        public let code: RedeemCode
        public let sequence: AttendanceSequence
        public let state: String
        /// Where to send the participant's browser now.
        public let verificationURL: String
    }

    /// Why the flow stopped, in the words the LP shows its participant.
    public enum FlowError: Error, Sendable, Equatable, CustomStringConvertible {
        case stateMismatch
        case verificationFailed
        case program(code: String?, message: String)

        public var description: String {
            switch self {
            case .stateMismatch: "the attendance callback does not belong to this session"
            case .verificationFailed: "the program could not verify the participant's attendance; try again"
            case .program(let code, let message): "\(code ?? "error"): \(message)"
            }
        }
    }

    /// Step 1: the participant enters their redeem code for `sequence`.
    public func startSession(code: RedeemCode, sequence: AttendanceSequence, email: String) async throws(FlowError) -> PendingAttendance {
        try await flow {
            let status = try await client.redeemStatus(code: code, sequence: sequence)
            if status.isAttendanceVerified {
                throw FlowError.program(code: ProgramErrorCode.attendanceAlreadyVerified.code, message: "already attended")
            }
            let link = try await client.attendanceVerificationURL(code: code, sequence: sequence, redirectURI: callbackURL, email: email)
            return PendingAttendance(code: code, sequence: sequence, state: link.state, verificationURL: link.url)
        }
    }

    /// Step 2: the program redirected the participant to `callbackURL` with these query items.
    /// Returns the code's status after attendance (committed after session 1).
    public func handleCallback(_ pending: PendingAttendance, query: [URLQueryItem]) async throws(FlowError) -> RedeemStatus {
        guard query.first(where: { $0.name == "state" })?.value == pending.state else { throw .stateMismatch }
        guard query.first(where: { $0.name == "status" })?.value == "success" else { throw .verificationFailed }
        return try await flow {
            let status = try await client.redeemStatus(code: pending.code, sequence: pending.sequence)
            guard status.isAttendanceVerified else { throw FlowError.verificationFailed }
            if pending.sequence == .session(1), !status.isRedeemed {
                _ = try await client.commitRedeem(code: pending.code)
                return try await client.redeemStatus(code: pending.code, sequence: pending.sequence)
            }
            return status
        }
    }

    /// Step 3: the participant uploaded a self-practice task to the LMS.
    public func submitTask(code: RedeemCode, number: Int, fileURL: String) async throws(FlowError) -> TaskStatus {
        try await flow { try await client.submitTask(code: code, scope: .tpm, sequence: number, fileURL: fileURL) }
    }

    /// Step 3, the trainer's side: feedback on the task.
    public func review(code: RedeemCode, number: Int, notes: String) async throws(FlowError) -> TaskStatus {
        try await flow { try await client.sendTaskFeedback(code: code, scope: .tpm, sequence: number, notes: notes) }
    }

    /// Step 4: what the participant sees about their task.
    public func feedback(code: RedeemCode, number: Int) async throws(FlowError) -> TaskStatus.Feedback? {
        try await flow { try await client.taskStatus(code: code, scope: .tpm, sequence: number).feedback }
    }

    /// Runs a step, turning the program's errors into what the LP shows.
    private func flow<Value>(_ step: () async throws -> Value) async throws(FlowError) -> Value {
        do {
            return try await step()
        } catch let error as PrakerjaAPIError {
            throw .program(code: error.code, message: error.message)
        } catch let error as FlowError {
            throw error
        } catch {
            throw .program(code: nil, message: "\(error)")
        }
    }
}

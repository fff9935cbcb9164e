import Foundation
import PrakerjaModels

/// A participant's progress in a course, by redeem code (`GET /v1/progress/{redeemCode}`).
public struct ParticipantProgress: Codable, Sendable, Hashable {
    public let redeemCode: RedeemCode
    public let courseCode: String
    public let scheduleCode: String
    /// One entry per session of the schedule, in sequence order.
    public let attendance: [AttendanceRecord]
    public let preTestScore: Int?
    public let quizScores: [Int]
    public let postTestScore: Int?
    public let completed: Bool
    public let completedAt: Timestamp?
    public let certificateNumber: String?

    public init(
        redeemCode: RedeemCode, courseCode: String, scheduleCode: String, attendance: [AttendanceRecord], preTestScore: Int?,
        quizScores: [Int], postTestScore: Int?, completed: Bool, completedAt: Timestamp?, certificateNumber: String?
    ) {
        self.redeemCode = redeemCode
        self.courseCode = courseCode
        self.scheduleCode = scheduleCode
        self.attendance = attendance
        self.preTestScore = preTestScore
        self.quizScores = quizScores
        self.postTestScore = postTestScore
        self.completed = completed
        self.completedAt = completedAt
        self.certificateNumber = certificateNumber
    }

    /// What contradicts `schedule` at `now`: attendance at a session that has not started, a
    /// verification outside its session's window (an hour either side), completion without every
    /// session attended and a post-test, a certificate without completion. The one definition
    /// both sides use.
    public func inconsistencies(with schedule: Schedule, now: Date) -> [String] {
        var problems: [String] = []
        if schedule.code != scheduleCode { problems.append("the schedule is \(scheduleCode), not \(schedule.code)") }
        if attendance.map(\.sequence) != schedule.sessions.map(\.sequence) {
            problems.append("attendance lists sequences \(attendance.map(\.sequence)), the schedule has \(schedule.sessions.map(\.sequence))")
        }
        for record in attendance {
            guard let session = schedule.session(record.sequence) else { continue }
            switch record.status {
            case .attended:
                guard let verifiedAt = record.verifiedAt?.date else {
                    problems.append("session \(record.sequence) attended without a time")
                    continue
                }
                if verifiedAt < session.startsAt.addingTimeInterval(-3600) || verifiedAt > session.endsAt.addingTimeInterval(3600) {
                    problems.append("session \(record.sequence) verified at \(Timestamp(verifiedAt)), outside its window")
                }
                if verifiedAt > now { problems.append("session \(record.sequence) verified in the future") }
            case .upcoming:
                if session.endsAt < now { problems.append("session \(record.sequence) is over but still upcoming") }
            case .absent:
                if session.startsAt > now { problems.append("session \(record.sequence) has not started but is absent") }
            }
        }
        // The post-test comes after the sessions: none while one is still to be held.
        if postTestScore != nil, let upcoming = attendance.first(where: { $0.status == .upcoming }) {
            problems.append("a post-test score while session \(upcoming.sequence) is still to be held")
        }
        if completed {
            if attendance.contains(where: { $0.status != .attended }) { problems.append("completed without attending every session") }
            if postTestScore == nil { problems.append("completed without a post-test") }
            if completedAt == nil { problems.append("completed without a time") }
        } else if certificateNumber != nil {
            problems.append("a certificate without completion")
        }
        for score in [preTestScore, postTestScore].compactMap({ $0 }) + quizScores where !(0...100).contains(score) {
            problems.append("a score of \(score) is outside 0-100")
        }
        return problems
    }
}

public struct AttendanceRecord: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case attended, absent, upcoming
    }

    public let sequence: Int
    public let status: Status
    public let verifiedAt: Timestamp?

    public init(sequence: Int, status: Status, verifiedAt: Timestamp?) {
        self.sequence = sequence
        self.status = status
        self.verifiedAt = verifiedAt
    }
}

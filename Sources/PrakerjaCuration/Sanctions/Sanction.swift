import Foundation
import PrakerjaModels

/// What follows from a course found wanting: the program's periodic monitoring and its terms
/// "untuk bergabung atau keluar" (for joining or leaving the ecosystem). A sanction climbs its
/// rule pack's ladder (`SanctionLadder`: a warning with a deadline to fix, then a suspension with
/// another, then removal) while the sweeps keep finding the course wanting past its deadline, and
/// closes when a sweep finds it fixed or a person closes it. Every step keeps its date, the
/// indicators behind it, the sweep or the person that took it, and what was said (the partner's
/// response among them).
public struct Sanction: Sendable, Equatable {
    /// A rung of the ladder.
    public enum Level: String, Sendable, Codable, CaseIterable {
        /// Warned, with a deadline to fix.
        case warning
        /// Suspended: not to be sold until fixed (the digital-platform suite reports a platform still selling it).
        case suspension
        /// Removed from the program: the last rung.
        case removal
    }

    /// Where it stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// On the ladder: re-checked by every sweep of the course.
        case open
        /// Fixed (a sweep found nothing wrong) or closed by a person.
        case closed
        /// The course reached the ladder's last rung.
        case removed
    }

    /// One step, as it happened.
    public struct Step: Sendable, Equatable {
        public enum Action: String, Sendable, Codable, CaseIterable {
            /// A sweep found the course wanting: the sanction begins.
            case opened
            /// A sweep found it still wanting before its deadline.
            case rechecked
            /// Still wanting past the deadline (a sweep), or a person decided: the next rung.
            case escalated
            /// The partner's (or a curator's record of the partner's) response.
            case responded
            /// A person gave more time: a new deadline.
            case extended
            /// Fixed (a sweep found nothing wrong) or closed by a person.
            case closed
        }

        public let at: Date
        public let action: Action
        /// The rung after the step.
        public let level: Level
        /// The deadline after the step (nil at removal or once closed).
        public let deadline: CalendarDate?
        /// The sweep that took it (nil for a person's step).
        public let runID: String?
        /// The indicators failing when it was taken.
        public let indicators: [String]
        public let note: String
        /// Who took it: a person's login, or `sweep`.
        public let by: String

        public init(
            at: Date, action: Action, level: Level, deadline: CalendarDate?, runID: String?, indicators: [String], note: String, by: String
        ) {
            (self.at, self.action, self.level, self.deadline, self.runID, self.indicators, self.note, self.by) = (
                at, action, level, deadline, runID, indicators, note, by
            )
        }
    }

    /// `S-2026-0001`, numbered as opened.
    public let id: String
    /// The course it is about, its title and its provider (the partner it concerns).
    public let course: String
    public let title: String
    public let provider: String
    /// The rule pack whose ladder it climbs.
    public let rulePack: String
    public internal(set) var level: Level
    public internal(set) var status: Status
    public internal(set) var deadline: CalendarDate?
    /// The indicators failing at its last step taken by a sweep.
    public internal(set) var indicators: [String]
    /// Every step, oldest first.
    public internal(set) var steps: [Step]

    public init(
        id: String, course: String, title: String, provider: String, rulePack: String, level: Level, status: Status, deadline: CalendarDate?,
        indicators: [String], steps: [Step]
    ) {
        (self.id, self.course, self.title, self.provider, self.rulePack) = (id, course, title, provider, rulePack)
        (self.level, self.status, self.deadline, self.indicators, self.steps) = (level, status, deadline, indicators, steps)
    }

    /// When it was opened.
    public var openedAt: Date { steps.first?.at ?? .distantPast }

    /// Whether the course must not be sold: suspended or removed, and not closed.
    public var forbidsSale: Bool { status != .closed && level != .warning }

    /// Takes `step`: its rung, deadline and (for a sweep's step) indicators become the sanction's;
    /// a close closes it, reaching removal removes it.
    mutating func take(_ step: Step) {
        steps.append(step)
        level = step.level
        deadline = step.deadline
        if step.runID != nil { indicators = step.indicators }
        if step.action == .closed {
            status = .closed
        } else if step.level == .removal {
            status = .removed
        }
    }
}

/// Why a decision on a sanction (or a rule pack's sanction ladder) was refused: in English for the
/// command line and logs, and, for a person's decision, as a `Reason` the console words in the
/// person's language.
public struct SanctionRefusal: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// What in a person's decision was refused; nil for a rule pack's configuration error.
    public let reason: Reason?

    /// What in a person's decision the ladder refuses.
    public enum Reason: Sendable, Equatable {
        /// Only an open sanction is decided on.
        case notOpen(Sanction.Status)
        /// A decision says why.
        case emptyNote
        /// A note is at most `limit` characters.
        case noteTooLong(limit: Int)
        /// An extension is `days` working days.
        case extensionOutOfRange(days: ClosedRange<Int>)
        /// The sanction is on the ladder's last rung.
        case lastRung
        /// No sanction has the identifier.
        case noSuchSanction
    }

    /// A refusal said in English only (a rule pack's configuration, a form the console refused).
    public init(_ description: String) {
        self.description = description
        self.reason = nil
    }

    /// A person's decision on sanction `id` refused for `reason`.
    public init(_ reason: Reason, sanction id: String) {
        self.reason = reason
        switch reason {
        case .notOpen(let status): description = "\(id) is \(status.rawValue): only an open sanction is decided on"
        case .emptyNote: description = "a decision on \(id) says why: the note is empty"
        case .noteTooLong(let limit): description = "the note is longer than \(limit) characters"
        case .extensionOutOfRange(let days): description = "an extension is \(days.lowerBound) to \(days.upperBound) working days"
        case .lastRung: description = "\(id) is on the ladder's last rung"
        case .noSuchSanction: description = "there is no sanction \(id)"
        }
    }
}

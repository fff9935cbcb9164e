import Foundation
import PrakerjaConformance
import PrakerjaModels

/// A rule pack's sanction ladder (`sanctions:` in `Conformance/rulepacks/`): which course
/// statuses open a sanction, and the rungs in order, each but the last with the working days the
/// partner has to fix before the next sweep that still finds the course wanting climbs a rung.
///
/// `review` is what a monitoring sweep does once its courses are judged: it opens a sanction for
/// each course found wanting that has none open, re-checks every open one of the courses it
/// judged (closed when fixed, escalated when still wanting past its deadline, a re-check step
/// otherwise), and leaves the others alone.
public struct SanctionLadder: Sendable {
    /// A rung: its level and the working days to fix while on it (nil on the last).
    public struct Rung: Sendable, Equatable {
        public let level: Sanction.Level
        public let fixWithinWorkingDays: Int?
    }

    public let rulePack: String
    public let rungs: [Rung]
    /// The course statuses a sweep opens a sanction on.
    public let opensOn: Set<CourseStatus>
    let calendar: WorkingDayCalendar

    /// The ladder `rules` sets; refused when the pack sets none or a rung is malformed.
    public init(_ rules: RulePack, calendar: WorkingDayCalendar) throws(SanctionRefusal) {
        guard case .array(let items)? = rules.value("sanctions.ladder"), !items.isEmpty else {
            throw SanctionRefusal("the rule pack \(rules.id) sets no sanction ladder (sanctions.ladder)")
        }
        var rungs: [Rung] = []
        for (index, item) in items.enumerated() {
            guard case .string(let name)? = item["level"], let level = Sanction.Level(rawValue: name) else {
                throw SanctionRefusal("\(rules.id): sanctions.ladder[\(index)].level must be warning, suspension or removal")
            }
            var days: Int?
            if case .number(let text)? = item["fixWithinWorkingDays"] {
                guard let value = Int(text), Self.workingDays.contains(value) else {
                    throw SanctionRefusal(
                        "\(rules.id): sanctions.ladder[\(index)].fixWithinWorkingDays must be \(Self.workingDays.lowerBound) to \(Self.workingDays.upperBound)"
                    )
                }
                days = value
            }
            guard (days == nil) == (index == items.count - 1) else {
                throw SanctionRefusal("\(rules.id): every rung but the last of sanctions.ladder gives fixWithinWorkingDays, the last none")
            }
            rungs.append(Rung(level: level, fixWithinWorkingDays: days))
        }
        guard Set(rungs.map(\.level)).count == rungs.count else { throw SanctionRefusal("\(rules.id): a level appears twice on sanctions.ladder") }
        let opens = rules.list("sanctions.opensOn").compactMap(CourseStatus.init(rawValue:))
        guard !opens.isEmpty, !opens.contains(.compliant) else {
            throw SanctionRefusal("\(rules.id): sanctions.opensOn names the course statuses that open a sanction (warning, violation)")
        }
        (self.rulePack, self.rungs, self.opensOn, self.calendar) = (rules.id, rungs, Set(opens), calendar)
    }

    /// A course as a sweep found it: what `review` reads.
    public struct Judged: Sendable {
        public let code: String
        public let title: String
        public let provider: String
        public let status: CourseStatus
        /// The indicators the machine failed it on.
        public let failing: [String]

        public init(code: String, title: String, provider: String, status: CourseStatus, failing: [String]) {
            (self.code, self.title, self.provider, self.status, self.failing) = (code, title, provider, status, failing)
        }
    }

    /// What a sweep's review changes: sanctions to open (their ids not yet given) and open ones stepped.
    public struct Review: Sendable {
        public internal(set) var opened: [Sanction] = []
        public internal(set) var stepped: [Sanction] = []

        public var isEmpty: Bool { opened.isEmpty && stepped.isEmpty }
    }

    /// The sweep `runID`'s courses against the `open` sanctions, on `now`'s Jakarta day.
    public func review(_ courses: [Judged], open: [Sanction], runID: String, now: Date = Date()) -> Review {
        let today = CalendarDate(now)
        let openByCourse = Dictionary(open.filter { $0.status == .open }.map { ($0.course, $0) }, uniquingKeysWith: { first, _ in first })
        var review = Review()
        for course in courses where course.status != .error {
            let wanting = opensOn.contains(course.status) && !course.failing.isEmpty
            guard var sanction = openByCourse[course.code] else {
                guard wanting else { continue }
                let (deadline, note) = self.deadline(from: today, on: rungs[0])
                var sanction = Sanction(
                    id: "", course: course.code, title: course.title, provider: course.provider, rulePack: rulePack, level: rungs[0].level,
                    status: .open, deadline: nil, indicators: [], steps: [])
                sanction.take(
                    .init(
                        at: now, action: .opened, level: rungs[0].level, deadline: deadline, runID: runID, indicators: course.failing,
                        note: "found \(course.status.rawValue) on \(course.failing.joined(separator: ", "))" + note, by: "sweep"))
                review.opened.append(sanction)
                continue
            }
            if !wanting {
                sanction.take(
                    .init(
                        at: now, action: .closed, level: sanction.level, deadline: nil, runID: runID, indicators: course.failing,
                        note: "re-checked: fixed (\(course.status.rawValue))", by: "sweep"))
            } else if let deadline = sanction.deadline, today > deadline, let next = rung(after: sanction.level) {
                let (newDeadline, note) = self.deadline(from: today, on: next)
                sanction.take(
                    .init(
                        at: now, action: .escalated, level: next.level, deadline: newDeadline, runID: runID, indicators: course.failing,
                        note: "still \(course.status.rawValue) on \(course.failing.joined(separator: ", ")) after its deadline \(deadline)" + note,
                        by: "sweep"))
            } else {
                sanction.take(
                    .init(
                        at: now, action: .rechecked, level: sanction.level, deadline: sanction.deadline, runID: runID, indicators: course.failing,
                        note: "still \(course.status.rawValue) on \(course.failing.joined(separator: ", "))", by: "sweep"))
            }
            review.stepped.append(sanction)
        }
        return review
    }

    /// The rung above `level` (nil on the last).
    public func rung(after level: Sanction.Level) -> Rung? {
        guard let index = rungs.firstIndex(where: { $0.level == level }), index + 1 < rungs.count else { return nil }
        return rungs[index + 1]
    }

    /// The deadline of a rung begun on `day`: its working days on the holiday calendar; Monday to
    /// Friday (and a note saying so) past the years the calendar holds.
    public func deadline(from day: CalendarDate, on rung: Rung) -> (CalendarDate?, String) {
        guard let days = rung.fixWithinWorkingDays else { return (nil, "") }
        if let date = try? calendar.adding(workingDays: days, to: day) { return (date, "") }
        var date = day, left = days
        while left > 0 {
            date = date.adding(days: 1)
            if !date.isWeekend { left -= 1 }
        }
        return (date, " (the holiday calendar does not cover \(date.year): \(days) days counted Monday to Friday)")
    }
}

extension SanctionLadder {
    /// What a person may do to an open sanction.
    public enum Decision: Sendable, Equatable {
        /// Record the partner's response (a partner's user, or a curator for them).
        case respond
        /// Give `workingDays` more to fix, from the current deadline.
        case extend(workingDays: Int)
        /// Close it (the finding was wrong, or the course is fixed and a person says so).
        case close
        /// Climb to the next rung now.
        case escalate
    }

    /// The working days a rung or an extension gives to fix a course.
    public static let workingDays = 1...250
    /// The longest note a decision carries, in characters.
    public static let noteLimit = 4000

    /// `sanction` after `login` decides `decision` with `note`: refused when it is not open, the
    /// note is empty or longer than `noteLimit`, an extension is outside `workingDays`, or the
    /// ladder has no rung to climb to.
    public func decide(
        _ decision: Decision, on sanction: Sanction, note: String, by login: String, now: Date = Date()
    ) throws(SanctionRefusal)
        -> Sanction
    {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard sanction.status == .open else {
            throw SanctionRefusal(.notOpen(sanction.status), sanction: sanction.id)
        }
        guard !note.isEmpty else { throw SanctionRefusal(.emptyNote, sanction: sanction.id) }
        guard note.count <= Self.noteLimit else { throw SanctionRefusal(.noteTooLong(limit: Self.noteLimit), sanction: sanction.id) }
        var sanction = sanction
        let step: Sanction.Step
        switch decision {
        case .respond:
            step = .init(
                at: now, action: .responded, level: sanction.level, deadline: sanction.deadline, runID: nil, indicators: [], note: note, by: login)
        case .extend(let days):
            guard Self.workingDays.contains(days) else {
                throw SanctionRefusal(.extensionOutOfRange(days: Self.workingDays), sanction: sanction.id)
            }
            let from = max(sanction.deadline ?? CalendarDate(now), CalendarDate(now))
            let (deadline, calendarNote) = self.deadline(from: from, on: Rung(level: sanction.level, fixWithinWorkingDays: days))
            step = .init(
                at: now, action: .extended, level: sanction.level, deadline: deadline, runID: nil, indicators: [], note: note + calendarNote,
                by: login)
        case .close:
            step = .init(at: now, action: .closed, level: sanction.level, deadline: nil, runID: nil, indicators: [], note: note, by: login)
        case .escalate:
            guard let next = rung(after: sanction.level) else { throw SanctionRefusal(.lastRung, sanction: sanction.id) }
            let (deadline, calendarNote) = self.deadline(from: CalendarDate(now), on: next)
            step = .init(
                at: now, action: .escalated, level: next.level, deadline: deadline, runID: nil, indicators: [], note: note + calendarNote,
                by: login)
        }
        sanction.take(step)
        return sanction
    }
}

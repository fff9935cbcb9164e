import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaModels
import PrakerjaTestSupport
import Testing

/// The rule pack's sanction ladder: a course found wanting is warned with a deadline in working
/// days (the holiday calendar counting), re-checked by later sweeps, a rung up when still wanting
/// past its deadline, closed when fixed; people respond, extend, close or escalate.
@Suite struct SanctionLadderTests {
    static let ladder = try! SanctionLadder(
        try! RulePack.named("2021", root: Repository.root.path), calendar: try! WorkingDayCalendar.indonesia())

    /// Noon in Jakarta on `day`.
    static func noon(_ day: String) -> Date { try! CalendarDate(day).startDate().addingTimeInterval(12 * 3600) }

    static func course(_ status: CourseStatus, failing: [String] = ["M-SP-01"]) -> SanctionLadder.Judged {
        .init(code: "C-1", title: "Kursus", provider: "LP-A", status: status, failing: status == .warning || status == .violation ? failing : [])
    }

    /// The ladder as the pack states it.
    @Test func theRulePackSetsTheLadder() throws {
        #expect(Self.ladder.rungs.map(\.level) == [.warning, .suspension, .removal])
        #expect(Self.ladder.rungs.map(\.fixWithinWorkingDays) == [10, 20, nil])
        #expect(Self.ladder.opensOn == [.warning, .violation])
    }

    @Test func aCourseClimbsTheLadderWhileItStaysWantingAndIsClosedWhenFixed() throws {
        // Monday 3 May 2021: ten working days, Idul Fitri (13 and 14 May) and its leave between, end on Wednesday the 19th.
        let opened = Self.ladder.review([Self.course(.warning)], open: [], runID: "R1", now: Self.noon("2021-05-03"))
        var sanction = try #require(opened.opened.first)
        #expect(opened.stepped.isEmpty)
        #expect(sanction.level == .warning && sanction.status == .open)
        #expect(sanction.deadline == (try CalendarDate("2021-05-19")), "\(String(describing: sanction.deadline))")
        #expect(sanction.steps.map(\.action) == [.opened])
        #expect(sanction.indicators == ["M-SP-01"])
        sanction = Sanction(
            id: "S-2021-0001", course: sanction.course, title: sanction.title, provider: sanction.provider, rulePack: sanction.rulePack,
            level: sanction.level, status: sanction.status, deadline: sanction.deadline, indicators: sanction.indicators, steps: sanction.steps)

        // Before the deadline: re-checked, no rung up.
        let early = Self.ladder.review([Self.course(.warning)], open: [sanction], runID: "R2", now: Self.noon("2021-05-19"))
        sanction = try #require(early.stepped.first)
        #expect(early.opened.isEmpty, "one open sanction a course")
        #expect(sanction.steps.last?.action == .rechecked && sanction.level == .warning)

        // Past it, still wanting: suspended, with the suspension's deadline.
        let late = Self.ladder.review([Self.course(.violation, failing: ["M-PR-01"])], open: [sanction], runID: "R3", now: Self.noon("2021-05-20"))
        sanction = try #require(late.stepped.first)
        #expect(sanction.level == .suspension && sanction.forbidsSale)
        #expect(sanction.steps.last?.action == .escalated)
        #expect(sanction.indicators == ["M-PR-01"], "what fails now")
        #expect(sanction.deadline == (try CalendarDate("2021-06-21")), "20 working days, Waisak (26 May) and Pancasila (1 June) between")

        // A course not in a sweep, or one that could not be judged, is left alone.
        #expect(Self.ladder.review([], open: [sanction], runID: "R4", now: Self.noon("2021-07-01")).isEmpty)
        #expect(Self.ladder.review([Self.course(.error)], open: [sanction], runID: "R4", now: Self.noon("2021-07-01")).isEmpty)

        // Fixed: closed by the sweep that finds it so.
        let fixed = Self.ladder.review([Self.course(.awaitingReview)], open: [sanction], runID: "R5", now: Self.noon("2021-06-01"))
        let closed = try #require(fixed.stepped.first)
        #expect(closed.status == .closed && !closed.forbidsSale)
        #expect(closed.steps.last?.note.contains("fixed") == true)

        // Still wanting past the suspension's deadline: removed, the last rung.
        let removed = try #require(
            Self.ladder.review([Self.course(.warning)], open: [sanction], runID: "R6", now: Self.noon("2021-06-22")).stepped.first)
        #expect(removed.level == .removal && removed.status == .removed && removed.deadline == nil && removed.forbidsSale)
        #expect(
            Self.ladder.review([Self.course(.warning)], open: [removed], runID: "R7").opened.isEmpty == false,
            "a removed course found again is another sanction")
    }

    @Test func peopleRespondExtendCloseAndEscalate() throws {
        var sanction = try #require(Self.ladder.review([Self.course(.warning)], open: [], runID: "R1", now: Self.noon("2021-05-03")).opened.first)
        let responded = try Self.ladder.decide(.respond, on: sanction, note: "Modul 3 diperbaiki", by: "lp.ref", now: Self.noon("2021-05-04"))
        #expect(responded.steps.last?.action == .responded && responded.steps.last?.by == "lp.ref" && responded.deadline == sanction.deadline)
        let extended = try Self.ladder.decide(.extend(workingDays: 5), on: responded, note: "vendor LMS", by: "kurator", now: Self.noon("2021-05-04"))
        #expect(extended.deadline == (try CalendarDate("2021-05-27")), "five working days after the 19th, Waisak (26 May) between")
        sanction = try Self.ladder.decide(.escalate, on: extended, note: "berulang", by: "admin", now: Self.noon("2021-05-04"))
        #expect(sanction.level == .suspension && sanction.steps.count == 4)
        let closed = try Self.ladder.decide(.close, on: sanction, note: "temuan keliru", by: "admin", now: Self.noon("2021-05-05"))
        #expect(closed.status == .closed)
        #expect(throws: SanctionRefusal.self) { try Self.ladder.decide(.respond, on: closed, note: "lagi", by: "lp.ref") }
        #expect(throws: SanctionRefusal.self) { try Self.ladder.decide(.respond, on: sanction, note: "  ", by: "lp.ref") }
        #expect(throws: SanctionRefusal.self) { try Self.ladder.decide(.extend(workingDays: 0), on: sanction, note: "x", by: "kurator") }
        let removed = try Self.ladder.decide(.escalate, on: sanction, note: "tidak diperbaiki", by: "admin")
        #expect(removed.status == .removed)
    }

    /// Past the years the holiday calendar holds, a deadline is counted Monday to Friday, and the step says so.
    @Test func aDeadlinePastTheCalendarIsCountedOnWeekdaysAndSaysSo() throws {
        let opened = try #require(Self.ladder.review([Self.course(.warning)], open: [], runID: "R", now: Self.noon("2026-12-28")).opened.first)
        #expect(opened.deadline == (try CalendarDate("2027-01-11")))
        #expect(opened.steps[0].note.contains("does not cover 2027"), "\(opened.steps[0].note)")
    }

    @Test func aRulePackWithoutALadderOrWithAMalformedOneIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "ladder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let calendar = try WorkingDayCalendar.indonesia()
        for (text, reason) in [
            ("id: x\ntitle: x\n", "sets no sanction ladder"),
            (
                "id: x\ntitle: x\nsanctions: { opensOn: [warning], ladder: [{ level: warning, fixWithinWorkingDays: 10 }, { level: exile }] }\n",
                "warning, suspension or removal"
            ),
            ("id: x\ntitle: x\nsanctions: { opensOn: [warning], ladder: [{ level: warning }, { level: removal }] }\n", "every rung but the last"),
            (
                "id: x\ntitle: x\nsanctions: { opensOn: [compliant], ladder: [{ level: warning, fixWithinWorkingDays: 5 }, { level: removal }] }\n",
                "opensOn"
            ),
        ] {
            let path = folder.appending(path: "pack.yaml")
            try Data(text.utf8).write(to: path)
            #expect(throws: SanctionRefusal.self) { try SanctionLadder(try RulePack.load(path.path), calendar: calendar) }
            do { _ = try SanctionLadder(try RulePack.load(path.path), calendar: calendar) } catch let refusal as SanctionRefusal {
                #expect(refusal.description.contains(reason), "\(refusal)")
            }
        }
    }
}

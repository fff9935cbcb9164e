import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaKitFiles
import PrakerjaModels
import PrakerjaStore

/// `prakerja sanctions list | show | decide`: what followed from courses found wanting.
struct SanctionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sanctions",
        abstract: "The sanctions monitoring sweeps opened: warned, suspended or removed courses, with every step.",
        discussion: """
            A monitoring sweep recorded in the history opens a sanction for each course it finds
            wanting (the rule pack's sanctions.opensOn) on the ladder's first rung, with a deadline
            in working days; every later sweep of the course re-checks it: closed when fixed,
            one rung up (warning, suspension, removal) when still wanting past its deadline.
            """,
        subcommands: [SanctionsListCommand.self, SanctionsShowCommand.self, SanctionsDecideCommand.self])
}

struct SanctionsListCommand: RunnableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The sanctions, newest first.")

    @Option(help: "Only this provider's (its code).")
    var provider: String?

    @Option(help: "Only these statuses, comma-separated: open, closed, removed.")
    var status: String?

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        var statuses: Set<Sanction.Status>?
        if let status {
            let names = status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let parsed = names.compactMap(Sanction.Status.init(rawValue:))
            guard parsed.count == names.count else { throw .usage("--status takes open, closed, removed; got \(status)") }
            statuses = Set(parsed)
        }
        let sanctions: [Sanction]
        do {
            sanctions = try await RunsCommand.withHistory(history) { try await $0.sanctions(provider: provider, statuses: statuses) }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw .unjudged("\(error)")
        }
        guard !sanctions.isEmpty else {
            io.print("no sanction" + (provider.map { " of \($0)" } ?? ""))
            return ExitStatus.passed
        }
        for sanction in sanctions {
            io.print(
                "\(sanction.id)  \(sanction.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  "
                    + "\(sanction.level.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))  \(sanction.course) (\(sanction.provider))  "
                    + (sanction.deadline.map { "fix by \($0)  " } ?? "") + sanction.indicators.joined(separator: " "))
        }
        return ExitStatus.passed
    }
}

struct SanctionsShowCommand: RunnableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One sanction, every step.")

    @Argument(help: "The sanction's id (S-2026-0001).")
    var id: String

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let found: Sanction?
        do { found = try await RunsCommand.withHistory(history) { try await $0.sanction(id) } } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw .unjudged("\(error)")
        }
        guard let sanction = found else { throw .usage("there is no sanction \(id)") }
        Self.show(sanction, io: io)
        return ExitStatus.passed
    }

    static func show(_ sanction: Sanction, io: CommandIO) {
        io.print("\(sanction.id): \(sanction.course) \(sanction.title) (\(sanction.provider)), rule pack \(sanction.rulePack)")
        io.print(
            "\(sanction.status.rawValue), \(sanction.level.rawValue)" + (sanction.deadline.map { ", to be fixed by \($0)" } ?? "")
                + (sanction.indicators.isEmpty ? "" : "; failing: \(sanction.indicators.joined(separator: ", "))"))
        for step in sanction.steps {
            io.print(
                "  \(step.at.jakarta("yyyy-MM-dd HH:mm")) \(step.action.rawValue) -> \(step.level.rawValue)"
                    + (step.deadline.map { " (fix by \($0))" } ?? "") + " by \(step.by)" + (step.runID.map { " in \($0)" } ?? "") + ": \(step.note)")
        }
    }
}

struct SanctionsDecideCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide", abstract: "Record a decision on an open sanction: a response, more time, closing it, or a rung up.",
        discussion: """
            Example:
              prakerja sanctions decide S-2026-0001 --action respond --note "Modul 3 diperbaiki 10 Des" --by lp.ref
              prakerja sanctions decide S-2026-0001 --action extend --days 5 --note "vendor LMS" --by kurator.ipb
            """)

    @Argument(help: "The sanction's id (S-2026-0001).")
    var id: String

    @Option(help: "respond (the partner's response), extend (with --days), close, or escalate.")
    var action: String

    @Option(help: "Working days more to fix (extend).")
    var days: Int?

    @Option(help: "What was decided and why (or the partner's response).")
    var note: String

    @Option(help: "Who decides: the person's login.")
    var by: String

    @OptionGroup var history: StoreOptions

    @Option(help: "The folder holding Specs/ and Conformance/ (the kit's own by default).")
    var root: String = KitFiles.defaultRoot

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let decision: SanctionLadder.Decision
        switch action {
        case "respond": decision = .respond
        case "close": decision = .close
        case "escalate": decision = .escalate
        case "extend":
            guard let days else { throw .usage("--action extend needs --days") }
            decision = .extend(workingDays: days)
        default: throw .usage("--action takes respond, extend, close or escalate; got \(action)")
        }
        guard !by.trimmingCharacters(in: .whitespaces).isEmpty else { throw .usage("--by names who decides") }
        let calendar: WorkingDayCalendar
        do { calendar = try WorkingDayCalendar.indonesia() } catch { throw .unjudged("the holiday calendar: \(error)") }
        let (id, root, by, note) = (id, root, by, note)
        let decided: Sanction
        do {
            decided = try await RunsCommand.withHistory(history) { store in
                try await store.decideSanction(id) { sanction in
                    let ladder = try SanctionLadder(try RulePack.named(sanction.rulePack, root: root), calendar: calendar)
                    return try ladder.decide(decision, on: sanction, note: note, by: by)
                }
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch let refusal as SanctionRefusal {
            throw .usage(refusal.description)
        } catch let error as RulePack.LoadError {
            throw .usage(error.description)
        } catch {
            throw .unjudged("\(error)")
        }
        SanctionsShowCommand.show(decided, io: io)
        return ExitStatus.passed
    }
}

/// What a monitoring sweep recorded in the history does once its courses are judged: opens,
/// re-checks, escalates or closes sanctions on the rule pack's ladder, and says what it did.
enum SanctionSweep {
    static func review(
        _ judged: [SanctionLadder.Judged], rules: RulePack, runID: String, store: ResultsStore, io: CommandIO, now: Date = Date()
    ) async throws(CommandFailure) {
        let ladder: SanctionLadder
        do { ladder = try SanctionLadder(rules, calendar: try WorkingDayCalendar.indonesia()) } catch {
            io.print("sanctions: none opened or re-checked (\(error))")
            return
        }
        let recorded: [Sanction]
        do {
            let open = try await store.sanctions(statuses: [.open])
            recorded = try await store.record(ladder.review(judged, open: open, runID: runID, now: now), now: now)
        } catch {
            throw .unjudged("the sanctions could not be recorded in \(store.location): \(error)")
        }
        guard !recorded.isEmpty else { return }
        let counts = Dictionary(grouping: recorded.compactMap(\.steps.last?.action), by: \.self).mapValues(\.count)
        io.print(
            "sanctions: "
                + Sanction.Step.Action.allCases.compactMap { action in counts[action].map { "\($0) \(action.rawValue)" } }.joined(separator: ", ")
                + " (prakerja sanctions list)")
        for sanction in recorded.prefix(10) {
            guard let step = sanction.steps.last else { continue }
            io.print(
                "   \(sanction.id) \(sanction.course): \(step.action.rawValue), \(sanction.level.rawValue)"
                    + (sanction.deadline.map { ", fix by \($0)" } ?? "") + " (\(step.note))")
        }
    }
}

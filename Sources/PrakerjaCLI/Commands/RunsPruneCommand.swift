import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaStore

/// `prakerja runs prune --older-than DAYS [--keep-last N]`.
struct RunsPruneCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove runs older than --older-than days, keeping what people and waivers still refer to.",
        discussion: """
            Removes each run begun more than DAYS ago with its results, evidence and waivers,
            except: a run that never finished but recorded a result in those DAYS (--resume may
            finish it; one silent since is abandoned and goes), a run judged with a waiver
            that is still live, a run people reviewed, and the last --keep-last runs of each
            partner, course or sweep folder (1 by default: a subject's latest verdict stays).
            Finished sweeps queued before then go with their items. The audit trail stays, with
            the prune in it. An SQLite file reuses the space freed (VACUUM shrinks it).

            Examples:
              prakerja runs prune --older-than 180 --dry-run
              prakerja runs prune --older-than 90 --keep-last 3 --store postgres://curator@db/prakerja
            """
    )

    @Option(help: "Remove runs begun more than this many days ago.")
    var olderThan: Int

    @Option(help: "Keep the last N runs of each subject whatever their age.")
    var keepLast = 1

    @Flag(help: "Say what would be removed, and remove nothing.")
    var dryRun = false

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard olderThan >= 0 else { throw .usage("--older-than must be 0 days or more") }
        guard keepLast >= 0 else { throw .usage("--keep-last must be 0 or more") }
        let store = try await RunsCommand.open(history)
        let now = Date()
        let report: PruneReport
        do {
            report = try await store.prune(
                before: now.addingTimeInterval(-Double(olderThan) * 86_400), keepLast: keepLast, today: CalendarDate(now).description,
                dryRun: dryRun)
        } catch {
            throw .unjudged(error.description)
        }
        io.print(
            "\(dryRun ? "would remove" : "removed") \(report.removed.count) runs (\(report.results) results\(report.abandoned > 0 ? "; \(report.abandoned) of them abandoned unfinished" : "")) and \(report.sweeps) sweeps begun more than \(olderThan) days ago from \(store.location)"
        )
        let kept = [
            (report.keptUnfinished, "unfinished"), (report.keptForRunningSweeps, "of a sweep still running"),
            (report.keptForWaivers, "judged with a live waiver"),
            (report.keptForReviews, "reviewed by people"),
            (report.keptAsLast, "the last \(keepLast) of their subject"),
        ].filter { $0.0 > 0 }
        if !kept.isEmpty { io.print("kept older runs: " + kept.map { "\($0.0) \($0.1)" }.joined(separator: ", ")) }
        return ExitStatus.passed
    }
}

import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaStore

/// `prakerja runs list | show ID | diff A B`: the results history.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Read the results history: the runs recorded, one run's results or a sweep, what changed between two runs; prune old runs.",
        subcommands: [RunsListCommand.self, RunsShowCommand.self, RunsDiffCommand.self, RunsPruneCommand.self]
    )

    /// The history, opened for reading; a usage error when it does not exist yet.
    /// `body` on the history `options` name (as `open` opens it), closed after `body` whatever it did.
    static func withHistory<T: Sendable>(_ options: StoreOptions, _ body: (ResultsStore) async throws -> T) async throws -> T {
        let store = try await open(options)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    static func open(_ options: StoreOptions) async throws(CommandFailure) -> ResultsStore {
        guard !options.noStore else { throw .usage("--no-store: there is no history to read") }
        if case .file(let path) = try? StoreLocation.parse(options.location), !FileManager.default.fileExists(atPath: path) {
            throw .usage("\(path): no results history there yet (runs are recorded by conformance run, assess, monitor and demo)")
        }
        guard let store = try await options.open() else { throw .usage("no results history") }
        return store
    }

    /// The run `id` (or the unique run whose id starts with it); a usage error naming it otherwise.
    static func run(_ id: String, in store: ResultsStore) async throws(CommandFailure) -> StoredRun {
        let found: StoredRun?
        do { found = try await store.run(id) } catch { throw .usage(error.description) }
        guard let found else { throw .usage("\(id): no such run in \(store.location) (prakerja runs list shows them)") }
        return found
    }

    /// A time as the history's listings show it: Jakarta, to the minute.
    static func time(_ date: Date) -> String { date.jakarta("yyyy-MM-dd HH:mm") }
}

/// `prakerja runs list`.
struct RunsListCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recorded runs, newest first.",
        discussion: """
            A run left `running` was stopped before it finished; the same command with --resume
            finishes it. Times are Jakarta time.

            Examples:
              prakerja runs list
              prakerja runs list --kind monitoring --limit 5
              prakerja runs list --subject "Reference payment partner"
            """
    )

    @Option(help: "Only runs of this kind: conformance, client, assessment, monitoring.")
    var kind: String?

    @Option(help: "Only runs of this partner, course code or sweep folder.")
    var subject: String?

    @Option(help: "At most this many runs.")
    var limit = 20

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let kind = try kind.map { name throws(CommandFailure) in
            guard let kind = RunResult.Kind(rawValue: name) else {
                throw .usage("--kind \(name): not a kind (\(RunResult.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return kind
        }
        guard limit > 0 else { throw .usage("--limit must be at least 1") }
        let store = try await RunsCommand.open(history)
        let entries: [RunEntry]
        do { entries = try await store.runs(kind: kind, subject: subject, limit: limit) } catch { throw CommandFailure.unjudged(error.description) }
        if json {
            do { io.print(String(decoding: try JSONReport.encode(entries), as: UTF8.self)) } catch { throw CommandFailure.unjudged("\(error)") }
            return ExitStatus.passed
        }
        guard !entries.isEmpty else {
            io.print("no runs recorded in \(store.location)" + (kind != nil || subject != nil ? " matching the filter" : ""))
            return ExitStatus.passed
        }
        let rows = entries.map { entry in
            let counts = Verdict.severityOrder.compactMap { verdict in entry.counts[verdict.rawValue].map { "\($0) \(verdict.rawValue)" } }.joined(
                separator: ", ")
            return [
                entry.id, entry.kind.rawValue, entry.status.rawValue, RunsCommand.time(entry.startedAt), entry.subject,
                [entry.outcome, counts.isEmpty ? nil : counts, entry.exitCode.map { "exit \($0)" }].compactMap { $0 }.joined(separator: "; "),
            ]
        }
        io.writeOutput(Table(["RUN", "KIND", "STATUS", "STARTED", "SUBJECT", "RESULT"], rows).text)
        return ExitStatus.passed
    }
}

/// `prakerja runs show ID`.
struct RunsShowCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one recorded run: its summary, reviews, waivers and audit trail; or write its reports again.",
        discussion: """
            ID is a run's id or its start, if only one run's id starts with it. --report-dir writes
            the run's reports (HTML, JSON, JUnit) as it stands now: after reviews were imported,
            they show the people's verdicts and the summary recomputed.

            Examples:
              prakerja runs show 20261129T081500-1A2B3C4D
              prakerja runs show 20261129T0815 --format json
              prakerja runs show 20261129T0815 --report-dir reviewed-reports
            """
    )

    @Argument(help: "The run's id.")
    var id: String

    @Option(help: "console (summary, reviews, audit) or json (the report.json document).")
    var format = "console"

    @Option(help: "Write the run's reports (json, junit, html) to this folder too.")
    var reportDir: String?

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard ["console", "json"].contains(format) else { throw .usage("--format \(format): console or json") }
        let store = try await RunsCommand.open(history)
        // A sweep shows whole (its items, done, running, waiting, failed); a monitoring sweep's
        // run, of the same id, follows. Showing exits 0 whatever the sweep found, as for a run.
        if let sweep = try? await store.sweep(id) {
            let hasRun = (try? await store.run(id)) != nil
            if format == "console" {
                _ = try await SweepRunner.show(id, in: store, io: io)
                guard hasRun else { return ExitStatus.passed }
                io.print("")
            } else if !hasRun {
                // A conformance sweep has no run of its own: its items name their partners' runs.
                do { io.print(String(decoding: try JSONReport.encode(sweep), as: UTF8.self)) } catch {
                    throw CommandFailure.unjudged("cannot render the sweep: \(error)")
                }
                return ExitStatus.passed
            }
        }
        let stored = try await RunsCommand.run(id, in: store)
        let run = stored.run
        if format == "json" {
            do { io.print(String(decoding: try JSONReport.render(run), as: UTF8.self)) } catch {
                throw CommandFailure.unjudged("cannot render the run: \(error)")
            }
        } else {
            io.print(
                "run \(run.runID): \(run.kind.rawValue) of \(run.subject), \(stored.status.rawValue)"
                    + (stored.status == .running ? " (stopped before it finished: the same command with --resume finishes it)" : ""))
            io.writeOutput(ConsoleReport(isTerminal: false, write: io.writeOutput).summary(run))
            let reviewed = run.checks.filter { !($0.reviews ?? []).isEmpty }
            if !reviewed.isEmpty { io.print("reviews:") }
            for result in reviewed {
                io.print("  \(result.check.id): \(result.verdict.rawValue)")
                for review in result.reviews ?? [] {
                    io.print(
                        "    \(review.verdict.rawValue) by \(review.reviewer) at \(RunsCommand.time(review.reviewedAt))\(review.note.isEmpty ? "" : ": \(review.note)")"
                    )
                }
            }
            let trail: [AuditEntry], waivers: [(waiver: Waivers.Waiver, outcome: String)]
            do {
                trail = try await store.audit(run.runID)
                waivers = try await store.waivers(run.runID)
            } catch {
                throw CommandFailure.unjudged(error.description)
            }
            if !waivers.isEmpty { io.print("waivers:") }
            for (waiver, outcome) in waivers {
                io.print(
                    "  \(waiver.id) on \(waiver.check)\(waiver.partner.map { " for \($0)" } ?? ""): \(outcome); \(waiver.owner) until \(waiver.expires): \(waiver.reason)"
                )
            }
            io.print("audit trail:")
            for entry in trail {
                io.print("  \(RunsCommand.time(entry.at))  \(entry.actor)  \(entry.action)\(entry.result.map { " \($0)" } ?? "")  \(entry.detail)")
            }
        }
        if let reportDir {
            do {
                for url in try ReportWriter.write(run, formats: [.json, .junit, .html], to: URL(fileURLWithPath: reportDir)) {
                    io.printError("report: \(url.path)")
                }
            } catch {
                throw CommandFailure.unjudged("cannot write the reports to \(reportDir): \(error.localizedDescription)")
            }
        }
        return ExitStatus.passed
    }
}

/// `prakerja runs diff A B`.
struct RunsDiffCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed from run A to a later run B of the same partner, course or sweep.",
        discussion: """
            Lists the checks that fail in B and did not in A (new failures), those that failed in
            A and pass in B (fixes), other verdict changes, drift (the same verdict on different
            findings: a field that fails differently, a price that moved again), checks only one
            run has, contracts whose file changed, and the decision or course statuses.

            Exit codes: 0 no new failure, 1 B has new failures, 2 usage error (an unknown run,
            runs of different partners or kinds).

            Example:
              prakerja runs diff 20261128T0900 20261129T0900
            """
    )

    @Argument(help: "The earlier run's id.")
    var before: String

    @Argument(help: "The later run's id.")
    var after: String

    @Flag(help: "Print the diff as JSON.")
    var json = false

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let store = try await RunsCommand.open(history)
        let a = try await RunsCommand.run(before, in: store).run, b = try await RunsCommand.run(after, in: store).run
        guard a.kind == b.kind, a.subject == b.subject else {
            throw .usage(
                "\(a.runID) is a run of kind \(a.kind.rawValue) on \(a.subject), \(b.runID) one of kind \(b.kind.rawValue) on \(b.subject): diff compares runs of the same kind on the same partner, course or sweep"
            )
        }
        let diff = RunDiff(from: a, to: b)
        if json {
            do { io.print(String(decoding: try JSONReport.encode(diff), as: UTF8.self)) } catch { throw CommandFailure.unjudged("\(error)") }
            return diff.newFailures.isEmpty ? ExitStatus.passed : ExitStatus.failed
        }
        io.print("\(a.kind.rawValue) of \(a.subject): \(a.runID) -> \(b.runID)")
        guard !diff.isEmpty else {
            io.print("no change")
            return ExitStatus.passed
        }
        for line in diff.outcome { io.print("outcome: \(line)") }
        for contract in diff.contracts {
            io.print(
                "contract \(contract.path) changed: \(contract.before.map { String($0.prefix(12)) } ?? "none") -> \(contract.after.map { String($0.prefix(12)) } ?? "none")"
            )
        }
        for (title, changes) in [
            ("new failures", diff.newFailures), ("fixed", diff.fixes), ("other verdict changes", diff.changed),
            ("drift (same verdict, different findings)", diff.drift), ("new checks", diff.added), ("checks gone", diff.removed),
        ]
        where !changes.isEmpty {
            io.print("\(title) (\(changes.count)):")
            for change in changes {
                io.print("  \(change.key): \(change.before?.rawValue ?? "absent") -> \(change.after?.rawValue ?? "absent")  \(change.message)")
                for finding in change.gone { io.print("    - \(finding.summary)") }
                for finding in change.new { io.print("    + \(finding.summary)") }
            }
        }
        return diff.newFailures.isEmpty ? ExitStatus.passed : ExitStatus.failed
    }
}

/// Left-aligned columns, the last one unpadded.
struct Table {
    let text: String

    init(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        text =
            all.map { row in
                row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }
                .joined(separator: "  ")
            }.joined(separator: "\n") + "\n"
    }
}

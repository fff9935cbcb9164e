import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaKitFiles
import PrakerjaStore

/// `prakerja review export | import`: people decide what the machine could not.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Hand the results that need a person to reviewers, and take their verdicts back.",
        subcommands: [ReviewExportCommand.self, ReviewImportCommand.self]
    )
}

/// `prakerja review export --run ID`.
struct ReviewExportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a worksheet (CSV and YAML) of every result of a run waiting for a person.",
        discussion: """
            Each row is one result: the indicator, its severity and method, the machine's proposed
            verdict, the evidence, the rubric, and earlier reviews. Reviewers fill verdict (pass,
            fail, notApplicable), reviewer and note (and institution, when they are not a person
            of the console), then run prakerja review import.

            Example:
              prakerja review export --run 20261129T081500-1A2B3C4D --out reviews/
            """
    )

    @Option(help: "The run (its id, or the start of it).")
    var run: String

    @Option(help: "Where the worksheet goes: <out>/review-<run>.csv and .yaml.")
    var out = "reviews"

    @Option(help: "The kit's folder (with Conformance/indicators/), for the rubrics.")
    var root = KitFiles.defaultRoot

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let store = try await RunsCommand.open(history)
        let stored = try await RunsCommand.run(run, in: store).run
        let worksheet = ReviewWorksheet(stored, catalogue: try ReviewImportCommand.catalogues(root: root)[stored.kind])
        guard !worksheet.rows.isEmpty else {
            io.print("run \(stored.runID): no result waits for a person")
            return ExitStatus.passed
        }
        let folder = URL(fileURLWithPath: out)
        let csv = folder.appending(path: "review-\(stored.runID).csv"), yaml = folder.appending(path: "review-\(stored.runID).yaml")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(worksheet.csv.utf8).write(to: csv, options: .atomic)
            try Data(try worksheet.yaml().utf8).write(to: yaml, options: .atomic)
        } catch {
            throw CommandFailure.unjudged("cannot write the worksheet to \(out): \(error.localizedDescription)")
        }
        let critical = worksheet.rows.filter { $0.severity == IndicatorCatalogue.Gravity.critical.rawValue }.count
        io.print("run \(stored.runID): \(worksheet.rows.count) results wait for a person (\(critical) critical: two reviewers must agree)")
        io.print("worksheet: \(csv.path)")
        io.print("worksheet: \(yaml.path)")
        return ExitStatus.passed
    }
}

/// `prakerja review import FILE`.
struct ReviewImportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record reviewers' verdicts from a filled worksheet (CSV or YAML), all or nothing.",
        discussion: """
            Every filled row needs a verdict (pass, fail, notApplicable), a reviewer and a result
            of a stored run that waits for a person; reviewedAt, if given, is ISO 8601. A row
            left blank is skipped. If any row is wrong, nothing is imported and every problem is
            listed. A critical indicator is decided only when two reviewers agree (a second
            reviewer imports their own row), from two institutions where the rule pack says so:
            a reviewer who is a person of the console counts with their institution, anyone else
            with the row's institution. The run's scores and decision (or course statuses) are
            recomputed, and every change goes into the run's audit trail (prakerja runs show).

            Exit codes: 0 imported, 2 refused (nothing imported).

            Example:
              prakerja review import reviews/review-20261129T081500-1A2B3C4D.csv
            """
    )

    @Argument(help: "The filled worksheet (.csv, .yaml).")
    var file: String

    @Option(help: "The kit's folder (with Conformance/indicators/), to recompute scores.")
    var root = KitFiles.defaultRoot

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let worksheet: ReviewWorksheet
        do { worksheet = try ReviewWorksheet.read(file) } catch { throw .usage(error.description) }
        let catalogues = try Self.catalogues(root: root)
        let store = try await RunsCommand.open(history)
        let digest = Contract.sha256(ofFile: file) ?? "?"
        let imported: ReviewImport
        do {
            imported = try await store.importReviews(worksheet, source: "\(file) (sha256 \(digest.prefix(16)))", catalogues: catalogues)
        } catch let error as ReviewImportError {
            throw .usage("\(file): \(error.description)")
        } catch {
            throw CommandFailure.unjudged("\(error)")
        }
        for entry in imported.entries {
            let waiting = entry.waiting.map { " (\($0))" } ?? ""
            io.print(
                "\(entry.run) \(entry.result): \(entry.given.rawValue) by \(entry.reviewer); \(entry.before.rawValue) -> \(entry.after.rawValue)\(waiting)"
            )
        }
        io.print("\(imported.entries.count) reviews imported" + (imported.blank > 0 ? ", \(imported.blank) rows left blank" : ""))
        for listing in imported.listings {
            let pending = listing.counts[Verdict.needsReview.rawValue] ?? 0
            io.print("run \(listing.id): \(listing.outcome ?? listing.status.rawValue); \(pending) still wait for a person")
        }
        return ExitStatus.passed
    }

    /// The indicator catalogues by the kind of run they judge.
    static func catalogues(root: String) throws(CommandFailure) -> [RunResult.Kind: IndicatorCatalogue] {
        do {
            return [
                .assessment: try IndicatorCatalogue.standard(.assessment, root: root),
                .monitoring: try IndicatorCatalogue.standard(.monitoring, root: root),
            ]
        } catch {
            throw .usage(error.description)
        }
    }
}

import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaKitFiles
import PrakerjaModels

/// `prakerja disbursements`: the incentive as the payment partners paid it.
struct DisbursementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disbursements", abstract: "The incentive's disbursements against what the payment partners say they paid.",
        subcommands: [DisbursementsReconcileCommand.self])
}

/// `prakerja disbursements reconcile`: the program's instructions against the partners'
/// statements, each file read once, a row at a time.
struct DisbursementsReconcileCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "Reconcile disbursement instructions with payment partners' statements.",
        discussion: """
            Finds, per payment partner and overall, what was paid late (after the rule pack's \
            incentivePaymentWorkingDays, on the holiday calendar), never paid, paid twice (under one \
            reference, or a recipient's month under two), paid another amount or with a fee, paid to \
            an account whose holder's NIK is not the recipient's, or paid with no instruction. \
            Files are CSV with a header row or JSON Lines (Specs/feeds/); a row that cannot be used \
            is reported with its file and line, and the rest reconciled.

            Exit codes: 0 every disbursement right, 1 an exception, 4 a feed was dirty, 2 usage or \
            a file that cannot be read.

            Example:
              prakerja disbursements reconcile --instructions instructions.csv \\
                --statements dana.jsonl --statements ovo.csv --report-dir reconciliation
            """)

    @Option(help: "The program's disbursement instructions (.csv or .jsonl).")
    var instructions: String

    @Option(help: "A payment partner's statement or notifications (.csv or .jsonl; repeatable).")
    var statements: [String] = []

    @Option(help: "The rule pack: a name in Conformance/rulepacks/ or a file.")
    var rulePack = RulePack.defaultID

    @Option(help: "Where reconciliation.json and exceptions.csv (every exception) go.")
    var reportDir = "disbursement-reports"

    @Option(help: "How many exceptions and set-aside rows the console lists (all are in the files).")
    var show = 20

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard !statements.isEmpty else { throw .usage("give at least one --statements file") }
        let rules: RulePack
        do { rules = try RulePack.named(rulePack) } catch { throw .usage("\(error)") }
        guard let days = rules.number("incentivePaymentWorkingDays"), days >= 0, days <= 60, days == days.rounded() else {
            throw .usage("rule pack \(rules.id) gives no incentivePaymentWorkingDays (0 to 60)")
        }
        let report: ReconciliationReport
        do {
            let reconciliation = DisbursementReconciliation(workingDays: Int(days), calendar: try WorkingDayCalendar.indonesia())
            report = try reconciliation.reconcile(instructions: instructions, statements: statements)
        } catch let error as FeedError {
            throw .usage(error.description)
        } catch {
            throw .usage("\(error)")
        }
        try write(report)
        show(report, io: io)
        return report.exitCode
    }

    /// `reconciliation.json` (the figures, every row set aside) and `exceptions.csv` (every exception).
    func write(_ report: ReconciliationReport) throws(CommandFailure) {
        let folder = URL(fileURLWithPath: reportDir, isDirectory: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        struct Summary: Encodable {
            let rulePackWorkingDays: Int
            let overall: ReconciliationReport.PartnerCounts
            let partners: [ReconciliationReport.PartnerCounts]
            let exceptions: Int
            let problemCounts: [String: Int]
            let problems: [FeedProblem]
            let exitCode: Int32
        }
        let summary = Summary(
            rulePackWorkingDays: report.workingDays, overall: report.overall, partners: report.partners, exceptions: report.exceptions.count,
            problemCounts: report.problemCounts, problems: report.problems, exitCode: report.exitCode)
        let rows =
            [["kind", "partner", "reference", "partnerReference", "detail"]]
            + report.exceptions.map { [$0.kind.rawValue, $0.partner, $0.reference, $0.partnerReference, $0.detail] }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try encoder.encode(summary).write(to: folder.appending(path: "reconciliation.json"), options: .atomic)
            try Data(CSV.write(rows).utf8).write(to: folder.appending(path: "exceptions.csv"), options: .atomic)
        } catch {
            throw .unjudged("\(reportDir): the reconciliation cannot be written: \(error)")
        }
    }

    /// The figures per partner and overall, then the first exceptions and rows set aside.
    func show(_ report: ReconciliationReport, io: CommandIO) {
        let kinds = ReconciliationReport.Kind.allCases
        io.print("disbursements within \(report.workingDays) working days (holiday calendar)")
        io.print(
            "partner".padding(toLength: 16, withPad: " ", startingAt: 0) + " instructed     paid  on time  "
                + kinds.map(\.rawValue).joined(separator: "  "))
        for counts in report.partners + [report.overall] {
            var line = String(counts.partner.prefix(16)).padding(toLength: 16, withPad: " ", startingAt: 0)
            line += String(format: " %10d %8d %8d", counts.instructions, counts.paid, counts.onTime)
            for kind in kinds {
                let count = kind == .notInstructed ? counts.notInstructed : counts.exceptions[kind.rawValue] ?? 0
                line += "  " + String(count).padding(toLength: kind.rawValue.count, withPad: " ", startingAt: 0)
            }
            io.print(line)
        }
        if !report.exceptions.isEmpty {
            io.print("\n\(report.exceptions.count) exceptions (every one in \(reportDir)/exceptions.csv):")
            for exception in report.exceptions.prefix(show) {
                io.print("  \(exception.kind.rawValue) \(exception.partner) \(exception.reference): \(exception.detail)")
            }
        }
        if !report.problems.isEmpty {
            let counts = report.problemCounts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            io.print("\nthe feeds were dirty, rows set aside: \(counts) (each in \(reportDir)/reconciliation.json):")
            for problem in report.problems.prefix(show) { io.print("  \(problem)") }
        }
    }
}

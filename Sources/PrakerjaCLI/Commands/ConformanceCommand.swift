import ArgumentParser
import Foundation
import PrakerjaClient
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaKitFiles
import PrakerjaModels
import PrakerjaStore

/// `prakerja conformance`: run the protocol suites against a partner.
struct ConformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Check a partner endpoint against its contract in Specs/ and report with evidence.",
        subcommands: [ConformanceRunCommand.self, ConformanceClientCommand.self, ConformanceRequirementsCommand.self]
    )
}

/// `prakerja conformance run --config FILE`.
struct ConformanceRunCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the role's suites against the partner a config describes.",
        discussion: """
            The config (YAML; keys in Conformance/configs/README.md) names the partner, its role,
            base URL, credentials (secrets from environment variables or files, never printed),
            test fixtures and limits. Reports go to <report-dir>/<partner>/: report.json,
            junit.xml, report.html; the console shows progress and a summary.

            Exit codes: 0 every required check passed, 1 a required check failed, 2 usage or
            configuration error, 3 the kit could not reach or judge the partner.

            Examples:
              prakerja conformance run --config Conformance/configs/reference-payment-partner.yaml
              prakerja conformance run --config partner.yaml --only payment.security --format console,junit
              prakerja conformance run --config partner.yaml --rerun-failed
            """
    )

    @Option(help: "The partner's config file (YAML).")
    var config: String

    @Option(help: "Use this base URL instead of the config's.")
    var baseURL: String?

    @Option(help: "Where the reports go.")
    var reportDir = "conformance-reports"

    @Option(help: "Report formats, comma-separated: console, json, junit, html.")
    var format = "console,json,junit,html"

    @Option(help: "Run only this check id or id prefix (repeatable), like payment.security.")
    var only: [String] = []

    @Option(help: "Run only checks with this tag (repeatable).")
    var tag: [String] = []

    @Option(help: "Leave out this check id or id prefix (repeatable).")
    var skip: [String] = []

    @Flag(help: "Run only the checks that failed or errored in the last run (from <report-dir>/<partner>/last-run.json).")
    var rerunFailed = false

    @Flag(help: "Leave out the slow checks (a replay sent again limits.replayWaitSeconds later): a quick look, not a go-live verdict.")
    var quick = false

    @Option(help: "A waiver file (YAML): live waivers turn their check's failure into a warning.")
    var waivers: String?

    @Flag(help: "Finish this partner's last run left unfinished in the results history (killed mid-run): only the checks it had not recorded run.")
    var resume = false

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let formats = try Self.formats(format)
        var partner: PartnerConfig
        do { partner = try PartnerConfig.load(config) } catch { throw .usage(error.description) }
        if let baseURL { partner.baseURL = baseURL }
        var selection = Selection(only: only, tags: tag, skip: skip, quick: quick)
        if rerunFailed {
            let last = ReportWriter.folder(partner: partner.name, in: URL(fileURLWithPath: reportDir)).appending(path: "last-run.json")
            do { selection.rerun = try JSONReport.failedChecks(in: Data(contentsOf: last)) } catch {
                throw .usage("--rerun-failed: cannot read the last run's report \(last.path) (\(error.localizedDescription))")
            }
        }
        let waivers = try Self.waivers(waivers)
        let store = try await history.open()
        let resuming = resume ? try await StoreOptions.unfinished(store, .conformance, subject: partner.name) : nil
        return try await Self.run(
            partner, selection: selection, formats: formats, reportDir: reportDir, io: io,
            waivers: waivers, store: store, resuming: resuming)
    }

    /// Runs one partner's suites (or the rest of an unfinished run, `resuming`), prints the console
    /// report, records the run and writes the file reports; the run's exit code. A sweep worker
    /// is `takingOver` a run its lease says nobody else records, and hears the run's id (`began`)
    /// before any check runs.
    /// A digital platform's config with the courses the history's sanctions forbid to be sold
    /// added to `fixtures.suspendedCourses` (the suite checks none is sold); any other config as it is.
    static func withSuspensions(_ partner: PartnerConfig, from store: ResultsStore?) async throws(CommandFailure) -> PartnerConfig {
        guard partner.role == .digitalPlatform, let store else { return partner }
        let sanctions: [Sanction]
        do { sanctions = try await store.sanctions(statuses: [.open, .removed]) } catch { throw .unjudged(error.description) }
        let forbidden = sanctions.filter(\.forbidsSale).map(\.course)
        guard !forbidden.isEmpty else { return partner }
        var config = partner
        let given = DigitalPlatformSuite.suspendedCourses(partner)
        config.setFixture("suspendedCourses", .array((given + forbidden.filter { !given.contains($0) }).map { .string($0) }))
        return config
    }

    static func run(
        _ partner: PartnerConfig, selection: Selection, formats: Set<ReportFormat>, reportDir: String,
        io: CommandIO, isTerminal: Bool = isatty(STDOUT_FILENO) == 1, waivers: Waivers? = nil,
        store: ResultsStore? = nil, resuming: StoredRun? = nil, takingOver: Bool = false,
        began: (@Sendable (String) async -> Void)? = nil
    ) async throws(CommandFailure) -> Int32 {
        let console = ConsoleReport(isTerminal: isTerminal, write: io.writeOutput)
        let partner = try await withSuspensions(partner, from: store)
        let prepared: ConformanceRun.Prepared
        do { prepared = try ConformanceRun.prepare(partner, selection: selection, resuming: resuming?.run) } catch { throw .usage(error.description) }
        if let resuming, resuming.run.selection != prepared.header.selection {
            throw .usage(
                "--resume: the run \(resuming.run.runID) was made with \(resuming.run.selection.isEmpty ? "every check" : resuming.run.selection.joined(separator: " ")); resume it with the same selection"
            )
        }
        let record = try await RunRecord.begin(store, prepared.header, resuming: resuming, takingOver: takingOver)
        await began?(prepared.header.runID)
        if let resuming {
            let unjudged = resuming.run.checks.count - resuming.completed.count
            io.print(
                "resuming run \(resuming.run.runID): \(resuming.run.checks.count) results were recorded before"
                    + (unjudged > 0 ? "; \(unjudged) the kit could not judge are run again" : ""))
        }
        // The progress line shows a failure a live waiver excuses as the summary will: a warning.
        let today = CalendarDate(Date())
        let observer: @Sendable (ConformanceRunner.Event) -> Void = { event in
            guard case .finished(var result, let done, let total) = event, result.verdict == .fail,
                waivers?.live(for: result.check.id, partner: partner.name, on: today) != nil
            else { return console.progress(event) }
            result.verdict = .warn
            console.progress(.finished(result, done: done, total: total))
        }
        let run = await ConformanceRun.execute(prepared, observer: formats.contains(.console) ? observer : nil, journal: record?.journal)
        // Stopped part-way (a sweep worker whose lease on the item ran out: another worker has
        // it), the run is neither reported nor recorded as finished: its checks failed for being
        // stopped, and the reports are the other worker's to write.
        guard !Task.isCancelled else { throw .unjudged("the run of \(partner.name) was stopped before it finished") }
        return try await report(run, formats: formats, reportDir: reportDir, io: io, waivers: waivers, record: record)
    }

    /// Prints the console report of a finished run, records it in the history and writes its
    /// file reports; the run's exit code (3 when it could not be recorded and nothing failed).
    static func report(
        _ run: RunResult, formats: Set<ReportFormat>, reportDir: String, io: CommandIO,
        waivers: Waivers? = nil, record: RunRecord? = nil
    ) async throws(CommandFailure) -> Int32 {
        var run = run
        waivers?.apply(to: &run, on: CalendarDate(Date()))
        if formats.contains(.console) { io.writeOutput(ConsoleReport(isTerminal: false, write: io.writeOutput).summary(run)) }
        let recorded = await record?.finish(run, waivers: waivers, io: io) ?? true
        do {
            for url in try ReportWriter.write(run, formats: formats, to: URL(fileURLWithPath: reportDir)) { io.print("report: \(url.path)") }
        } catch {
            throw CommandFailure.unjudged("cannot write the reports to \(reportDir): \(error.localizedDescription)")
        }
        return recorded || run.exitCode != 0 ? run.exitCode : 3
    }

    /// The waiver file at `path`, if one is given; a usage error naming what is wrong in it.
    static func waivers(_ path: String?) throws(CommandFailure) -> Waivers? {
        guard let path else { return nil }
        do { return try Waivers.load(path) } catch { throw .usage(error.description) }
    }

    static func formats(_ text: String) throws(CommandFailure) -> Set<ReportFormat> {
        var formats: Set<ReportFormat> = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let format = ReportFormat(rawValue: name) else {
                throw .usage("--format \(name): not a format (\(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            formats.insert(format)
        }
        guard !formats.isEmpty else { throw .usage("--format: give at least one format") }
        return formats
    }
}

/// `prakerja conformance client --sandbox-log URL|FILE --client-code C`.
struct ConformanceClientCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Judge a partner's client of the program's API from the sandbox's call log.",
        discussion: """
            Reads the sandbox's log (GET /_sandbox/log on a running sandbox, or a file saved from
            it) and checks the calls of one client: calls the program accepts (a log with none
            cannot pass), in the documented form (what the sandbox only tolerated, as the program
            does, is a warning with its fix: sign the exact bytes you send, round timestamps down,
            send sequence), every call validly signed with a fresh timestamp, an accepted status
            check before each commit, one commit per attendance (an accepted reset starts a code
            afresh), sequences in order with the post-test after the sessions, and retries with
            backoff (at least 0.5 s apart, at most 3 in a burst).

            Exit codes: 0 every check passed, 1 a check failed, 2 usage error (an unreadable log).

            Examples:
              prakerja conformance client --sandbox-log http://127.0.0.1:8080/_sandbox/log --client-code LPSANDBOX01
              prakerja conformance client --sandbox-log sandbox-log.json --client-code LPKOPI01 --format console,junit
            """
    )

    @Option(help: "The sandbox log: its URL (http://HOST:PORT/_sandbox/log) or a file.")
    var sandboxLog: String

    @Option(help: "The client code whose calls to judge.")
    var clientCode: String

    @Option(help: "Where the reports go.")
    var reportDir = "conformance-reports"

    @Option(help: "Report formats, comma-separated: console, json, junit, html.")
    var format = "console,json,junit,html"

    @Option(help: "Run only this check id or id prefix (repeatable).")
    var only: [String] = []

    @Option(help: "Leave out this check id or id prefix (repeatable).")
    var skip: [String] = []

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let formats = try ConformanceRunCommand.formats(format)
        let data = try await Self.read(sandboxLog)
        let calls: [SandboxLogEntry]
        do { calls = try SandboxLogEntry.log(from: data) } catch {
            throw .usage("--sandbox-log \(sandboxLog): not a sandbox log (\(error))")
        }
        let run = ClientIntegrationSuite.run(
            calls, clientCode: clientCode, source: sandboxLog, contractSHA256: Self.contractSHA256(),
            selection: Selection(only: only, skip: skip))
        return try await ConformanceRunCommand.report(run, formats: formats, reportDir: reportDir, io: io, record: .whole(try await history.open()))
    }

    /// The log's bytes, from a URL or a file.
    static func read(_ source: String) async throws(CommandFailure) -> Data {
        guard source.hasPrefix("http://") || source.hasPrefix("https://") else {
            do { return try Data(contentsOf: URL(fileURLWithPath: source)) } catch {
                throw .usage("--sandbox-log \(source): cannot be read (\(error.localizedDescription))")
            }
        }
        do {
            let response = try await AsyncHTTPClientTransport(client: ProbeTransport.sharedClient, maximumResponseBytes: 64 << 20)
                .send(TransportRequest(method: "GET", url: source, headers: [], body: []), timeout: .seconds(30))
            guard response.status == 200 else { throw CommandFailure.usage("--sandbox-log \(source): HTTP \(response.status)") }
            return Data(response.body)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure.unjudged("--sandbox-log \(source): \(error)")
        }
    }

    /// The hash of the integration API's contract, when it is where the kit expects it.
    static func contractSHA256() -> String {
        Contract.sha256(ofFile: KitFiles.path(ClientIntegrationSuite.contractPath))
            ?? String(repeating: "0", count: 64)
    }
}

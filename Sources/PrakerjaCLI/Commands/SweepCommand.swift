import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaKitFiles
import PrakerjaStore

/// `prakerja sweep conformance | monitoring`: one sweep with one id, queued in the results history
/// and worked through by this process and any `prakerja worker` sharing the history.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run every partner's suite, or monitor every approved course, as one sweep workers share.",
        discussion: """
            A sweep is queued in the results history as items (a partner's config, or a range of
            courses) and a finishing item. This process works through them with --items at a
            time; any number of `prakerja worker --store URL` processes, on any machine that sees
            the same files at the same paths, take items from the same queue. A worker that dies
            loses its lease (--lease) and another redoes its item; every item is recorded once.
            `prakerja runs show SWEEP` shows the sweep while it runs and after.
            """,
        subcommands: [SweepConformanceCommand.self, SweepMonitoringCommand.self]
    )
}

/// How a sweep is worked through here: the worker's options, or only queued.
struct SweepWorkOptions: ParsableArguments {
    @OptionGroup var worker: WorkerOptions

    @Flag(help: "Only queue the sweep and print its id: `prakerja worker` processes do the work.")
    var queueOnly = false
}

/// How a worker works: how many items at once, and the lease it holds them under.
struct WorkerOptions: ParsableArguments {
    @Option(help: "How many items are worked on at once (partners, or ranges of courses).")
    var items = 4

    @Option(help: "Seconds an item is held without renewing before another worker may take it.")
    var lease = 60

    func validate() throws(CommandFailure) {
        guard (1...64).contains(items) else { throw .usage("--items must be 1 to 64") }
        guard (2...3600).contains(lease) else { throw .usage("--lease must be 2 to 3600 seconds") }
    }
}

/// `prakerja sweep conformance --configs DIR`.
struct SweepConformanceCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run every partner's suite (one item per config in --configs), several partners at once.",
        discussion: """
            Each partner's run is recorded as its own run in the history (runs diff works on it as
            on any run) and reported to <report-dir>/<partner>/; each partner's requests keep to
            its config's rate limit, whatever the number of partners at once.

            Exit codes: 0 every partner passed, 1 a required check failed, 2 usage, 3 a partner
            could not be reached or judged, or an item failed.

            Example:
              prakerja sweep conformance --configs partners/ --store postgres://curator@db/prakerja --items 4
            """
    )

    @OptionGroup var plan: ConformanceSweepPlan
    @OptionGroup var work: SweepWorkOptions
    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        try work.worker.validate()
        let configs = try plan.configFiles()
        for path in configs {
            do { _ = try PartnerConfig.load(path) } catch { throw .usage(error.description) }
        }
        return try await SweepRunner.start(.conformance, plan: plan.arguments, items: configs, work: work, history: history, io: io)
    }
}

/// `prakerja sweep monitoring --approved DIR --provider CONFIG...`.
struct SweepMonitoringCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring",
        abstract: "Monitor every approved course (items of --chunk courses), as `monitor` does, shared by workers.",
        discussion: """
            The sweep is one monitoring run (its id is the sweep's): each item's courses are
            recorded into it as they are judged, and the finishing item writes the summary and the
            reports to <report-dir>/monitoring-of-<N>-approved-courses/.

            Exit codes as `monitor`: 0 every course compliant, 1 a warning, violation or course
            awaiting review, 2 usage, 3 a partner could not be read or an item failed, 4 a feed
            (--complaints, --survey, --enrolments) was dirty.

            Example:
              prakerja sweep monitoring --approved approved/ --provider lp.yaml --platform dp.yaml \\
                --store postgres://curator@db/prakerja --queue-only
            """
    )

    @OptionGroup var plan: MonitoringSweepPlan
    @OptionGroup var work: SweepWorkOptions
    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        try work.worker.validate()
        let loaded = try await plan.load(checkingProposals: true)
        // The feeds folded once here to refuse a file that cannot be read before any work, and to
        // say what they hold; every worker folds them again (a fold is a few counts per course).
        try await plan.sweep.participantFeeds(courses: loaded.courses.map { ($0.code, $0.provider) })?.show(io: io)
        let items = stride(from: 0, to: loaded.courses.count, by: plan.chunk).map { start in
            "courses \(start)-\(min(start + plan.chunk, loaded.courses.count) - 1)"
        }
        return try await SweepRunner.start(
            .monitoring, plan: plan.arguments, items: items, feeds: try await Self.feeds(plan, rules: loaded.rules, io: io), work: work,
            history: history, io: io,
            begin: { store, id, now throws(CommandFailure) in
                let header = MonitoringResult.header(
                    source: plan.sweep.approved, courses: loaded.courses.count, rulePack: loaded.rules.id, runID: id, startedAt: now)
                do { _ = try await store.begin(header) } catch { throw CommandFailure.unjudged("\(error)") }
            })
    }

    /// Each platform's completion feed, read once for the whole sweep: its sample (the
    /// certificates verified of each course) is queued with the items, so every worker judges
    /// against the same reading and none asks the platform again. A feed that cannot be read now
    /// is not kept: each worker reads it (the platform may answer later).
    static func feeds(_ plan: MonitoringSweepPlan, rules: RulePack, io: CommandIO) async throws(CommandFailure) -> [String: [UInt8]] {
        let sources = try await MonitorCommand.sources(platforms: plan.sweep.platform, providers: [], rules: rules)
        for (platform, reason) in sources.unreadFeeds {
            io.printError("\(platform): \(reason); each worker reads it again")
        }
        var feeds: [String: [UInt8]] = [:]
        for (platform, sample) in sources.samples {
            do { feeds[platform] = try sample.encoded() } catch { throw .unjudged("\(platform): cannot keep its completion feed: \(error)") }
            io.print("\(platform): completion feed read for the sweep, \(sample.count) completions of \(sample.byCourse.count) courses kept")
        }
        return feeds
    }
}

/// What every worker needs to run a conformance sweep's items: the sweep's own arguments.
struct ConformanceSweepPlan: ParsableArguments {
    @Option(help: "The folder of partner configs (*.yaml, *.yml): one item each.")
    var configs: String

    @Option(help: "Where the reports go: <report-dir>/<partner>/.")
    var reportDir = "conformance-reports"

    @Option(help: "Report formats, comma-separated: console, json, junit, html.")
    var format = "json,junit,html"

    @Option(help: "Run only this check id or id prefix (repeatable).")
    var only: [String] = []

    @Option(help: "Run only checks with this tag (repeatable).")
    var tag: [String] = []

    @Option(help: "Leave out this check id or id prefix (repeatable).")
    var skip: [String] = []

    @Option(help: "A waiver file (YAML).")
    var waivers: String?

    @Option(help: .hidden)
    /// A registered partner's own run, started in the console (`Sweep.partnerPlan`): the worker
    /// runs only the config registered for it, and only while it names the registered base URL.
    var partner: String?

    /// The arguments that give this plan back (`parse`), as the queue keeps them (every file by
    /// its absolute path).
    var arguments: [String] {
        var arguments = ["--configs", absolutePath(configs), "--report-dir", reportDir, "--format", format]
        if let partner { arguments += ["--partner", partner] }
        for id in only { arguments += ["--only", id] }
        for name in tag { arguments += ["--tag", name] }
        for id in skip { arguments += ["--skip", id] }
        if let waivers { arguments += ["--waivers", absolutePath(waivers)] }
        return arguments
    }

    /// Every config in the folder, in name order.
    func configFiles() throws(CommandFailure) -> [String] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: configs)) ?? []).filter {
            $0.hasSuffix(".yaml") || $0.hasSuffix(".yml")
        }.sorted()
        guard !files.isEmpty else { throw .usage("\(configs): no partner config (*.yaml) in it") }
        return files.map { "\(configs)/\($0)" }
    }
}

/// What every worker needs to run a monitoring sweep's items: the sweep's own arguments.
struct MonitoringSweepPlan: ParsableArguments {
    @OptionGroup var sweep: MonitoringOptions

    @Option(help: "How many courses an item holds.")
    var chunk = 25

    @OptionGroup var indicators: IndicatorOptions

    /// The arguments that give this plan back (`parse`), as the queue keeps them: every file
    /// by its absolute path; the kit's folder only when one was named (a worker otherwise reads
    /// its own: its checkout's, or the files built into it).
    var arguments: [String] {
        var arguments = sweep.arguments + ["--chunk", "\(chunk)"]
        let rulePack = RulePack.isFile(indicators.rulePack) ? absolutePath(indicators.rulePack) : indicators.rulePack
        arguments += ["--rule-pack", rulePack, "--format", indicators.format]
        if indicators.root != KitFiles.defaultRoot { arguments += ["--root", absolutePath(indicators.root)] }
        if let waivers = indicators.waivers { arguments += ["--waivers", absolutePath(waivers)] }
        return arguments
    }

    /// The catalogue, rules and reference data, checked, and the approved courses: every
    /// proposal checked when `checkingProposals` (queuing the sweep: a bad proposal refuses it
    /// before any work), else only indexed (a worker checks each proposal of the items it takes).
    func load(
        checkingProposals: Bool
    ) async throws(CommandFailure) -> (
        catalogue: IndicatorCatalogue, rules: RulePack, reference: ReferenceData, courses: [ApprovedCourse]
    ) {
        try sweep.validate()
        guard (1...10_000).contains(chunk) else { throw .usage("--chunk must be 1 to 10000") }
        let (catalogue, rules, reference) = try indicators.load(.monitoring)
        do {
            return (
                catalogue, rules, reference, try ApprovedCourse.index(sweep.approved, checkedUnder: checkingProposals ? indicators.root : nil)
            )
        } catch {
            throw .usage(error.description)
        }
    }
}

import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaStore

/// `prakerja monitor --approved DIR --platform CONFIG... --provider CONFIG...`: the 40 monitoring
/// indicators over live courses against what was approved.
struct MonitorCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Check live trainings against their approved proposals on the 40 monitoring indicators.",
        discussion: """
            For each approved course (a proposal file in --approved), reads its listing on every
            digital platform and its course, schedules and certificates at the provider, then
            decides the 40 indicators: title, description and syllabus drift, trainers and
            assessment methods, certificates (a sample of the platforms' completions verified, a
            forged number refused), price against the approved price and the price elsewhere.
            Each course gets a status (compliant, warning, violation; awaiting-review while a
            critical or major indicator waits for a monitor; error when a partner could not be
            read) and each partner a summary. Requests are bounded per partner by its
            config's rate limit; --concurrency courses are read at a time.

            With the program's own feeds (--complaints with --enrolments, --survey), the
            participants' voice is judged too: complaints per 1,000 participants against the rule
            pack and the provider's own history, the evaluation survey's satisfaction, and listings
            whose stars the survey does not bear out. A feed row that cannot be used (malformed,
            for a course the program did not approve, a duplicate) is reported with its file and
            line and set aside.

            Exit codes: 0 every course compliant, 1 a warning, a violation or a course awaiting review, 2 usage error or an
            invalid approved proposal, 3 a partner could not be read, 4 a feed was dirty (rows set aside; whatever the courses' verdicts).

            Example:
              prakerja monitor --approved approved/ --platform Conformance/configs/reference-digital-platform.yaml \\
                --provider Conformance/configs/reference-training-provider.yaml
            """
    )

    @OptionGroup var sweep: MonitoringOptions

    @Flag(
        help:
            "Finish the last sweep of this folder left unfinished in the results history (killed mid-run): only the courses it had not recorded are read."
    )
    var resume = false

    @OptionGroup var indicators: IndicatorOptions

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let formats = try ConformanceRunCommand.formats(indicators.format)
        let root = indicators.root
        try sweep.validate()
        let waivers = try ConformanceRunCommand.waivers(indicators.waivers)
        let (catalogue, rules, reference) = try indicators.load(.monitoring)
        let courses = try Self.approvedCourses(sweep.approved, root: root)
        let participants = try await sweep.participantFeeds(courses: courses.map { ($0.course.course.code, $0.provider.code) })
        participants?.show(io: io)

        let store = try await history.open()
        let resuming = resume ? try await StoreOptions.unfinished(store, .monitoring, subject: sweep.approved) : nil
        if let resuming, resuming.run.monitoring?.rulePack != rules.id {
            throw .usage(
                "--resume: the sweep \(resuming.run.runID) was made with the rule pack \(resuming.run.monitoring?.rulePack ?? "?"); resume it with the same"
            )
        }
        let header = MonitoringResult.header(
            source: sweep.approved, courses: courses.count, rulePack: rules.id, runID: resuming?.run.runID,
            startedAt: resuming?.run.startedAt ?? Date())
        let sources = try await Self.sources(platforms: sweep.platform, providers: sweep.provider, rules: rules)
        let record = try await RunRecord.begin(store, header, resuming: resuming)
        if let resuming {
            io.print("resuming sweep \(resuming.run.runID): \(resuming.run.suites.first?.groups.count ?? 0) courses were recorded before")
        }
        let result: MonitoringResult
        do {
            result = try await Monitoring.run(
                catalogue, approved: courses, sources: sources, rules: rules, reference: reference, participants: participants,
                concurrency: sweep.concurrency, journal: record?.journal)
        } catch {
            throw .usage(error.description)
        }
        let run = result.runResult(source: sweep.approved, runID: header.runID, startedAt: header.startedAt)
        let code = try await ConformanceRunCommand.report(run, formats: formats, reportDir: sweep.reportDir, io: io, waivers: waivers, record: record)
        if let store { try await SanctionSweep.review(result.judged, rules: rules, runID: header.runID, store: store, io: io) }
        for status in CourseStatus.allCases {
            let count = result.courses.filter { $0.status == status }.count
            if count > 0 { io.print("\(count) courses \(status.rawValue)") }
        }
        for partner in run.monitoring?.partners ?? [] {
            io.print(
                "\(partner.name): \(partner.compliant) compliant, \(partner.warning) warnings, \(partner.violation) violations, \(partner.error) errors"
            )
        }
        return participants?.isDirty == true ? ExitStatus.dirtyFeed : code
    }
}

/// What a monitoring sweep reads and where it reports: `monitor`'s and `sweep monitoring`'s options.
struct MonitoringOptions: ParsableArguments {
    @Option(help: "The folder of approved proposals (JSON).")
    var approved: String

    @Option(help: "A digital platform's config (repeatable).")
    var platform: [String] = []

    @Option(help: "A training provider's config (repeatable).")
    var provider: [String] = []

    @Option(help: "How many courses are read at a time.")
    var concurrency = 8

    @Option(help: "Where the reports go: <report-dir>/monitoring-of-<N>-approved-courses/.")
    var reportDir = "monitoring-reports"

    @Option(
        help:
            "The program's complaints (CSV or JSON Lines, Specs/feeds/complaint.schema.json; a file or an http(s) address; repeatable: earlier months give each provider's history)."
    )
    var complaints: [String] = []

    @Option(help: "The evaluation survey's answers (CSV or JSON Lines, Specs/feeds/survey-answer.schema.json; a file or an address; repeatable).")
    var survey: [String] = []

    @Option(
        help:
            "The enrolments complaint rates are per 1,000 of (CSV or JSON Lines, Specs/feeds/enrolment.schema.json; a file or an address; repeatable)."
    )
    var enrolments: [String] = []

    /// The arguments that give these options back, every file by its absolute path.
    var arguments: [String] {
        var arguments = ["--approved", absolutePath(approved), "--concurrency", "\(concurrency)", "--report-dir", reportDir]
        for config in platform { arguments += ["--platform", absolutePath(config)] }
        for config in provider { arguments += ["--provider", absolutePath(config)] }
        for feed in complaints { arguments += ["--complaints", FeedDownloads.isAddress(feed) ? feed : absolutePath(feed)] }
        for feed in survey { arguments += ["--survey", FeedDownloads.isAddress(feed) ? feed : absolutePath(feed)] }
        for feed in enrolments { arguments += ["--enrolments", FeedDownloads.isAddress(feed) ? feed : absolutePath(feed)] }
        return arguments
    }

    func validate() throws(CommandFailure) {
        guard !platform.isEmpty || !provider.isEmpty else { throw .usage("give at least one --platform or --provider config") }
        guard (1...64).contains(concurrency) else { throw .usage("--concurrency must be 1 to 64") }
        guard complaints.isEmpty || !enrolments.isEmpty else {
            throw .usage("--complaints needs --enrolments: a complaint rate is per 1,000 of the participants they say enrolled")
        }
    }
}

extension MonitorCommand {
    /// The approved proposals in `folder` (`*.json`), in file-name order: a sweep's courses are
    /// numbered in this order. Every invalid one is named in a usage error.
    static func approvedCourses(_ folder: String, root: String) throws(CommandFailure) -> [CourseProposal] {
        do { return try ApprovedCourse.proposals(in: folder, root: root) } catch { throw .usage(error.description) }
    }

    /// The platforms and providers the configs at these paths describe, opened for reading (a
    /// platform with a sample in `samples`, by config name, is not read again).
    static func sources(
        platforms: [String], providers: [String], rules: RulePack, samples: [String: CompletionSample] = [:]
    ) async throws(CommandFailure) -> MonitoringSources {
        do {
            return try await MonitoringSources.open(
                platforms: try platforms.map { try PartnerConfig.load($0) }, providers: try providers.map { try PartnerConfig.load($0) },
                sampleSize: Int(rules.number("certificateSampleSize") ?? 5), samples: samples)
        } catch {
            throw .usage("\(error)")
        }
    }
}

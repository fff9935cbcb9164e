import ArgumentParser
import Foundation
import PrakerjaClient
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaKitFiles
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import PrakerjaSandbox
import PrakerjaStore

/// `prakerja demo`: the kit's main job on one machine, with nothing to set up.
struct DemoCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the sandbox and the four reference partners in-process, run every suite, write every report.",
        discussion: """
            Everything listens on free loopback ports and stops at the end. The LP example runs its
            integration flow through the sandbox, and the sandbox's call log is checked. Each
            reference partner is checked with its sample config from Conformance/configs/ (the
            copy built into prakerja, so the demo runs from any directory). Reports go to
            <report-dir>/<partner>/.

            With --serve it then serves the curation console on the demo's history (prakerja serve),
            with a person of each role whose sign-ins it prints.

            Exit codes: 0 everything passed, 1 a required check failed, 3 something could not be judged.
            """
    )

    @Option(help: "Where the reports go.")
    var reportDir = "conformance-reports"

    @Option(help: "The folder with the sample partner configs; by default those built into prakerja.")
    var configs = KitFiles.path("Conformance/configs")

    @Flag(help: "Then serve the curation console on the demo's history, with a person of each role, until Ctrl-C.")
    var serve = false

    @Option(help: "The console's port with --serve (0 picks a free one).")
    var port = 8080

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        if serve, history.noStore { throw .usage("--serve shows the demo's history: it cannot go with --no-store") }
        let partners = ["reference-payment-partner", "reference-job-portal", "reference-training-provider", "reference-digital-platform"]
        for partner in partners where !FileManager.default.fileExists(atPath: "\(configs)/\(partner).yaml") {
            throw .usage("\(configs)/\(partner).yaml: not found (give --configs a folder holding the sample configs)")
        }
        let directory = configs, reportDir = reportDir
        let store = try await history.open()
        let overall: Int32
        do {
            overall = try await Sandbox.withRunning { sandbox in
                let integration = try await Self.lpIntegration(sandbox, reportDir: reportDir, io: io, store: store)
                let exitCode = try await ReferenceFleet.withRunning { endpoints in
                    var worst: Int32 = 0
                    for partner in partners {
                        let config: PartnerConfig
                        do { config = try endpoints.config(partner, configs: directory) } catch let error as ConfigError {
                            throw CommandFailure.usage(error.description)
                        }
                        io.print("\n== \(config.name) (\(config.role.rawValue)) at \(config.baseURL)")
                        let code = try await ConformanceRunCommand.run(
                            config, selection: Selection(), formats: Set(ReportFormat.allCases),
                            reportDir: reportDir, io: io, isTerminal: false, store: store)
                        worst = ExitStatus.combine(worst, code)
                    }
                    let portal: PartnerConfig
                    do { portal = try endpoints.config("reference-job-portal", configs: directory) } catch let error as ConfigError {
                        throw CommandFailure.usage(error.description)
                    }
                    let assessed = try await Self.assessFixtures(jobPortal: portal, reportDir: reportDir, io: io, store: store)
                    worst = ExitStatus.combine(worst, assessed.exitCode)
                    worst = ExitStatus.combine(worst, try await Self.reviewFixtures(assessed, store: store, io: io))
                    let platform: PartnerConfig, provider: PartnerConfig
                    do {
                        platform = try endpoints.config("reference-digital-platform", configs: directory)
                        provider = try endpoints.config("reference-training-provider", configs: directory)
                    } catch let error as ConfigError {
                        throw CommandFailure.usage(error.description)
                    }
                    return ExitStatus.combine(
                        worst,
                        try await Self.monitor(
                            endpoints.providerCourses, platform: platform, provider: provider, reportDir: reportDir, io: io, store: store))
                }
                let overall = ExitStatus.combine(exitCode, integration)
                io.print(
                    "\n== demo: the LP flow, \(partners.count) partners, the fixture proposals and a monitoring sweep checked; "
                        + (overall == 0 ? "every required check passed" : overall == 1 ? "a required check failed" : "something could not be judged")
                        + "; reports in \(URL(fileURLWithPath: reportDir).path)/<partner>/ (report.html, report.json, junit.xml)"
                        + (store.map { "; runs recorded in \($0.location) (prakerja runs list)" } ?? ""))
                return overall
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure.unjudged("the demo could not run: \(error)")
        }
        guard serve, let store else { return overall }
        return ExitStatus.combine(overall, try await Self.serve(store, port: port, io: io))
    }

    /// The fixture proposals of `Conformance/fixtures/proposals/`, each under its rule pack, with
    /// live demand from the reference job portal; each must get the decision and failures its
    /// file states (1 if one does not).
    static func assessFixtures(jobPortal: PartnerConfig, reportDir: String, io: CommandIO, store: ResultsStore? = nil) async throws -> Assessed {
        let folder = KitFiles.path("Conformance/fixtures/proposals")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        io.print("\n== assessment of the \(files.count) fixture proposals in \(folder) (52 indicators; demand from \(jobPortal.name))")
        let catalogue = try IndicatorCatalogue.standard(.assessment), reference = try ReferenceData.standard()
        var worst: Int32 = 0, runs: [RunResult] = [], expected: [String: String] = [:]
        let searches = LabourDemand.Searches()
        for file in files {
            let proposal = try CourseProposal.load("\(folder)/\(file)")
            let rules = try RulePack.named(proposal.expected?.rulePack ?? RulePack.defaultID)
            let demand = await LabourDemand.fetch(from: [jobPortal], for: proposal, batch: searches)
            let result = try Assessment.run(catalogue, AssessmentInput(proposal: proposal, rules: rules, reference: reference, demand: demand))
            let run = result.runResult(source: "\(folder)/\(file)", startedAt: Date(), catalogue: catalogue)
            try ReportWriter.write(run, formats: [.json, .junit, .html], to: URL(fileURLWithPath: reportDir).appending(path: "assessments"))
            try await store?.save(run)
            runs.append(run)
            expected[proposal.proposalID] = proposal.expected?.decision
            let expected = proposal.expected
            let asExpected = expected?.decision == result.projected.rawValue && Set(expected?.fails ?? []) == Set(result.failures)
            if !asExpected { worst = 1 }
            let pending = result.results.filter { $0.verdict == .needsReview }.count
            io.print(
                "   \(file): \(result.decision.rawValue)\(result.decision == .awaitingReview ? " (proposed \(result.projected.rawValue))" : "") under \(rules.id), score \(result.score.map { String(format: "%.0f", $0) } ?? "-"), "
                    + "\(pending) for review" + (result.failures.isEmpty ? "" : ", fails \(result.failures.joined(separator: " "))")
                    + (asExpected ? " (as its file states)" : " — NOT what its file states: \(expected?.decision ?? "?") \(expected?.fails ?? [])"))
        }
        io.print("   reports in \(URL(fileURLWithPath: reportDir).appending(path: "assessments").path)/<proposal>/")
        return Assessed(exitCode: worst, runs: runs, expected: expected)
    }

    /// The fixture assessments: the exit code, the runs, and each proposal's decision as its file states.
    struct Assessed {
        let exitCode: Int32
        let runs: [RunResult]
        let expected: [String: String]
    }

    /// Two curators' verdicts (`Conformance/fixtures/reviews/demo.yaml`) imported on the fixture
    /// assessments through the one import `prakerja review import` uses, so decisions made final
    /// by people show next to those awaiting review; each must reach the decision its file states
    /// (1 if one does not). Without a history (`--no-store`), a scratch one takes the import.
    static func reviewFixtures(_ assessed: Assessed, store: ResultsStore?, io: CommandIO) async throws -> Int32 {
        let path = KitFiles.path("Conformance/fixtures/reviews/demo.yaml")
        let reviews = try ProposalReviews.load(path)
        let scratch = FileManager.default.temporaryDirectory.appending(path: "prakerja-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let history: ResultsStore
        if let store {
            history = store
        } else {
            history = try await ResultsStore.open(scratch.appending(path: "history.sqlite").path)
            for run in assessed.runs { try await history.save(run) }
        }
        let imported = try await history.importReviews(
            try reviews.worksheet(for: assessed.runs, reviewedAt: Date()), source: path,
            catalogues: [.assessment: try IndicatorCatalogue.standard(.assessment)])
        io.print("\n== two curators review \(imported.runs.count) proposals: \(imported.entries.count) verdicts from \(path)")
        var worst: Int32 = 0
        for run in imported.runs {
            guard let assessment = run.assessment else { continue }
            let expected = assessed.expected[assessment.proposalID]
            if assessment.decision.rawValue != expected { worst = 1 }
            io.print(
                "   \(assessment.proposalID): \(assessment.decision.rawValue)"
                    + (assessment.provisional ? " (final; minor indicators still wait)" : " (final)")
                    + (assessment.decision.rawValue == expected ? " (as its file states)" : " — NOT what its file states: \(expected ?? "?")"))
        }
        var decisions = Dictionary(grouping: assessed.runs.compactMap(\.assessment), by: \.proposalID).compactMapValues(\.last?.decision)
        for run in imported.runs { if let assessment = run.assessment { decisions[assessment.proposalID] = assessment.decision } }
        let tally = Dictionary(grouping: decisions.values, by: \.rawValue).mapValues(\.count)
        io.print("   decisions now: " + tally.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        return worst
    }

    /// A monitoring sweep of the provider's whole catalogue, taken as approved, against the
    /// reference platform and provider, with the program's own feeds about it (written to
    /// `<report-dir>/monitoring-feeds/`): the machine must find exactly the courses the feeds
    /// make troubled, on the participants' indicators, and nothing else.
    static func monitor(
        _ courses: [CourseDetail], platform: PartnerConfig, provider: PartnerConfig, reportDir: String, io: CommandIO,
        store: ResultsStore? = nil
    ) async throws -> Int32 {
        let today = CalendarDate(Date()), month = today.adding(days: -today.day)
        let generator = ReferenceFeeds(
            courses: courses.map { ($0.course.code, $0.course.providerCode) }, platformCode: ReferenceDigitalPlatformStore.platformCode,
            year: month.year, month: month.month)
        let files = try generator.write(to: URL(fileURLWithPath: reportDir).appending(path: "monitoring-feeds"))
        let participants = try ParticipantFeeds.read(
            complaints: [files.complaints.path], survey: [files.survey.path], enrolments: [files.enrolments.path],
            courses: Dictionary(courses.map { ($0.course.code, $0.course.providerCode) }, uniquingKeysWith: { first, _ in first }),
            platforms: [ReferenceDigitalPlatformStore.platformCode: platform.name])
        io.print(
            "\n== monitoring sweep: \(courses.count) courses of \(provider.name), as approved, on \(platform.name) and at the provider (40 indicators), "
                + "with \(files.complaintRows) complaints, \(files.answerRows) survey answers and \(files.enrolmentRows) enrolment rows of the program's "
                + "(\(URL(fileURLWithPath: reportDir).appending(path: "monitoring-feeds").path))")
        let approved = courses.map { CourseProposal(course: $0, provider: .init(code: $0.course.providerCode, name: provider.name)) }
        let rules = try RulePack.named(RulePack.defaultID)
        let sources = try await MonitoringSources.open(
            platforms: [platform], providers: [provider], sampleSize: Int(rules.number("certificateSampleSize") ?? 5))
        let result = try await Monitoring.run(
            try IndicatorCatalogue.standard(.monitoring), approved: approved, sources: sources, rules: rules, reference: try ReferenceData.standard(),
            participants: participants)
        let run = result.runResult(source: "\(provider.name) catalogue", startedAt: Date())
        let code = try await ConformanceRunCommand.report(run, formats: [.json, .junit, .html], reportDir: reportDir, io: io, record: .whole(store))
        if let store { try await SanctionSweep.review(result.judged, rules: rules, runID: run.runID, store: store, io: io) }
        io.print(
            "   "
                + CourseStatus.allCases.map { status in "\(result.courses.filter { $0.status == status }.count) \(status.rawValue)" }.joined(
                    separator: ", "))
        // The machine's part: the troubled courses found on what participants say, every other
        // course compliant once people confirm what it proposes. Courses still await the
        // monitors' own indicators, which is what a sweep hands the curation team.
        let troubled = Set(generator.troubled.map { courses[$0].course.code })
        var asExpected = !participants.isDirty
        for course in result.courses {
            let failed = Set(course.results.filter { $0.effective == .fail }.map(\.indicator.id))
            let code = course.approved.course.course.code
            let expected: Set<String> = troubled.contains(code) ? ["M-SP-01", "M-SP-02", "M-SP-03"] : []
            if course.projected == .error || failed != expected {
                asExpected = false
                io.print("   \(code): NOT as the feeds make it: fails \(failed.sorted()), expected \(expected.sorted())")
            }
        }
        if asExpected {
            io.print(
                "   the machine found the \(troubled.count) courses the program's feeds make troubled (\(troubled.sorted().joined(separator: ", "))): "
                    + "complaints, the survey and their listings' stars; nothing else")
        }
        let waiting = Set(result.courses.flatMap { $0.results.filter(\.holdsTheDecision) }.map(\.indicator.id))
        if asExpected, !waiting.isEmpty {
            io.print("   a monitor decides \(waiting.sorted().joined(separator: ", ")) per course")
        }
        return asExpected ? 0 : ExitStatus.combine(code, ExitStatus.failed)
    }

    /// The LP example's flow through the sandbox, then its log: every call validly signed.
    static func lpIntegration(_ sandbox: RunningSandbox, reportDir: String, io: CommandIO, store: ResultsStore?) async throws -> Int32 {
        io.print("== the LP example's integration flow through the sandbox at \(sandbox.baseURL)")
        guard let lp = sandbox.clients.first(where: { $0.role == .lp }) else { throw CommandFailure.unjudged("the sandbox has no LP client") }
        try await LPIntegrationFlow.run(client: sandbox.client(for: lp), code: try RedeemCode("PRAT-TC1-001-200")) { io.print("   " + $0) }
        io.print("   the client-integration suite judges \(lp.code) from the sandbox's log:")
        let log = sandbox.logEntries(clientCode: lp.code)
        let run = ClientIntegrationSuite.run(
            log, clientCode: lp.code, source: sandbox.baseURL + "/_sandbox/log",
            contractSHA256: ConformanceClientCommand.contractSHA256())
        return try await ConformanceRunCommand.report(run, formats: Set(ReportFormat.allCases), reportDir: reportDir, io: io, record: .whole(store))
    }
}

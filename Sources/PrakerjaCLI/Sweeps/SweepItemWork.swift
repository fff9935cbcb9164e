import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaModels
import PrakerjaStore
import Synchronization

/// What doing one sweep item means: a partner's suite, a range of courses, or the finish.
enum SweepItemWork {
    /// The run an item's results are in, and its exit code.
    struct Outcome: Sendable {
        let runID: String?
        let exitCode: Int32
    }

    /// Does `claim`'s item with the options the sweep was queued with; a monitoring sweep's
    /// courses, rules and partners are read once per worker process (`loaded`), not per item.
    static func perform(_ claim: SweepClaim, store: ResultsStore, io: CommandIO, loaded: LoadedSweep) async throws -> Outcome {
        switch claim.sweep.kind {
        case .conformance: return try await conformance(claim, ConformanceSweepPlan.parse(claim.sweep.plan), store: store, io: io)
        case .monitoring:
            let files = try await loaded.monitoring(claim.sweep)
            if claim.item.key == SweepItem.finish { return try await finish(claim, files, store: store, io: io) }
            return try await monitoring(claim, files, sources: try await loaded.sources(claim.sweep, files, store: store), store: store, io: io)
        }
    }

    /// A partner's suite as `conformance run` runs it, recorded as its own run. An item redone
    /// after its worker died continues that worker's run; one whose run had finished is not run again.
    static func conformance(_ claim: SweepClaim, _ plan: ConformanceSweepPlan, store: ResultsStore, io: CommandIO) async throws -> Outcome {
        if claim.item.key == SweepItem.finish {
            let items = try await store.sweep(claim.sweep.id)?.items.filter { $0.key != SweepItem.finish } ?? []
            return Outcome(runID: nil, exitCode: worst(items))
        }
        var resuming: StoredRun?
        if let runID = claim.item.runID, let stored = try await store.run(runID) {
            guard stored.status == .running else { return Outcome(runID: runID, exitCode: stored.run.exitCode) }
            resuming = stored
        }
        let partner = try PartnerConfig.load(claim.item.key)
        if let name = plan.partner { try await registered(name, config: claim.item.key, partner, store: store) }
        let began = Mutex<String?>(nil)
        let code = try await ConformanceRunCommand.run(
            partner, selection: Selection(only: plan.only, tags: plan.tag, skip: plan.skip),
            formats: try ConformanceRunCommand.formats(plan.format), reportDir: plan.reportDir, io: io, isTerminal: false,
            waivers: try ConformanceRunCommand.waivers(plan.waivers), store: store, resuming: resuming, takingOver: true,
            began: { id in
                began.withLock { $0 = id }
                try? await store.began(claim, runID: id)
            })
        return Outcome(runID: began.withLock { $0 }, exitCode: code)
    }

    /// A partner's own run goes ahead only with the config registered for it, naming the partner
    /// and the base URL the program registered: a config changed since to name another host is
    /// refused before anything is sent.
    static func registered(_ name: String, config path: String, _ config: PartnerConfig, store: ResultsStore) async throws {
        guard let registered = try await store.partner(name) else { throw SweepItemRefusal("\(name) is no longer registered") }
        let problems = [
            registered.config == path ? nil : "the item's config \(path) is not the one registered (\(registered.config))",
            config.name == name ? nil : "the config names \(config.name), not \(name)",
            config.baseURL == registered.baseURL ? nil : "the config's base URL \(config.baseURL) is not the registered \(registered.baseURL)",
        ].compactMap { $0 }
        guard problems.isEmpty else { throw SweepItemRefusal("\(name)'s run refused: \(problems.joined(separator: "; "))") }
    }

    /// A range of courses judged into the sweep's run (those it already holds are not read again);
    /// their proposals are read, checked, when the item is taken.
    static func monitoring(
        _ claim: SweepClaim, _ loaded: LoadedSweep.Monitoring, sources: MonitoringSources, store: ResultsStore, io: CommandIO
    ) async throws -> Outcome {
        let courses = loaded.courses
        let bounds = claim.item.key.dropFirst("courses ".count).split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] <= bounds[1], bounds[1] < courses.count else {
            throw CommandFailure.usage(
                "\(claim.item.key) is not a range of the \(courses.count) courses in \(loaded.plan.sweep.approved): the folder changed since the sweep was queued"
            )
        }
        let share = courses[bounds[0]...bounds[1]]
        let proposals: [CourseProposal]
        do { proposals = try ApprovedCourse.proposals(of: share, root: loaded.plan.indicators.root) } catch {
            throw CommandFailure.usage(error.description)
        }
        let recording = try await store.continueRecording(runID: claim.sweep.id, groups: share.map { MonitoringResult.groupID($0.code) })
        _ = try await Monitoring.run(
            loaded.catalogue, approved: proposals, sources: sources, rules: loaded.rules, reference: loaded.reference,
            participants: loaded.participants, concurrency: loaded.plan.sweep.concurrency, journal: recording.journal, share: bounds[0])
        if let failure = recording.failure { throw failure }
        return Outcome(runID: claim.sweep.id, exitCode: ExitStatus.passed)
    }

    /// A monitoring sweep's finish, once every course item is done or failed: the run summarised,
    /// recorded as finished and reported, reading the workers' results back a course at a time
    /// (a sweep of 20,000 courses has 800,000 results with their evidence: never all held). A
    /// first pass without the HTTP exchanges counts (each course's status, each partner's counts,
    /// the waivers); the run is recorded as finished; a second pass writes the reports. A finish
    /// redone after the run was recorded as finished only writes the reports again.
    static func finish(_ claim: SweepClaim, _ loaded: LoadedSweep.Monitoring, store: ResultsStore, io: CommandIO) async throws -> Outcome {
        let (plan, courses, sweepID) = (loaded.plan, loaded.courses, claim.sweep.id)
        guard let (stored, status) = try await store.header(sweepID) else {
            throw CommandFailure.unjudged("the history has no run \(sweepID) for the sweep's results")
        }
        let partnerNames = try (plan.sweep.provider + plan.sweep.platform).map { path throws(CommandFailure) in
            do { return try PartnerConfig.load(path).name } catch { throw .usage("\(error)") }
        }
        let waivers = status == .finished ? nil : try ConformanceRunCommand.waivers(plan.indicators.waivers)
        var outline = RunOutline(
            header: MonitoringResult.header(
                source: plan.sweep.approved, courses: courses.count, rulePack: loaded.rules.id, runID: sweepID, startedAt: stored.startedAt))
        var tally = MonitoringTally(loaded.catalogue, approved: courses, rulePack: loaded.rules.id, partnerNames: partnerNames)
        var application = waivers?.application(to: outline.header.target.name, on: CalendarDate(Date()))
        var waived: [(position: Int, result: CheckResult)] = []
        try await store.forEachGroup(sweepID, exchanges: false) { read in
            guard tally.add(read.group) else { return }  // the course's status before the waivers
            var group = read.group
            for index in application?.apply(to: &group) ?? [] { waived.append((read.positions[index], group.checks[index])) }
            outline.add(group, suiteID: read.suiteID, suiteTitle: read.suiteTitle)
        }
        // A finish redone keeps what the first recorded: the courses' statuses as the machine
        // found them (before the waivers, as `monitor` reports them: the history's results are
        // waived now), what the waivers did, and when it finished.
        let finished = status == .finished ? stored : nil
        outline.update {
            $0.monitoring = finished.map(\.monitoring) ?? tally.summary
            $0.waivers = finished.map(\.waivers) ?? application?.outcome
            $0.finishedAt = finished?.finishedAt ?? Date()
        }
        if status == .running {
            try await store.finish(outline, waived: waived, waivers: waivers)
            io.print("recorded: run \(sweepID) in \(store.location)")
            try await SanctionSweep.review(tally.judged, rules: loaded.rules, runID: sweepID, store: store, io: io)
        }
        let writer = try StreamedReportWriter(
            outline, formats: try ConformanceRunCommand.formats(plan.indicators.format), to: URL(fileURLWithPath: plan.sweep.reportDir),
            console: io.writeOutput)
        try await store.forEachGroup(sweepID) { read in
            if tally.contains(read.group.id) { try writer.add(read.group, suiteID: read.suiteID) }
        }
        for url in try writer.finish() { io.print("report: \(url.path)") }
        var code = outline.exitCode
        let missing = courses.count - tally.count
        if missing > 0 {
            io.printError("\(missing) of \(courses.count) courses were not judged: their items failed (prakerja runs show \(sweepID))")
            code = ExitStatus.combine(code, ExitStatus.unjudged)
        }
        if let participants = loaded.participants {
            participants.show(io: io)
            if participants.isDirty { code = ExitStatus.dirtyFeed }
        }
        return Outcome(runID: sweepID, exitCode: code)
    }

    /// The sweep's exit code from its items': a failure first, then could-not-judge (a failed
    /// item counts as that).
    static func worst(_ items: [SweepItem]) -> Int32 {
        items.map { $0.status == .done ? ($0.exitCode ?? ExitStatus.unjudged) : ExitStatus.unjudged }.reduce(ExitStatus.passed, ExitStatus.combine)
    }
}

/// What a worker process read for the monitoring sweep it works on, kept while its items come:
/// the approved courses (an index of the folder: an item reads its own courses' proposals), the
/// catalogue, the rules, the reference data, and the partners opened once (their rate limits
/// shared by the process's items; the platforms' completion feeds read once) when every feed
/// could be read.
actor LoadedSweep {
    struct Monitoring: Sendable {
        let plan: MonitoringSweepPlan
        let catalogue: IndicatorCatalogue
        let rules: RulePack
        let reference: ReferenceData
        let courses: [ApprovedCourse]
        /// The program's feeds, folded once per worker process; nil when the sweep was given none.
        let participants: ParticipantFeeds?
    }

    /// The last sweep read: a worker moves to the next sweep when one ends.
    private var last: (id: String, loading: Task<Monitoring, any Error>)?
    /// The last sweep's partners, being opened or opened with every completion feed read (the
    /// process's items starting together wait for one opening, not one each).
    private var opened: (id: String, opening: Task<MonitoringSources, any Error>)?

    /// The sweep's files, read once.
    func monitoring(_ sweep: Sweep) async throws -> Monitoring {
        if let last, last.id == sweep.id { return try await last.loading.value }
        let arguments = sweep.plan
        let loading = Task {
            let plan = try MonitoringSweepPlan.parse(arguments)
            let (catalogue, rules, reference, courses) = try await plan.load(checkingProposals: false)
            return Monitoring(
                plan: plan, catalogue: catalogue, rules: rules, reference: reference, courses: courses,
                participants: try await plan.sweep.participantFeeds(courses: courses.map { ($0.code, $0.provider) }))
        }
        last = (sweep.id, loading)
        do { return try await loading.value } catch {
            // Not kept: the next item reads again (a file may be back).
            if last?.loading == loading { last = nil }
            throw error
        }
    }

    /// The sweep's partners: opened once when every platform's completion feed could be read
    /// (the samples the sweep read when it was queued, else the feeds themselves), else for each
    /// item (a platform that did not answer may answer the next one).
    func sources(_ sweep: Sweep, _ loaded: Monitoring, store: ResultsStore) async throws -> MonitoringSources {
        if let opened, opened.id == sweep.id { return try await opened.opening.value }
        let opening = Task {
            var samples: [String: CompletionSample] = [:]
            for (platform, json) in try await store.sweepFeeds(sweep.id) {
                do { samples[platform] = try CompletionSample(decoding: json) } catch {
                    throw CommandFailure.unjudged("the sweep's reading of \(platform)'s completion feed in \(store.location) is damaged: \(error)")
                }
            }
            return try await MonitorCommand.sources(
                platforms: loaded.plan.sweep.platform, providers: loaded.plan.sweep.provider, rules: loaded.rules, samples: samples)
        }
        opened = (sweep.id, opening)
        let sources: MonitoringSources
        do { sources = try await opening.value } catch {
            if opened?.opening == opening { opened = nil }
            throw error
        }
        if !sources.readEveryFeed, opened?.opening == opening { opened = nil }
        return sources
    }
}

/// Why a worker did not do an item: its error in the sweep's queue.
struct SweepItemRefusal: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

import Foundation
import PrakerjaConformance
import PrakerjaCuration
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
            return try await monitoring(claim, files, sources: try await loaded.sources(claim.sweep, files), store: store, io: io)
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

    /// A range of courses judged into the sweep's run (those it already holds are not read
    /// again); or, for the finish, the run summarised, recorded as finished and reported.
    static func monitoring(
        _ claim: SweepClaim, _ loaded: LoadedSweep.Monitoring, sources: MonitoringSources, store: ResultsStore, io: CommandIO
    ) async throws -> Outcome {
        let (plan, catalogue, rules, reference, courses) = (loaded.plan, loaded.catalogue, loaded.rules, loaded.reference, loaded.courses)
        let sweepID = claim.sweep.id
        let indices: ClosedRange<Int>?
        if claim.item.key == SweepItem.finish {
            indices = nil
        } else {
            let bounds = claim.item.key.dropFirst("courses ".count).split(separator: "-").compactMap { Int($0) }
            guard bounds.count == 2, bounds[0] <= bounds[1], bounds[1] < courses.count else {
                throw CommandFailure.usage(
                    "\(claim.item.key) is not a range of the \(courses.count) courses in \(plan.sweep.approved): the folder changed since the sweep was queued"
                )
            }
            indices = bounds[0]...bounds[1]
        }
        let recording = try await store.continueRecording(
            runID: sweepID, groups: indices.map { courses[$0].map { MonitoringResult.groupID($0.course.course.code) } })
        let result = try await Monitoring.run(
            catalogue, approved: courses, sources: sources, rules: rules, reference: reference, concurrency: plan.sweep.concurrency,
            journal: recording.journal, only: indices.map(Set.init) ?? [])
        guard indices == nil else {
            if let failure = recording.failure { throw failure }
            return Outcome(runID: sweepID, exitCode: ExitStatus.passed)
        }
        let run = result.runResult(source: plan.sweep.approved, runID: sweepID, startedAt: recording.journal.startedAt)
        var code = try await ConformanceRunCommand.report(
            run, formats: try ConformanceRunCommand.formats(plan.indicators.format), reportDir: plan.sweep.reportDir, io: io,
            waivers: try ConformanceRunCommand.waivers(plan.indicators.waivers), record: RunRecord(store: store, recording: recording))
        let missing = courses.count - result.courses.count
        if missing > 0 {
            io.printError("\(missing) of \(courses.count) courses were not judged: their items failed (prakerja runs show \(sweepID))")
            code = ExitStatus.combine(code, ExitStatus.unjudged)
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
/// the approved courses (every file of the folder), the catalogue, the rules, the reference data,
/// and the partners opened once (their rate limits shared by the process's items; the platforms'
/// completion feeds read once) when every feed could be read.
actor LoadedSweep {
    struct Monitoring: Sendable {
        let plan: MonitoringSweepPlan
        let catalogue: IndicatorCatalogue
        let rules: RulePack
        let reference: ReferenceData
        let courses: [CourseProposal]
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
            let (catalogue, rules, reference, courses) = try await plan.load()
            return Monitoring(plan: plan, catalogue: catalogue, rules: rules, reference: reference, courses: courses)
        }
        last = (sweep.id, loading)
        do { return try await loading.value } catch {
            // Not kept: the next item reads again (a file may be back).
            if last?.loading == loading { last = nil }
            throw error
        }
    }

    /// The sweep's partners: opened once when every platform's completion feed could be read,
    /// else for each item (a platform that did not answer may answer the next one).
    func sources(_ sweep: Sweep, _ loaded: Monitoring) async throws -> MonitoringSources {
        if let opened, opened.id == sweep.id { return try await opened.opening.value }
        let opening = Task {
            try await MonitorCommand.sources(platforms: loaded.plan.sweep.platform, providers: loaded.plan.sweep.provider, rules: loaded.rules)
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

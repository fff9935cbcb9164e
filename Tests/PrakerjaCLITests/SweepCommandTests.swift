import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaStore
import PrakerjaTestSupport
import Testing

/// `prakerja sweep` and `prakerja worker`, against both histories: a conformance sweep runs every
/// partner as one sweep; a monitoring sweep shared by worker processes, one of them killed
/// mid-item, ends with every course recorded once.
@Suite struct SweepCommandTests {
    @Test(arguments: TestStore.all) func aConformanceSweepRunsEveryPartnerAsOneSweep(_ kind: TestStore) async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sweep-\(UUID().uuidString)")
        let configs = directory.appending(path: "configs")
        try FileManager.default.createDirectory(at: configs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await kind.freshLocation()
        try await HTTPServerRunner.withRunning(ReferenceJobPortal(vacancyCount: 200).router()) { portal in
            try await HTTPServerRunner.withRunning(ReferenceTrainingProvider(now: Date()).router()) { provider in
                for (name, url) in [("reference-job-portal", portal), ("reference-training-provider", provider)] {
                    try FileManager.default.moveItem(
                        at: try AssessCommandTests.sampleConfig(name, at: url), to: configs.appending(path: "\(name).yaml"))
                }
                let sweep = await CommandRun([
                    "sweep", "conformance", "--configs", configs.path, "--report-dir", directory.appending(path: "reports").path,
                    "--format", "json", "--items", "2", "--store", store,
                ])
                #expect(sweep.exitCode == 0, "\(sweep.output)\(sweep.error)")
                let id = try #require(Self.sweepID(sweep.output), "\(sweep.output)")
                #expect(sweep.output.contains("items: 3 done"), "two partners and the finish: \(sweep.output)")
                let history = try await ResultsStore.open(store)
                let items = try #require(try await history.sweep(id)).items
                #expect(items.map(\.status) == [.done, .done, .done])
                let runs = try await history.runs(kind: .conformance)
                #expect(Set(runs.map(\.id)) == Set(items.compactMap(\.runID)), "each partner's run is recorded once, and named by its item")
                #expect(Set(runs.map(\.subject)) == ["Reference job portal", "Reference training provider"])
                await history.close()
                let shown = await CommandRun(["runs", "show", id, "--store", store])
                #expect(shown.exitCode == 0)
                #expect(shown.output.contains("sweep \(id): conformance, finished"), "\(shown.output)")
                // A conformance sweep has no run of its own: as JSON, it is the sweep and its items.
                let json = await CommandRun(["runs", "show", id, "--store", store, "--format", "json"])
                #expect(json.exitCode == 0, "\(json.error)")
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                let shownSweep = try decoder.decode(Sweep.self, from: Data(json.output.utf8))
                #expect(shownSweep.items.compactMap(\.runID) == items.compactMap(\.runID))
            }
        }
        // A folder without configs, and a sweep without a history, are usage errors.
        let empty = await CommandRun(["sweep", "conformance", "--configs", directory.appending(path: "none").path, "--store", store])
        #expect(empty.exitCode == 2)
        let nowhere = await CommandRun(["sweep", "conformance", "--configs", configs.path, "--no-store"])
        #expect(nowhere.exitCode == 2)
    }

    @Test(.timeLimit(.minutes(5)), arguments: TestStore.all) func aMonitoringSweepSharedByWorkersOneKilledMidItemEndsWithEveryCourseOnce(
        _ kind: TestStore
    ) async throws {
        let binary = HistoryCommandTests.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "swift build builds prakerja next to the tests")
        let store = try await kind.freshLocation(), courses = 8
        // Four workers share the sweep. The gate is closed until the first is killed: it takes items
        // and waits in the middle of them; the three others then finish the sweep together.
        try await Self.withQueuedMonitoringSweep(of: courses, in: store) { id, directory, gate in
            let history = try await ResultsStore.open(store)

            let first = try Self.worker(binary, store: store, sweep: id, log: directory.appending(path: "first.log"))
            await gate.holding()
            kill(first.process.processIdentifier, SIGKILL)
            #expect(await first.exited() == SIGKILL, "killed, not finished")
            gate.open()
            // Every item the killed worker held (it takes two at a time) is left running under its lease.
            let killed = Set(try #require(try await history.sweep(id)).items.filter { $0.status == .running }.map(\.key))
            #expect(!killed.isEmpty)

            let others = try (1...3).map { try Self.worker(binary, store: store, sweep: id, log: directory.appending(path: "worker-\($0).log")) }
            for (index, worker) in others.enumerated() {
                let status = await worker.exited()
                let log = (try? String(contentsOf: directory.appending(path: "worker-\(index + 1).log"), encoding: .utf8)) ?? ""
                #expect(status == 0, "\(log)")
            }

            let sweep = try #require(try await history.sweep(id))
            #expect(sweep.status == .finished)
            #expect(sweep.items.allSatisfy { $0.status == .done }, "\(sweep.items)")
            #expect(sweep.items.filter { killed.contains($0.key) }.allSatisfy { $0.attempts == 2 }, "the killed worker's items were taken again")
            #expect(sweep.items.filter { !killed.contains($0.key) }.allSatisfy { $0.attempts == 1 }, "no other item was done twice")
            let run = try #require(try await history.run(id))
            #expect(run.status == .finished)
            #expect(run.run.monitoring?.courses.count == courses)
            let indicators = try IndicatorCatalogue.standard(.monitoring).indicators.count
            #expect(try await TestStore.sql("SELECT count(*) FROM result WHERE runID = '\(id)'", at: store) == ["\(courses * indicators)"])
            #expect(
                try await TestStore.sql("SELECT count(*) FROM (SELECT DISTINCT groupID, checkID FROM result WHERE runID = '\(id)') AS d", at: store)
                    == ["\(courses * indicators)"], "every result once")
            let taken = try await history.audit(id).filter { $0.action == "sweep.item.taken" }.compactMap(\.result)
            #expect(taken.count == sweep.items.count + killed.count, "each item taken once, the killed worker's twice")
            await history.close()
        }
    }

    /// A worker stopped by its scheduler (SIGTERM) gives its items back at once, their attempts
    /// not counted, and ends with 0; the next worker finishes the sweep, every course once.
    @Test(.timeLimit(.minutes(5))) func aWorkerStoppedWithSIGTERMGivesItsItemsBack() async throws {
        let binary = HistoryCommandTests.executable
        let store = try await TestStore.sqlite.freshLocation(), courses = 4
        try await Self.withQueuedMonitoringSweep(of: courses, in: store) { id, directory, gate in
            let history = try await ResultsStore.open(store)
            let stopped = try Self.worker(binary, store: store, sweep: id, log: directory.appending(path: "stopped.log"))
            await gate.holding()
            kill(stopped.process.processIdentifier, SIGTERM)
            let status = await stopped.exited()
            let log = (try? String(contentsOf: directory.appending(path: "stopped.log"), encoding: .utf8)) ?? ""
            #expect(status == 0, "\(log)")
            #expect(log.contains("is back in the queue"), "\(log)")
            let given = try #require(try await history.sweep(id)).items
            #expect(given.allSatisfy { $0.status == .waiting && $0.attempts == 0 }, "back in the queue, not counted: \(given)")
            #expect(try await history.audit(id).contains { $0.action == "sweep.item.released" })
            gate.open()

            let next = try Self.worker(binary, store: store, sweep: id, log: directory.appending(path: "next.log"))
            #expect(await next.exited() == 0)
            let sweep = try #require(try await history.sweep(id))
            #expect(sweep.status == .finished)
            #expect(sweep.items.allSatisfy { $0.status == .done && $0.attempts == 1 }, "\(sweep.items)")
            let indicators = try IndicatorCatalogue.standard(.monitoring).indicators.count
            #expect(
                try await TestStore.sql("SELECT count(*) FROM (SELECT DISTINCT groupID, checkID FROM result WHERE runID = '\(id)') AS d", at: store)
                    == ["\(courses * indicators)"], "every result once")
            await history.close()
        }
    }

    @Test(.enabled(if: TestStore.all.contains(.postgres)), .timeLimit(.minutes(5))) func workersGoOnWhenPostgreSQLRestartsMidSweep() async throws {
        let binary = HistoryCommandTests.executable
        // A server of its own: restarting the shared one would cut the other tests' connections.
        let port = 54_330
        let server = try await TestPostgres.run("start", port: port)
        defer { _ = try? TestPostgres.script("stop", port: port) }
        let store = try await TestPostgres.freshDatabase(on: server), courses = 4
        try await Self.withQueuedMonitoringSweep(of: courses, in: store) { id, directory, gate in
            let worker = try Self.worker(binary, store: store, sweep: id, log: directory.appending(path: "worker.log"))
            await gate.holding()
            // The server goes down and comes back while the worker is in the middle of its items.
            try await TestPostgres.run("restart", port: port)
            gate.open()
            let status = await worker.exited()
            let log = (try? String(contentsOf: directory.appending(path: "worker.log"), encoding: .utf8)) ?? ""
            #expect(status == 0, "\(log)")
            let history = try await ResultsStore.open(store)
            let sweep = try #require(try await history.sweep(id))
            #expect(sweep.status == .finished, "\(log)")
            #expect(sweep.items.allSatisfy { $0.status == .done }, "\(sweep.items)\n\(log)")
            let indicators = try IndicatorCatalogue.standard(.monitoring).indicators.count
            #expect(try await TestStore.sql("SELECT count(*) FROM result WHERE runID = '\(id)'", at: store) == ["\(courses * indicators)"])
            #expect(try await history.run(id)?.status == .finished)
            await history.close()
        }
    }

    @Test(arguments: TestStore.all) func aSweepsFinishReportsTheRecordedRunAndWaivesOnceEvenWhenRedone(_ kind: TestStore) async throws {
        try await MonitorCommandTests.withApprovedCourses { approved, config, directory in
            // One course's approved price is changed: the provider's no longer matches (M-PR-02
            // fails), and a live waiver accepts that; another waiver has expired.
            let first = try #require(try FileManager.default.contentsOfDirectory(atPath: approved.path).sorted().first)
            let text = try String(contentsOf: approved.appending(path: first), encoding: .utf8)
            try Data(text.replacing(/"price":([0-9]+)/) { "\"price\":\(Int($0.1)! + 1000)" }.utf8).write(to: approved.appending(path: first))
            let waivers = directory.appending(path: "waivers.yaml")
            try Data(
                """
                waivers:
                  - { id: W-PRICE, check: M-PR-02, reason: The new price is approved next week., owner: kurasi@prakerja.example.id, expires: 2099-12-31 }
                  - { id: W-OLD, check: M-PR-01, reason: Last year's exception., owner: kurasi@prakerja.example.id, expires: 2021-12-31 }
                """.utf8
            ).write(to: waivers)
            let store = try await kind.freshLocation(), reports = directory.appending(path: "reports")
            let sweep = await CommandRun([
                "sweep", "monitoring", "--approved", approved.path, "--provider", config.path, "--root", MonitorCommandTests.root,
                "--chunk", "2", "--report-dir", reports.path, "--format", "console,json,junit,html", "--waivers", waivers.path, "--store", store,
            ])
            #expect(sweep.exitCode == 1, "monitors' indicators wait for a person: \(sweep.output)\(sweep.error)")
            #expect(sweep.output.contains("waivers: applied: W-PRICE; expired, no longer applying: W-OLD"), "\(sweep.output)")
            let id = try #require(Self.sweepID(sweep.output), "\(sweep.output)")

            // The reports, written a course at a time, are the recorded run's, byte for byte.
            let history = try await ResultsStore.open(store)
            let run = try #require(try await history.run(id)).run
            let folder = ReportWriter.folder(partner: run.target.name, in: reports)
            func reported() throws -> [Data] {
                try ["report.json", "junit.xml", "report.html"].map { try Data(contentsOf: folder.appending(path: $0)) }
            }
            let written = try reported()
            #expect(written == [try JSONReport.render(run), Data(JUnitReport.render(run).utf8), Data(HTMLReport.render(run).utf8)])
            #expect(run.monitoring?.courses.count == 5)
            let waived = run.checks.filter { $0.check.id == "M-PR-02" && $0.verdict == .warn && $0.message.hasPrefix("waived by W-PRICE") }
            #expect(waived.count == 1, "the waived result is recorded as it now stands")
            let outcomes = Dictionary(uniqueKeysWithValues: try await history.waivers(id).map { ($0.waiver.id, $0.outcome) })
            #expect(outcomes == ["W-PRICE": "applied", "W-OLD": "expired"])

            // The finish is redone after it was recorded (as when its worker dies before it can
            // say it is done): the reports are written again, the same, and nothing is waived twice.
            for statement in [
                "UPDATE sweep_item SET status = 'waiting', owner = NULL, leaseUntil = NULL WHERE sweepID = '\(id)' AND key = '~finish'",
                "UPDATE sweep SET status = 'running', finishedAt = NULL WHERE id = '\(id)'",
            ] {
                _ = try await TestStore.sql(statement, at: store)
            }
            let again = await CommandRun(["worker", "--store", store, "--sweep", id])
            #expect(again.exitCode == 0, "\(again.output)\(again.error)")
            #expect(again.output.contains("done \(id) ~finish"), "\(again.output)")
            #expect(try reported() == written)
            #expect(Dictionary(uniqueKeysWithValues: try await history.waivers(id).map { ($0.waiver.id, $0.outcome) }) == outcomes)
            #expect(try await history.sweep(id)?.status == .finished)
            await history.close()
        }
    }

    /// A monitoring sweep of `count` of the reference provider's courses (one item each) queued
    /// in `store`, the provider served behind a gate that is closed until `body` opens it.
    static func withQueuedMonitoringSweep(
        of count: Int, in store: String, _ body: @Sendable (_ id: String, _ directory: URL, _ gate: RequestGate) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sweep-\(UUID().uuidString)")
        let approved = directory.appending(path: "approved")
        try FileManager.default.createDirectory(at: approved, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = ReferenceTrainingProvider(now: Date())
        for detail in provider.store.catalogue.courses.prefix(count) {
            let proposal = CourseProposal(course: detail, provider: .init(code: detail.course.providerCode, name: "Reference training provider"))
            try JSONEncoder().encode(proposal).write(to: approved.appending(path: "\(detail.course.code).json"))
        }
        let gate = RequestGate()
        gate.close()
        let router = provider.router()
        try await HTTPServerRunner.withRunning(gate.guarding(router)) { url in
            let config = try AssessCommandTests.sampleConfig("reference-training-provider", at: url)
            defer { try? FileManager.default.removeItem(at: config) }
            let queued = await CommandRun([
                "sweep", "monitoring", "--approved", approved.path, "--provider", config.path, "--root", Repository.root.path,
                "--chunk", "1", "--report-dir", directory.appending(path: "reports").path, "--format", "json", "--queue-only", "--store", store,
            ])
            #expect(queued.exitCode == 0, "\(queued.output)\(queued.error)")
            try await body(try #require(Self.sweepID(queued.output), "\(queued.output)"), directory, gate)
        }
    }

    /// A `prakerja worker` process, and how it ended once it has.
    struct Worker {
        let process: Process
        let ending: AsyncStream<Int32>

        /// Its exit status, or the signal that ended it, once it has ended.
        func exited() async -> Int32 {
            for await status in ending { return status }
            return process.terminationStatus
        }
    }

    /// A `prakerja worker` process on the sweep, its output in `log`.
    static func worker(_ binary: URL, store: String, sweep: String, log: URL) throws -> Worker {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["worker", "--store", store, "--sweep", sweep, "--lease", "2", "--items", "2"]
        process.currentDirectoryURL = log.deletingLastPathComponent()
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        let (ending, ended) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            ended.yield(process.terminationStatus)
            ended.finish()
        }
        try process.run()
        return Worker(process: process, ending: ending)
    }

    /// The id `sweep` printed: "sweep ID: ...".
    static func sweepID(_ output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix("sweep ") }.flatMap { $0.split(separator: " ").dropFirst().first }.map {
            String($0.trimmingCharacters(in: CharacterSet(charactersIn: ":")))
        }
    }
}

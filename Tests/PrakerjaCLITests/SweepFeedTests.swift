import Foundation
import Hummingbird
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaStore
import PrakerjaTestSupport
import Synchronization
import Testing

/// A monitoring sweep reads each platform's completion feed once, when it is queued, and its
/// workers judge against that reading: two worker processes ask the platform for no feed of
/// their own. A feed the platform refused at the queue is read by each worker instead.
@Suite struct SweepFeedTests {
    @Test(.timeLimit(.minutes(5))) func workersJudgeAgainstTheFeedTheSweepReadOnce() async throws {
        let binary = HistoryCommandTests.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "swift build builds prakerja next to the tests")
        let store = try await TestStore.sqlite.freshLocation(), courses = 4
        try await Self.withPartners(courses: courses) { approved, provider, platform, feedReads in
            let directory = approved.deletingLastPathComponent()
            let history = try await ResultsStore.open(store)
            for refusedAtTheQueue in [false, true] {
                // Refused at the queue: every read the queue tries (the client may try more than once).
                feedReads.state.withLock { $0 = (refused: refusedAtTheQueue ? Int.max : 0, reads: 0) }
                let queued = await CommandRun([
                    "sweep", "monitoring", "--approved", approved.path, "--provider", provider.path, "--platform", platform.path,
                    "--root", Repository.root.path, "--chunk", "1", "--report-dir", directory.appending(path: "reports").path, "--format", "json",
                    "--queue-only", "--store", store,
                ])
                #expect(queued.exitCode == 0, "\(queued.output)\(queued.error)")
                let id = try #require(SweepCommandTests.sweepID(queued.output), "\(queued.output)")
                #expect(feedReads.state.withLock { $0.reads } == (refusedAtTheQueue ? 0 : 1), "the queue read the feed: \(queued.output)")
                feedReads.state.withLock { $0.refused = 0 }
                if refusedAtTheQueue {
                    #expect(queued.error.contains("each worker reads it again"), "\(queued.error)")
                    #expect(try await history.sweepFeeds(id).isEmpty)
                } else {
                    #expect(queued.output.contains("completion feed read for the sweep"), "\(queued.output)")
                    #expect(try await history.sweepFeeds(id).count == 1)
                }

                let workers = try (1...2).map {
                    try SweepCommandTests.worker(binary, store: store, sweep: id, log: directory.appending(path: "worker-\($0).log"))
                }
                for worker in workers { #expect(await worker.exited() == 0) }
                let reads = feedReads.state.withLock { $0.reads }
                let logs = (1...2).map { (try? String(contentsOf: directory.appending(path: "worker-\($0).log"), encoding: .utf8)) ?? "" }
                if refusedAtTheQueue {
                    // (More than twice when the two asked in the same second: one was refused as a replay.)
                    #expect(reads >= 2, "each worker read the feed itself: \(logs)")
                } else {
                    #expect(reads == 1, "no worker asked the platform for its feed again: \(logs)")
                }

                let run = try #require(try await history.run(id))
                #expect(run.status == .finished)
                #expect(run.run.monitoring?.courses.count == courses)
                // The certificates sampled from the feed were verified with the provider.
                let certificates = run.run.suites.flatMap(\.checks).filter { $0.check.id.hasSuffix("M-CE-02") }
                #expect(certificates.count == courses)
                #expect(certificates.allSatisfy { $0.verdict != .fail && $0.verdict != .error }, "\(certificates.map(\.message))")
                #expect(certificates.contains { $0.verdict == .pass && $0.message.contains("sampled certificates verify") }, "\(logs)")
            }
            await history.close()
        }
    }

    /// `courses` of the reference catalogue approved in a folder, the reference provider and a
    /// platform selling them served, and configs for both. The platform counts the reads of its
    /// completion feed (its first page) and refuses as many as `refused` says, with HTTP 503.
    static func withPartners(
        courses: Int,
        _ body: @Sendable (_ approved: URL, _ provider: URL, _ platform: URL, _ feedReads: FeedReads) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "sweep-feed-\(UUID().uuidString)")
        let approved = directory.appending(path: "approved")
        try FileManager.default.createDirectory(at: approved, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalogue = ReferenceCatalogue.generate(now: Date())
        for detail in catalogue.courses.prefix(courses) {
            let proposal = CourseProposal(course: detail, provider: .init(code: detail.course.providerCode, name: "Reference training provider"))
            try JSONEncoder().encode(proposal).write(to: approved.appending(path: "\(detail.course.code).json"))
        }
        let feedReads = FeedReads()
        try await HTTPServerRunner.withRunning(ReferenceTrainingProvider(catalogue: catalogue).router()) { providerURL in
            let counted = Self.counted(ReferenceDigitalPlatform(catalogue: catalogue).router(), reads: feedReads)
            try await HTTPServerRunner.withRunning(counted) { platformURL in
                let provider = try AssessCommandTests.sampleConfig("reference-training-provider", at: providerURL)
                let platform = try AssessCommandTests.sampleConfig("reference-digital-platform", at: platformURL)
                let related = try String(contentsOf: platform, encoding: .utf8).replacing(/related: .*/, with: "related: [\(provider.path)]")
                try Data(related.utf8).write(to: platform)
                defer {
                    try? FileManager.default.removeItem(at: provider)
                    try? FileManager.default.removeItem(at: platform)
                }
                try await body(approved, provider, platform, feedReads)
            }
        }
    }

    /// How many times the platform's completion feed was read, and how many reads it is to refuse.
    final class FeedReads: Sendable {
        let state = Mutex((refused: 0, reads: 0))
    }

    /// A platform whose completion feed's first pages are counted (and the first `refused` refused).
    static func counted<Router: HTTPResponderBuilder>(_ router: Router, reads: FeedReads) -> Intercepted<Router> {
        Intercepted(router) { request in
            let target = request.uri.description
            guard target.contains("completions"), !target.contains("cursor=") else { return nil }
            let refuse = reads.state.withLock { state in
                guard state.refused == 0 else {
                    state.refused -= 1
                    return true
                }
                state.reads += 1
                return false
            }
            return refuse ? Response(status: .serviceUnavailable) : nil
        }
    }
}

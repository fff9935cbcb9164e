import Foundation
import PrakerjaTestSupport
import Testing

@testable import PrakerjaStore

/// The sweep queue, the same assertions against SQLite and PostgreSQL: items are taken in order
/// and the finish last, one worker wins a race for an item, a worker whose lease runs out loses
/// the item to another and cannot complete it afterwards, an item is given up after its attempts.
@Suite struct SweepQueueTests {
    static let lease = Duration.seconds(60)

    @Test(arguments: TestStore.all) func itemsAreTakenInOrderAndTheFinishLast(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        try await store.queueSweep(id: "S1", kind: .conformance, plan: ["--configs", "x"], items: ["a.yaml", "b.yaml"])
        await #expect(throws: StoreError.self) { try await store.queueSweep(id: "S1", kind: .conformance, plan: [], items: []) }
        let a = try #require(try await store.claim(worker: "w1", lease: Self.lease))
        let b = try #require(try await store.claim(worker: "w2", lease: Self.lease))
        #expect([a.item.key, b.item.key] == ["a.yaml", "b.yaml"])
        #expect(a.sweep.plan == ["--configs", "x"])
        #expect(try await store.claim(worker: "w3", lease: Self.lease) == nil, "the finish waits for a and b")
        #expect(try await store.complete(a, runID: "R-A", exitCode: 0))
        #expect(try await store.claim(worker: "w3", lease: Self.lease) == nil, "b still runs")
        #expect(try await store.complete(b, runID: "R-B", exitCode: 1))
        let finish = try #require(try await store.claim(worker: "w3", lease: Self.lease))
        #expect(finish.item.key == SweepItem.finish)
        #expect(try await store.sweep("S1")?.status == .running)
        #expect(try await store.complete(finish, runID: nil, exitCode: 1))
        let sweep = try #require(try await store.sweep("S1"))
        #expect(sweep.status == .finished)
        #expect(sweep.items.map(\.status) == [.done, .done, .done])
        #expect(sweep.items.map(\.runID) == ["R-A", "R-B", nil])
        #expect(sweep.items.map(\.exitCode) == [0, 1, 1])
        #expect(try await store.claim(worker: "w1", lease: Self.lease) == nil, "a finished sweep has nothing to take")
        await store.close()
    }

    @Test(arguments: TestStore.all) func whatASweepReadOnceIsKeptWithIt(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        let feeds = ["Platform A": Array(#"[{"courseCode":"C1"}]"#.utf8), "Platform B": Array("[]".utf8)]
        try await store.queueSweep(id: "S1", kind: .monitoring, plan: [], items: ["courses 0-0"], feeds: feeds)
        try await store.queueSweep(id: "S2", kind: .monitoring, plan: [], items: ["courses 0-0"])
        #expect(try await store.sweepFeeds("S1") == feeds)
        #expect(try await store.sweepFeeds("S2") == [:])
        await #expect(throws: StoreError.self, "a sweep id taken: nothing kept") {
            try await store.queueSweep(id: "S1", kind: .monitoring, plan: [], items: [], feeds: ["Platform C": []])
        }
        #expect(try await store.sweepFeeds("S1") == feeds)
        await store.close()
    }

    @Test(arguments: TestStore.all) func twoWorkersRacingForTheLastItemOneGetsIt(_ kind: TestStore) async throws {
        let location = try await kind.freshLocation()
        let setup = try await ResultsStore.open(location)
        for round in 0..<5 {
            try await setup.queueSweep(id: "S\(round)", kind: .monitoring, plan: [], items: ["courses 0-9"])
            // Each worker with its own connection, as on separate machines.
            let claims = try await withThrowingTaskGroup(of: String?.self) { group in
                for worker in 0..<6 {
                    group.addTask {
                        let store = try await ResultsStore.open(location)
                        let claim = try await store.claim(worker: "w\(worker)", lease: Self.lease, sweep: "S\(round)")
                        await store.close()
                        return claim?.item.key
                    }
                }
                return try await group.reduce(into: [String]()) { if let key = $1 { $0.append(key) } }
            }
            #expect(claims == ["courses 0-9"], "exactly one worker takes the item (the finish waits for it)")
        }
        await setup.close()
    }

    @Test(arguments: TestStore.all) func aWorkerWhoseLeaseRanOutLosesTheItemToAnother(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        try await store.queueSweep(id: "S1", kind: .monitoring, plan: [], items: ["courses 0-9"])
        let start = Date()
        let first = try #require(try await store.claim(worker: "w1", lease: .seconds(10), now: start))
        #expect(try await store.renew(first, lease: .seconds(10), now: start.addingTimeInterval(5)))
        #expect(try await store.claim(worker: "w2", lease: .seconds(10), now: start.addingTimeInterval(12)) == nil, "renewed until 15 s")
        let second = try #require(try await store.claim(worker: "w2", lease: .seconds(10), now: start.addingTimeInterval(16)))
        #expect(second.item.key == "courses 0-9")
        #expect(second.item.attempts == 2)
        // The first worker, back from the dead, can neither renew nor complete what it lost.
        #expect(try await store.renew(first, lease: .seconds(10), now: start.addingTimeInterval(17)) == false)
        #expect(try await store.complete(first, runID: "R", exitCode: 0, now: start.addingTimeInterval(17)) == false)
        try await store.fail(first, error: "late", now: start.addingTimeInterval(17))
        #expect(try await store.sweep("S1")?.items.first?.status == .running, "the stale failure changed nothing")
        #expect(try await store.complete(second, runID: "R", exitCode: 0, now: start.addingTimeInterval(18)))
        let item = try #require(try await store.sweep("S1")?.items.first)
        #expect(item.status == .done)
        #expect(item.owner == "w2")
        #expect(item.attempts == 2)
        await store.close()
    }

    /// A stopped worker's item goes back as it was: taken again at once, its attempt not counted;
    /// a worker that no longer holds the item gives nothing back.
    @Test(arguments: TestStore.all) func aStoppedWorkersItemIsGivenBackUncounted(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        try await store.queueSweep(id: "S1", kind: .conformance, plan: [], items: ["a.yaml"])
        let stopped = try #require(try await store.claim(worker: "w1", lease: .seconds(60), sweep: "S1"))
        try await store.release(stopped, reason: "the worker was stopped")
        let item = try #require(try await store.sweep("S1")?.items.first)
        #expect(item.status == .waiting)
        #expect(item.attempts == 0)
        let again = try #require(try await store.claim(worker: "w2", lease: .seconds(60), sweep: "S1"), "taken at once, no lease to wait for")
        #expect(again.item.key == "a.yaml")
        #expect(again.item.attempts == 1)
        try await store.release(stopped, reason: "late")
        #expect(try await store.sweep("S1")?.items.first?.status == .running, "w2 holds it: w1 gives nothing back")
        #expect(try await store.audit("S1").filter { $0.action == "sweep.item.released" }.count == 1)
        await store.close()
    }

    @Test(arguments: TestStore.all) func anItemIsGivenUpAfterItsAttempts(_ kind: TestStore) async throws {
        let store = try await ResultsStore.open(try await kind.freshLocation())
        try await store.queueSweep(id: "S1", kind: .conformance, plan: [], items: ["poison.yaml", "good.yaml"])
        var now = Date()
        // A worker fails on it: it goes back to the queue, behind nothing (it keeps its place).
        let failed = try #require(try await store.claim(worker: "w1", lease: .seconds(5), sweep: "S1", now: now))
        try await store.fail(failed, error: "the config cannot be read", now: now)
        #expect(try await store.sweep("S1")?.items.first?.status == .waiting)
        // Its workers die with it twice more: then it is failed, and the rest goes on.
        for _ in 0..<2 {
            let claim = try #require(try await store.claim(worker: "w", lease: .seconds(5), sweep: "S1", now: now))
            #expect(claim.item.key == "poison.yaml")
            now = now.addingTimeInterval(6)
        }
        let next = try #require(try await store.claim(worker: "w9", lease: .seconds(5), sweep: "S1", now: now))
        #expect(next.item.key == "good.yaml")
        let poison = try #require(try await store.sweep("S1")?.items.first)
        #expect(poison.status == .failed)
        #expect(poison.attempts == SweepItem.maxAttempts)
        #expect(poison.error?.contains("its lease ran out") == true)
        // The finishing item's workers die three times too: the sweep ends (failed), and no
        // worker waits for it any more.
        _ = try await store.complete(next, runID: nil, exitCode: 0, now: now)
        for _ in 0..<SweepItem.maxAttempts {
            let claim = try #require(try await store.claim(worker: "w", lease: .seconds(5), sweep: "S1", now: now))
            #expect(claim.item.key == SweepItem.finish)
            now = now.addingTimeInterval(6)
        }
        #expect(try await store.claim(worker: "w10", lease: .seconds(5), sweep: "S1", now: now) == nil)
        #expect(try await store.sweep("S1")?.items.last?.status == .failed)
        #expect(try await store.sweep("S1")?.status == .finished)
        #expect(try await !store.sweepsRunning("S1"))
        await store.close()
    }
}

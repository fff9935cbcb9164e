import Foundation
import HummingbirdTesting
import Testing

@testable import PrakerjaConsole
@testable import PrakerjaStore

/// A sweep's page shows its parts done, being judged (by how many workers) and failed, and
/// reloads itself while the sweep runs: progress without a script.
@Suite struct ConsoleProgressTests {
    @Test func aRunningSweepsPageShowsItsProgressAndReloadsItself() async throws {
        let harness = try await ConsoleHarness.make()
        let store = harness.store, sweep = ConsoleHarness.sweepRun
        try await store.queueSweep(id: sweep, kind: .monitoring, plan: [], items: ["chunk-1", "chunk-2", "chunk-3", "chunk-4"])
        let first = try #require(try await store.claim(worker: "worker-a", lease: .seconds(60), sweep: sweep))
        let second = try #require(try await store.claim(worker: "worker-b", lease: .seconds(60), sweep: sweep))
        _ = try await store.complete(first, runID: sweep, exitCode: 0)
        try await harness.test { client in
            let monitor = Browser()
            _ = try await monitor.signIn(client, as: "budi")
            let html = String(buffer: try await monitor.get(client, "/runs/\(sweep)").body)
            #expect(html.contains("1 dari 4 bagian selesai, 1 sedang dinilai oleh 1 pekerja, 0 gagal"))
            #expect(html.contains(#"<meta http-equiv="refresh" content="5">"#))
            #expect(html.contains(#"<rect class="done""#) && html.contains(#"<rect class="running""#))
            let other = String(buffer: try await monitor.get(client, "/runs/\(ConsoleHarness.kopiRun)").body)
            #expect(!other.contains("http-equiv"), "a run that is no sweep does not reload")
        }
        // Every part and the finish done: the sweep has finished, the page stays still.
        _ = try await store.complete(second, runID: sweep, exitCode: 0)
        while let claim = try await store.claim(worker: "worker-c", lease: .seconds(60), sweep: sweep) {
            _ = try await store.complete(claim, runID: sweep, exitCode: 0)
        }
        #expect(try await store.sweep(sweep)?.status == .finished)
        try await harness.test { client in
            let monitor = Browser()
            _ = try await monitor.signIn(client, as: "budi")
            let html = String(buffer: try await monitor.get(client, "/runs/\(sweep)").body)
            #expect(html.contains("4 dari 4 bagian selesai, 0 sedang dinilai oleh 0 pekerja, 0 gagal"))
            #expect(!html.contains("http-equiv"))
        }
    }
}

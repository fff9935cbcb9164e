import Foundation
import HummingbirdTesting
import PrakerjaConformance
import PrakerjaCuration
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
        let second = try #require(try await store.claim(worker: "worker-b#1", lease: .seconds(60), sweep: sweep))
        // Another item of the same worker process: one worker judging two parts.
        let third = try #require(try await store.claim(worker: "worker-b#2", lease: .seconds(60), sweep: sweep))
        _ = try await store.complete(first, runID: sweep, exitCode: 0)
        try await harness.test { client in
            let monitor = Browser()
            _ = try await monitor.signIn(client, as: "budi")
            let html = String(buffer: try await monitor.get(client, "/runs/\(sweep)").body)
            #expect(html.contains("1 dari 4 bagian selesai, 2 sedang dinilai oleh 1 pekerja, 0 gagal"), "one worker process, two of its slots")
            #expect(html.contains(#"<meta http-equiv="refresh" content="5">"#))
            #expect(html.contains(#"<rect class="done""#) && html.contains(#"<rect class="running""#))
            let other = String(buffer: try await monitor.get(client, "/runs/\(ConsoleHarness.kopiRun)").body)
            #expect(!other.contains("http-equiv"), "a run that is no sweep does not reload")
        }
        // Every part and the finish done: the sweep has finished, the page stays still.
        _ = try await store.complete(second, runID: sweep, exitCode: 0)
        _ = try await store.complete(third, runID: sweep, exitCode: 0)
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

    /// A sweep whose parts all failed (the finishing part too) has ended without its summary: its
    /// page says it could not be judged, not that it runs, and tells the program's people why
    /// each part failed; a partner's user reads the progress but not the workers' errors, which
    /// may name their files.
    @Test func aSweepThatEndedWithItsPartsFailedSaysWhyToTheProgramOnly() async throws {
        let harness = try await ConsoleHarness.make()
        let store = harness.store, sweep = "20261201T120000-SWEEP002"
        let header = MonitoringResult.header(source: "LP Kopi", courses: 2, rulePack: "test", runID: sweep, startedAt: Date())
        _ = try await store.begin(header)
        try await store.queueSweep(id: sweep, kind: .monitoring, plan: [], items: ["courses 0-0", "courses 1-1"])
        while let claim = try await store.claim(worker: "worker-a", lease: .seconds(60), sweep: sweep) {
            try await store.fail(claim, error: "/srv/kurasi/Conformance/indicators/monitoring.yaml: cannot be read <b>x</b>")
        }
        #expect(try await store.sweep(sweep)?.status == .finished)
        try await harness.test { client in
            let monitor = Browser()
            _ = try await monitor.signIn(client, as: "budi")
            let html = String(buffer: try await monitor.get(client, "/runs/\(sweep)").body)
            #expect(html.contains("0 dari 2 bagian selesai, 0 sedang dinilai oleh 0 pekerja, 2 gagal"))
            #expect(html.contains(#"<span class="badge unjudged">tidak dapat dinilai</span>"#), "ended, not running")
            #expect(!html.contains("http-equiv"))
            #expect(
                html.contains(
                    "<code>courses 1-1</code> (3×): /srv/kurasi/Conformance/indicators/monitoring.yaml: cannot be read &lt;b&gt;x&lt;/b&gt;"))
            let partner = Browser()
            _ = try await partner.signIn(client, as: "kopi")
            let seen = String(buffer: try await partner.get(client, "/runs/\(sweep)").body)
            #expect(seen.contains("2 gagal") && !seen.contains("/srv/kurasi"), "a partner's user reads no worker's error")
        }
    }
}

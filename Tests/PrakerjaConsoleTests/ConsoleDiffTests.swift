import Foundation
import HummingbirdTesting
import Testing

@testable import PrakerjaConsole

/// `runs diff` in the browser: from the run before by default, or from a run named; never across
/// partners, and never of a run the person may not read.
@Suite struct ConsoleDiffTests {
    static let later = "20261202T090000-KOPI0002"

    @Test func aRunShowsWhatChangedSinceTheRunBefore() async throws {
        let harness = try await ConsoleHarness.make()
        // LP Kopi's next run: the check that passed fails, the one that failed passes.
        try await harness.store.save(
            ConsoleHarness.run(
                Self.later, partner: "LP Kopi", message: "the refund went to the wrong account", verdicts: [.fail, .pass],
                started: Date(timeIntervalSince1970: 1_790_090_000)))
        try await harness.test { client in
            let kopi = Browser()
            _ = try await kopi.signIn(client, as: "kopi")
            let page = try await kopi.get(client, "/runs/\(Self.later)/diff")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Kegagalan baru (1)") && html.contains("Diperbaiki (1)"))
            #expect(html.contains(#"href="/runs/\#(ConsoleHarness.kopiRun)""#), "the run before, found by itself")
            #expect(html.contains("<li>+ /refund/the refund went to the wrong account: "), "the new finding")
            #expect(!html.contains("<script>alert(1)"), "the earlier run's hostile finding is text")
            let first = String(buffer: try await kopi.get(client, "/runs/\(ConsoleHarness.kopiRun)/diff").body)
            #expect(first.contains("Belum ada uji sebelumnya"))
            let named = String(buffer: try await kopi.get(client, "/runs/\(Self.later)/diff?with=\(ConsoleHarness.kopiRun)").body)
            #expect(named.contains("Kegagalan baru (1)"))
            let itself = String(buffer: try await kopi.get(client, "/runs/\(Self.later)/diff?with=\(Self.later)").body)
            #expect(itself.contains("bukan uji sebelumnya"), "a run is not compared with itself")
            let backwards = String(buffer: try await kopi.get(client, "/runs/\(ConsoleHarness.kopiRun)/diff?with=\(Self.later)").body)
            #expect(backwards.contains("bukan uji sebelumnya"), "nor with a later run")
            let across = String(buffer: try await kopi.get(client, "/runs/\(Self.later)/diff?with=\(ConsoleHarness.tehRun)").body)
            #expect(across.contains("bukan uji sebelumnya"), "another partner's run is neither compared nor shown")
            #expect(!across.contains("LP Teh"))
            let teh = Browser()
            _ = try await teh.signIn(client, as: "teh")
            #expect(try await teh.get(client, "/runs/\(Self.later)/diff").status == .notFound)
        }
    }
}

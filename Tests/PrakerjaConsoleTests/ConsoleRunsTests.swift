import Foundation
import HummingbirdTesting
import Testing

@testable import PrakerjaConsole

/// The runs, a page at a time: every run the person may read listed once, newest first.
@Suite struct ConsoleRunsTests {
    @Test func theRunsArePagedEachListedOnce() async throws {
        let harness = try await ConsoleHarness.make()
        for index in 0..<105 {
            try await harness.store.save(
                ConsoleHarness.run(
                    String(format: "20261203T%06d-KOPI%04d", index, index), partner: "LP Kopi", message: "run \(index)",
                    started: Date(timeIntervalSince1970: 1_790_100_000 + Double(index) * 60)))
        }
        try await harness.test { client in
            let kopi = Browser()
            _ = try await kopi.signIn(client, as: "kopi")
            var seen: [String] = [], path: String? = "/runs", pages = 0
            while let next = path {
                let html = String(buffer: try await kopi.get(client, next).body)
                seen += html.components(separatedBy: #"<td data-label="Uji"><a href="/runs/"#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
                path = html.range(of: #"<a href="/runs?after="#).map { range in "/runs?after=" + html[range.upperBound...].prefix { $0 != "\"" } }
                pages += 1
            }
            // LP Kopi's 105 new runs, its first one, and the sweep over its folder: 107, newest first.
            #expect(pages == 2 && seen.count == 107 && Set(seen).count == 107)
            #expect(seen.first == "20261203T000104-KOPI0104" && !seen.contains(ConsoleHarness.tehRun))
        }
    }
}

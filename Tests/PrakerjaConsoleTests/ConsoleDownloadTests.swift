import Foundation
import HTTPTypes
import HummingbirdTesting
import PrakerjaConformance
import Testing

@testable import PrakerjaConsole

/// A run's files: the JUnit a partner's CI reads, the JSON and HTML reports, the results as CSV
/// (sent a page at a time), each as an attachment, for who may read the run only.
@Suite struct ConsoleDownloadTests {
    @Test func aRunsReportsDownloadAsAttachments() async throws {
        try await ConsoleHarness.signedIn(as: "kopi") { client, kopi in
            let junit = try await kopi.get(client, "/runs/\(ConsoleHarness.kopiRun)/download/junit.xml")
            #expect(junit.status == .ok)
            #expect(junit.headers[.contentDisposition] == "attachment; filename=\"\(ConsoleHarness.kopiRun)-junit.xml\"")
            let xml = String(buffer: junit.body)
            #expect(xml.hasPrefix("<?xml") && xml.contains(#"<failure message="LP Kopi &lt;script&gt;"#) && !xml.contains("<script>"))
            let json = try await kopi.get(client, "/runs/\(ConsoleHarness.kopiRun)/download/report.json")
            let report = try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any]
            #expect(((report?["run"] as? [String: Any])?["runID"] as? String) == ConsoleHarness.kopiRun)
            let html = try await kopi.get(client, "/runs/\(ConsoleHarness.kopiRun)/download/report.html")
            #expect(html.status == .ok && html.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            let head = try await client.execute(
                uri: "/runs/\(ConsoleHarness.kopiRun)/download/report.json", method: .head, headers: kopi.cookieHeader, body: nil)
            #expect(head.status == .ok && head.body.readableBytes == 0 && head.headers[.contentDisposition] != nil)
            #expect(try await kopi.get(client, "/runs/\(ConsoleHarness.tehRun)/download/junit.xml").status == .notFound, "another partner's")
            #expect(try await kopi.get(client, "/runs/\(ConsoleHarness.kopiRun)/download/secrets.txt").status == .notFound)
        }
    }

    @Test func aRunsResultsDownloadAsCSVEveryRowOnce() async throws {
        try await ConsoleHarness.signedIn(as: "budi") { client, monitor in
            let response = try await monitor.get(client, "/runs/\(ConsoleHarness.sweepRun)/download/results.csv")
            #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = String(buffer: response.body).components(separatedBy: "\r\n").dropLast()
            #expect(lines.first == ResultsCSV.header.trimmingCharacters(in: .newlines))
            // 250 courses × 3 indicators, over two pages of the CSV's reading: each result once, in order.
            #expect(lines.count == 751 && ConsoleApplication.csvPage < 750)
            let positions = lines.dropFirst().map { Int($0.prefix { $0 != "," })! }
            #expect(positions == positions.sorted() && Set(positions).count == 750)
            #expect(lines.filter { $0.contains(",M-TI-01,") && $0.contains(",fail,") }.count == 36)
        }
    }

    @Test func aCellASpreadsheetWouldRunIsText() {
        // One field's line without its end ("\r\n" is one Character).
        func cell(_ text: String) -> String { String(CSV.write([[text]]).dropLast()) }
        #expect(cell(#"=HYPERLINK("http://evil.example","klik")"#) == #""'=HYPERLINK(""http://evil.example"",""klik"")""#)
        #expect(cell("+62 812") == "'+62 812")
        #expect(cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(cell("a, b") == "\"a, b\"")
        #expect(cell("line\nbreak") == "\"line\nbreak\"")
        #expect(cell("plain") == "plain")
    }

    @Test func aRunTooLargeForAReportNamesTheCommandThatWritesIt() async throws {
        try await ConsoleHarness.signedIn(as: "admin", configuration: .init(largestReport: 100)) { client, admin in
            let refused = try await admin.get(client, "/runs/\(ConsoleHarness.sweepRun)/download/report.json")
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("prakerja runs show \(ConsoleHarness.sweepRun) --report-dir DIR"))
            #expect(try await admin.get(client, "/runs/\(ConsoleHarness.sweepRun)/download/results.csv").status == .ok, "the CSV is streamed")
        }
    }
}

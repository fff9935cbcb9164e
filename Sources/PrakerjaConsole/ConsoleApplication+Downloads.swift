import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaConformance
import PrakerjaStore

/// A run's files, as `prakerja runs show --report-dir` writes them (JSON, JUnit for a partner's
/// CI, HTML) and its results as CSV for a spreadsheet. The CSV is sent as it is read, a page at a
/// time: a 20,000-course sweep's 800,000 results are never held. The reports hold the whole run:
/// a run of more results than the configuration's `largestReport` is refused with the command
/// that writes them.
extension ConsoleApplication {
    /// The files a run can be downloaded as.
    enum Download: String, CaseIterable {
        case json = "report.json", junit = "junit.xml", html = "report.html", csv = "results.csv"

        var contentType: String {
            switch self {
            case .json: "application/json"
            case .junit: "application/xml; charset=utf-8"
            case .html: "text/html; charset=utf-8"
            case .csv: "text/csv; charset=utf-8"
            }
        }
    }

    /// How many results the CSV reads at a time.
    static let csvPage = 500

    @Sendable func download(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let entry = try await visibleRun(id, context),
            let file = context.parameters.get("file").flatMap(Download.init(rawValue:))
        else { throw ConsoleRefusal.notFound }
        var headers: HTTPFields = [.contentType: file.contentType]
        headers[.contentDisposition] = "attachment; filename=\"\(id)-\(file.rawValue)\""
        // HEAD drops the body unread: the CSV is never read for it.
        if file == .csv { return Response(status: .ok, headers: headers, body: csv(id)) }
        guard entry.results <= configuration.largestReport else {
            let message =
                String(format: text("reportTooLarge", context), entry.results, configuration.largestReport)
                + " prakerja runs show \(id) --report-dir DIR"
            return page("message", title: text("downloads", context), ["message": message], context: context, status: .unprocessableContent)
        }
        // HEAD says what a download would be without making it (a report of 50,000 results takes a while).
        if request.method == .head { return Response(status: .ok, headers: headers) }
        guard let run = try await store.run(id)?.run else { throw ConsoleRefusal.notFound }
        let body: ByteBuffer
        switch file {
        case .json: body = ByteBuffer(data: try JSONReport.render(run))
        case .junit: body = ByteBuffer(string: JUnitReport.render(run))
        case .html: body = ByteBuffer(string: HTMLReport.render(run))
        case .csv: preconditionFailure("sent above")
        }
        // The HTML report is a page of its own, with its own inline style: not the console's.
        if file == .html { headers[.contentSecurityPolicy] = HTMLReport.contentSecurityPolicy + "; sandbox" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// The run's results as CSV, read and sent a page at a time.
    func csv(_ runID: String) -> ResponseBody {
        ResponseBody { [store] writer in
            try await writer.write(ByteBuffer(string: ResultsCSV.header))
            var after: Int?
            repeat {
                let (groups, next) = try await store.resultsPage(runID, after: after, limit: Self.csvPage)
                let rows = groups.flatMap { stored in
                    zip(stored.group.checks, stored.positions).map { ResultsCSV.row(position: $1, group: stored.group, result: $0) }
                }
                if !rows.isEmpty { try await writer.write(ByteBuffer(string: CSV.write(rows))) }
                after = next
            } while after != nil
            try await writer.finish(nil)
        }
    }
}

/// A run's results as CSV (`CSV.write`: formulas written as text), a row per result.
enum ResultsCSV {
    static let header = CSV.write([["position", "group", "group_title", "check", "title", "verdict", "proposed", "fault", "message"]])

    static func row(position: Int, group: GroupResult, result: CheckResult) -> [String] {
        [
            String(position), group.id, group.title, result.check.id, result.check.title, result.verdict.rawValue, result.proposed?.rawValue ?? "",
            result.fault?.rawValue ?? "", result.message,
        ]
    }
}

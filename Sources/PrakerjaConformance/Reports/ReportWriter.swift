import Foundation

/// The report formats, all written from one `RunResult`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case console, json, junit, html
}

/// Writes a run's file reports into `<directory>/<partner>/`: `report.json` (also kept as
/// `last-run.json` for `--rerun-failed`), `junit.xml` and `report.html`. Each file is written
/// atomically: a reader never sees half a report.
public enum ReportWriter {
    /// The folder a partner's reports go to.
    public static func folder(partner name: String, in directory: URL) -> URL {
        let slug = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return directory.appending(path: String(slug).split(separator: "-").joined(separator: "-"))
    }

    /// Writes the file formats among `formats`; returns the paths written.
    @discardableResult
    public static func write(_ run: RunResult, formats: Set<ReportFormat>, to directory: URL) throws -> [URL] {
        let folder = folder(partner: run.target.name, in: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [URL] = []
        func save(_ data: Data, _ name: String) throws {
            let url = folder.appending(path: name)
            try data.write(to: url, options: .atomic)
            written.append(url)
        }
        if formats.contains(.json) {
            let json = try JSONReport.render(run)
            try save(json, "report.json")
            try json.write(to: folder.appending(path: "last-run.json"), options: .atomic)
        }
        if formats.contains(.junit) { try save(Data(JUnitReport.render(run).utf8), "junit.xml") }
        if formats.contains(.html) { try save(Data(HTMLReport.render(run).utf8), "report.html") }
        return written
    }
}

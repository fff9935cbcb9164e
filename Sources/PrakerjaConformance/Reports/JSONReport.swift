import Foundation

/// The run as JSON (`Specs/conformance-report.schema.json`): what CI systems and `--rerun-failed` read.
public enum JSONReport {
    public static func render(_ run: RunResult) throws -> Data {
        try encode(Document(run))
    }

    /// Any value as the reports write JSON: pretty, sorted keys, ISO 8601 times.
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    /// Reads a report written by `render`.
    public static func read(_ data: Data) throws -> RunResult {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Document.self, from: data).run
    }

    /// The ids that failed or could not be judged in a report: what `--rerun-failed` runs again.
    public static func failedChecks(in data: Data) throws -> Set<String> {
        Set(try read(data).checks.filter { $0.verdict == .fail || $0.verdict == .error }.map(\.check.id))
    }

    /// The report's top level: the run, its summary and exit code spelled out for readers.
    struct Document: Codable {
        let run: RunResult
        let summary: Summary

        init(_ run: RunResult) {
            self.run = run
            self.summary = Summary(verdict: run.verdict, exitCode: run.exitCode, counts: run.counts.counts)
        }
    }

    struct Summary: Codable {
        let verdict: Verdict
        let exitCode: Int32
        let counts: [String: Int]
    }
}

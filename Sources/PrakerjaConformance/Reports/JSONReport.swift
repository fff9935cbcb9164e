import Foundation

/// The run as JSON (`Specs/conformance-report.schema.json`): what CI systems and `--rerun-failed` read.
public enum JSONReport {
    public static func render(_ run: RunResult) throws -> Data {
        try encode(Document(run))
    }

    /// Any value as the reports write JSON: pretty, sorted keys, ISO 8601 times.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder().encode(value)
    }

    /// The encoder `encode` writes with.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
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

        /// The document of an outlined run, its suites holding `groups`.
        init(_ outline: RunOutline, groups: (Int) -> [GroupResult]) {
            var run = outline.header
            for index in run.suites.indices { run.suites[index].groups = groups(index) }
            self.run = run
            self.summary = Summary(verdict: outline.verdict, exitCode: outline.exitCode, counts: outline.counts.counts)
        }
    }

    struct Summary: Codable {
        let verdict: Verdict
        let exitCode: Int32
        let counts: [String: Int]
    }

    /// The document as parts (`ReportLayout`), for a run written a group at a time: exactly the
    /// bytes `render` writes for the whole run. The document is encoded once with a marker group
    /// in each suite; the text around the markers is the head, the tails, and each group is
    /// encoded alone and indented to where the marker stood.
    struct Layout: ReportLayout {
        /// The text before the first group, after each suite's last, and after the last suite's.
        private let pieces: [String]
        private let indent: String
        private let encoder: JSONEncoder

        init(_ outline: RunOutline) throws {
            let encoder = JSONReport.encoder()
            let marker = "prakerja-report-group-\(UUID().uuidString)"
            let markers = outline.header.suites.indices.map { GroupResult(id: "\(marker)-\($0)", title: "", verdict: .skipped, checks: []) }
            var rest = String(decoding: try encoder.encode(Document(outline) { [markers[$0]] }), as: UTF8.self)[...]
            // The marker's `"id"` line is indented one level (two spaces) more than the group.
            if let idLine = rest.range(of: "\"id\" : \"\(marker)-0\"") {
                let lineStart = rest[..<idLine.lowerBound].lastIndex(of: "\n").map(rest.index(after:)) ?? rest.startIndex
                indent = String(repeating: " ", count: max(0, rest.distance(from: lineStart, to: idLine.lowerBound) - 2))
            } else {
                guard markers.isEmpty else { throw MarkerLost() }
                indent = ""
            }
            var pieces: [String] = []
            for group in markers {
                let text = Self.indented(try encoder.encode(group), by: indent)
                guard let range = rest.range(of: text) else { throw MarkerLost() }
                pieces.append(String(rest[..<range.lowerBound]))
                rest = rest[range.upperBound...]
            }
            pieces.append(String(rest))
            self.pieces = pieces
            self.encoder = encoder
        }

        /// The encoder did not write a marker group as it writes it alone: cannot happen with
        /// Foundation's pretty printing, but a report is not written on a guess.
        struct MarkerLost: Error {}

        /// Pretty JSON moved right by `indent` on every line but the first (the text before it
        /// holds the first line's indentation) and the empty ones (an empty array's inner line,
        /// which the encoder leaves without indentation).
        static func indented(_ data: Data, by indent: String) -> String {
            let pad = Array(indent.utf8), newline = UInt8(ascii: "\n")
            var text: [UInt8] = []
            text.reserveCapacity(data.count + data.count / 4)
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                for index in bytes.indices {
                    text.append(bytes[index])
                    if bytes[index] == newline, index + 1 < bytes.count, bytes[index + 1] != newline { text.append(contentsOf: pad) }
                }
            }
            return String(decoding: text, as: UTF8.self)
        }

        func head(_ outline: RunOutline) -> String { pieces[0] }

        func group(_ group: GroupResult, index: Int) throws -> String {
            let text = Self.indented(try encoder.encode(group), by: indent)
            return index == 0 ? text : ",\n" + indent + text
        }

        func suiteTail(_ outline: RunOutline, suite: Int) -> String { suite + 1 < pieces.count - 1 ? pieces[suite + 1] : "" }

        func tail(_ outline: RunOutline) -> String { pieces.count > 1 ? pieces[pieces.count - 1] : "" }
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaSchema
import Yams

/// The results of a run waiting for people (`needsReview`), as a worksheet a reviewer fills in:
/// written by `prakerja review export` as CSV (for a spreadsheet) and YAML (for an editor), read
/// back by `prakerja review import`. The kit fills the first columns: which result, the
/// indicator, the machine's proposal, the evidence, the rubric, earlier reviews. The reviewer
/// fills `verdict` (pass, fail, notApplicable), `reviewer`, `note`, and optionally `reviewedAt`.
public struct ReviewWorksheet: Sendable {
    public struct Row: Sendable, Codable, Hashable {
        public var run: String
        /// The result's key in its run (`PlacedResult.key`): group and indicator.
        public var result: String
        public var indicator: String
        public var title: String
        public var severity: String
        public var method: String
        public var proposed: String
        public var message: String
        public var evidence: String
        public var rubric: String
        public var earlierReviews: String
        public var verdict: String
        public var reviewer: String
        /// The reviewer's institution when the reviewer is not a person of the console (whose
        /// own institution counts); may be left empty.
        public var institution: String
        public var note: String
        /// ISO 8601 (2026-11-30T09:00:00+07:00); empty means the time of the import.
        public var reviewedAt: String

        public init(
            run: String, result: String, indicator: String, title: String, severity: String, method: String, proposed: String, message: String,
            evidence: String, rubric: String, earlierReviews: String, verdict: String, reviewer: String, note: String, reviewedAt: String,
            institution: String = ""
        ) {
            (self.run, self.result, self.indicator, self.title, self.severity, self.method) = (run, result, indicator, title, severity, method)
            (self.proposed, self.message, self.evidence, self.rubric, self.earlierReviews) = (proposed, message, evidence, rubric, earlierReviews)
            (self.verdict, self.reviewer, self.note, self.reviewedAt, self.institution) = (verdict, reviewer, note, reviewedAt, institution)
        }

        /// Reads a row an editor may have trimmed: `run` and `result` are required, every other
        /// field may be left out (it reads as empty).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
            self.init(
                run: try container.decode(String.self, forKey: .run), result: try container.decode(String.self, forKey: .result),
                indicator: try text(.indicator), title: try text(.title), severity: try text(.severity), method: try text(.method),
                proposed: try text(.proposed), message: try text(.message), evidence: try text(.evidence), rubric: try text(.rubric),
                earlierReviews: try text(.earlierReviews), verdict: try text(.verdict), reviewer: try text(.reviewer), note: try text(.note),
                reviewedAt: try text(.reviewedAt), institution: try text(.institution))
        }

        /// Whether the reviewer wrote anything in it.
        public var isFilled: Bool {
            ![verdict, reviewer, institution, note, reviewedAt].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// Every result of `run` waiting for a person, with what the catalogue says of its indicator.
    public init(_ run: RunResult, catalogue: IndicatorCatalogue?) {
        // A sweep's rows name their course (code and title, from the sweep's summary).
        let courses = Dictionary(
            (run.monitoring?.courses ?? []).map { (MonitoringResult.groupID($0.code), "\($0.code) \($0.title)") },
            uniquingKeysWith: { first, _ in first })
        rows = run.suites.flatMap { suite in
            suite.groups.flatMap { group in
                group.checks.filter { $0.verdict == .needsReview }.map { result in
                    let indicator = catalogue?.indicator(result.check.id)
                    return Row(
                        run: run.runID, result: PlacedResult.key(group: group.id, check: result.check.id), indicator: result.check.id,
                        title: courses[group.id].map { "\($0): \(result.check.title)" } ?? result.check.title,
                        severity: indicator?.severity.rawValue ?? result.check.severity.rawValue, method: indicator?.method.rawValue ?? "",
                        proposed: result.proposed?.rawValue ?? "", message: result.message,
                        evidence: result.evidence.findings.map(\.summary).joined(separator: "\n"),
                        rubric: indicator?.rubric ?? indicator?.criteria ?? result.check.requirement,
                        earlierReviews: (result.reviews ?? []).map {
                            "\($0.verdict.rawValue) by \($0.reviewer)\($0.note.isEmpty ? "" : ": \($0.note)")"
                        }
                        .joined(separator: "\n"),
                        verdict: "", reviewer: "", note: "", reviewedAt: "")
                }
            }
        }
    }

    /// The column names, in order: the `Row` fields.
    public static let columns = [
        "run", "result", "indicator", "title", "severity", "method", "proposed", "message", "evidence", "rubric",
        "earlierReviews", "verdict", "reviewer", "institution", "note", "reviewedAt",
    ]

    /// The columns a worksheet read back must have (`institution` came later: older ones lack it).
    static let required = columns.filter { $0 != "institution" }

    public var csv: String {
        CSV.write(
            [Self.columns]
                + rows.map { row in
                    [
                        row.run, row.result, row.indicator, row.title, row.severity, row.method, row.proposed, row.message, row.evidence, row.rubric,
                        row.earlierReviews, row.verdict, row.reviewer, row.institution, row.note, row.reviewedAt,
                    ]
                })
    }

    public func yaml() throws -> String {
        "# Fill in verdict (pass, fail, notApplicable), reviewer and note; reviewedAt is optional (ISO 8601).\n"
            + "# Critical indicators need two reviewers who agree: a second reviewer imports their own row.\n"
            + "# institution: a reviewer who is not a person of the console names theirs (a rule pack may want two).\n"
            + (try YAMLEncoder().encode(["reviews": rows]))
    }

    /// Why a worksheet cannot be read: the file, and where in it.
    public struct ReadError: Error, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// Reads a filled worksheet, CSV (`.csv`) or YAML (`.yaml`, `.yml`).
    public static func read(_ path: String) throws(ReadError) -> ReviewWorksheet {
        if path.hasSuffix(".csv") {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ReadError(file: path, reason: "cannot be read (\(error.localizedDescription))")
            }
            return try csv(text, file: path)
        }
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { throw ReadError(file: path, reason: "a worksheet is a .csv or a .yaml file") }
        do { return ReviewWorksheet(rows: try DataFile.decode([Row].self, from: path, key: "reviews")) } catch {
            throw ReadError(file: path, reason: error.reason)
        }
    }

    static func csv(_ text: String, file: String) throws(ReadError) -> ReviewWorksheet {
        let table: [[String]]
        do { table = try CSV.read(text) } catch { throw ReadError(file: file, reason: error.description) }
        guard let header = table.first else {
            throw ReadError(file: file, reason: "empty: expected a header line with \(columns.joined(separator: ","))")
        }
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else { throw ReadError(file: file, reason: "the header lacks the columns \(missing.joined(separator: ", "))") }
        let index = Dictionary(header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var rows: [Row] = []
        for (number, fields) in table.dropFirst().enumerated() where !(fields.count == 1 && fields[0].isEmpty) {
            guard fields.count == header.count else {
                throw ReadError(file: file, reason: "row \(number + 1) has \(fields.count) fields, the header \(header.count)")
            }
            func field(_ name: String) -> String { index[name].map { fields[$0] } ?? "" }
            rows.append(
                Row(
                    run: field("run"), result: field("result"), indicator: field("indicator"), title: field("title"), severity: field("severity"),
                    method: field("method"), proposed: field("proposed"), message: field("message"), evidence: field("evidence"),
                    rubric: field("rubric"), earlierReviews: field("earlierReviews"), verdict: field("verdict"), reviewer: field("reviewer"),
                    note: field("note"), reviewedAt: field("reviewedAt"), institution: field("institution")))
        }
        return ReviewWorksheet(rows: rows)
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaCuration

/// Why a worksheet was refused: every problem, by row, and nothing of it imported.
public struct ReviewImportError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "nothing was imported:\n" + problems.map { "  " + $0 }.joined(separator: "\n") }
}

/// What an import did.
public struct ReviewImport: Sendable {
    /// Each review recorded: the result, its verdict before and after, and for a critical
    /// indicator still undecided why.
    public struct Entry: Sendable {
        public let run: String
        public let result: String
        public let reviewer: String
        public let given: Verdict
        public let before: Verdict
        public let after: Verdict
    }

    public let entries: [Entry]
    /// Rows the reviewers left blank.
    public let blank: Int
    /// The runs whose summaries were recomputed, as they now stand.
    public let runs: [RunResult]
}

extension ResultsStore {
    /// Imports reviewers' verdicts from a worksheet, all or nothing: every filled row must name a
    /// result of a stored run that waits for a person, a verdict (`Review.verdicts`), a reviewer
    /// and a readable time; a critical indicator is decided only when two reviewers agree. The
    /// results, the runs' summaries (recomputed with `catalogues`) and the audit trail change in
    /// one transaction. `source` names the worksheet in the audit trail.
    public func importReviews(
        _ worksheet: ReviewWorksheet, source: String, catalogues: [RunResult.Kind: IndicatorCatalogue],
        now: Date = Date()
    ) async throws -> ReviewImport {
        let filled = worksheet.rows.enumerated().filter { $0.element.isFilled }
        let blank = worksheet.rows.count - filled.count
        let location = location
        do {
            return try await database.write { db in
                var problems: [String] = []
                // Each run named is loaded once, with its results' positions and the ids of those waiting for people.
                var runs: [String: RunResult] = [:], positions: [String: [String: RunResult.ResultPosition]] = [:]
                var reviewable: [String: [String: Int64]] = [:]
                var planned: [(row: Int, key: String, run: String, review: Review)] = []
                var seen: Set<String> = []
                for (offset, row) in filled {
                    let label = "row \(offset + 1) (\(row.result.isEmpty ? "no result" : row.result))"
                    // The run's row is locked first: two imports for one run take turns, neither loses the other's verdicts.
                    if runs[row.run] == nil, try await db.row("SELECT id FROM run WHERE id = \(row.run)\(keyword: db.dialect.forUpdate)") != nil,
                        let stored = try await Self.load(row.run, db)
                    {
                        runs[row.run] = stored.run
                        positions[row.run] = stored.run.positions
                        reviewable[row.run] = Dictionary(
                            uniqueKeysWithValues: try await db.rows(
                                "SELECT groupID || '/' || checkID AS key, id FROM result WHERE runID = \(row.run) AND reviewable"
                            ).map { (try $0["key"] as String, try $0["id"] as Int64) })
                    }
                    guard runs[row.run] != nil else {
                        problems.append("\(label): no run \(row.run.isEmpty ? "(empty)" : row.run) in \(location)")
                        continue
                    }
                    guard positions[row.run]?[row.result] != nil else {
                        problems.append("\(label): the run \(row.run) has no such result")
                        continue
                    }
                    guard reviewable[row.run]?[row.result] != nil else {
                        problems.append("\(label): decided by the machine, not waiting for a person (a waiver, not a review, excuses a failure)")
                        continue
                    }
                    let reviewer = row.reviewer.trimmingCharacters(in: .whitespaces)
                    if reviewer.isEmpty { problems.append("\(label): no reviewer: every verdict needs the id of who gave it") }
                    let verdict = Verdict(rawValue: row.verdict.trimmingCharacters(in: .whitespaces))
                    if verdict == nil || !Review.verdicts.contains(verdict!) {
                        problems.append(
                            "\(label): verdict \"\(row.verdict)\" is not one of \(Review.verdicts.map(\.rawValue).joined(separator: ", "))")
                    }
                    var at = now
                    if !row.reviewedAt.isEmpty {
                        if let parsed = ISO8601DateFormatter().date(from: row.reviewedAt.trimmingCharacters(in: .whitespaces)) {
                            if parsed > now.addingTimeInterval(300) { problems.append("\(label): reviewedAt \(row.reviewedAt) is in the future") }
                            at = parsed
                        } else {
                            problems.append("\(label): reviewedAt \(row.reviewedAt) is not a time like 2026-11-30T09:00:00+07:00")
                        }
                    }
                    if !seen.insert("\(row.run)|\(row.result)|\(reviewer)").inserted {
                        problems.append("\(label): \(reviewer) reviews this result twice in one worksheet")
                    }
                    if let verdict, !reviewer.isEmpty {
                        planned.append(
                            (offset + 1, row.result, row.run, Review(reviewer: reviewer, verdict: verdict, note: row.note, reviewedAt: at)))
                    }
                }
                guard problems.isEmpty else { throw ReviewImportError(problems: problems) }
                guard !planned.isEmpty else {
                    throw ReviewImportError(problems: ["no row is filled in: give verdict, reviewer and note on the rows you reviewed"])
                }

                var entries: [ReviewImport.Entry] = []
                for item in planned {
                    let position = positions[item.run]![item.key]!, resultID = reviewable[item.run]![item.key]!
                    let result = runs[item.run]![position]
                    let critical = result.check.tags.contains(IndicatorCatalogue.Gravity.critical.rawValue)
                    runs[item.run]!.settle(at: position, reviews: (result.reviews ?? []) + [item.review], needsSecondReviewer: critical)
                    let after = runs[item.run]![position]
                    try await db.execute(
                        """
                        INSERT INTO review (resultID, reviewer, verdict, note, reviewedAt, source)
                        VALUES (\(resultID), \(item.review.reviewer), \(item.review.verdict.rawValue), \(item.review.note), \(item.review.reviewedAt), \(source))
                        """)
                    try await db.execute(
                        "UPDATE result SET verdict = \(after.verdict.rawValue), fault = \(after.fault?.rawValue) WHERE id = \(resultID)")
                    let pending = critical && after.verdict == .needsReview ? "; critical: it waits for a second reviewer who agrees" : ""
                    try await Self.audit(
                        db, actor: item.review.reviewer, action: "review", runID: item.run, result: item.key,
                        detail: "\(item.review.verdict.rawValue)\(item.review.note.isEmpty ? "" : " (\(item.review.note))"): "
                            + "\(result.verdict.rawValue) -> \(after.verdict.rawValue)\(pending); from \(source)")
                    entries.append(
                        .init(
                            run: item.run, result: item.key, reviewer: item.review.reviewer, given: item.review.verdict,
                            before: result.verdict, after: after.verdict))
                }
                var updated: [RunResult] = []
                for id in Set(planned.map(\.run)).sorted() {
                    var run = runs[id]!
                    if let catalogue = catalogues[run.kind] { run.resummarize(with: catalogue) }
                    var bare = run
                    bare.suites = []
                    try await db.execute("UPDATE run SET header = \(try Self.encoder.encode(bare)), exitCode = \(run.exitCode) WHERE id = \(id)")
                    try await Self.keepListing(run, db)
                    for group in run.suites.flatMap(\.groups) {
                        try await db.execute(
                            "UPDATE result SET groupTitle = \(group.title) WHERE runID = \(id) AND groupID = \(group.id) AND groupTitle != \(group.title)"
                        )
                    }
                    try await Self.audit(
                        db, actor: "kit", action: "run.resummarized", runID: id,
                        detail: "after reviews from \(source)\(run.outcome.map { ": \($0)" } ?? "")")
                    updated.append(run)
                }
                return ReviewImport(entries: entries, blank: blank, runs: updated)
            }
        } catch let error as ReviewImportError {
            throw error
        } catch {
            throw StoreError(location: location, error)
        }
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaCuration

/// Why a worksheet was refused: every problem, by row, and nothing of it imported.
public struct ReviewImportError: Error, CustomStringConvertible {
    public let problems: [String]

    public init(problems: [String]) { self.problems = problems }

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
        /// Why it still waits, when it does: a critical indicator's second reviewer (of another
        /// institution), or the admin's adjudication.
        public let waiting: String?
    }

    public let entries: [Entry]
    /// Rows the reviewers left blank.
    public let blank: Int
    /// The runs whose summaries were recomputed, as they now stand (a sweep's with only the
    /// courses reviewed: `listings` has its whole outcome).
    public let runs: [RunResult]
    /// Those runs' lines as `runs list` shows them now: counts by verdict and outcome.
    public let listings: [RunEntry]
}

extension ResultsStore {
    /// Imports reviewers' verdicts from a worksheet, all or nothing: every filled row must name a
    /// result of a stored run that waits for a person, a verdict (`Review.verdicts`), a reviewer
    /// and a readable time; a critical indicator is decided only when two reviewers agree (from
    /// two institutions where the run's rule pack says so: a reviewer who is a person of the
    /// console counts with their institution, anyone else with the row's). The results, the
    /// runs' summaries (recomputed with `catalogues`) and the audit trail change in one
    /// transaction. `source` names the worksheet in the audit trail.
    public func importReviews(
        _ worksheet: ReviewWorksheet, source: String, catalogues: [RunResult.Kind: IndicatorCatalogue],
        now: Date = Date()
    ) async throws -> ReviewImport {
        try await record(worksheet, source: source, catalogues: catalogues, now: now, person: nil)
    }

    /// One person's verdict from the console on the result at `position` of run `runID`, through
    /// the same recording as a worksheet's. An assessor judges assessments and a monitor
    /// sweeps, each only in runs assigned to them or their institution, or as the second
    /// reviewer of a result another person reviewed; the admin judges anything, and their
    /// verdict on a result whose reviewers disagree is an adjudication, which decides it.
    /// `form` is the form's one-time id: the same form sent twice is recorded once.
    public func review(
        runID: String, position: Int, verdict: String, note: String, by person: ConsolePerson, form: String,
        catalogues: [RunResult.Kind: IndicatorCatalogue], now: Date = Date()
    ) async throws -> ReviewImport {
        let key = try await read { db in
            try await db.row("SELECT groupID || '/' || checkID AS key FROM result WHERE runID = \(runID) AND position = \(position)")
                .map { try $0["key"] as String }
        }
        guard let key else { throw ReviewImportError(problems: ["the run \(runID) has no result \(position)"]) }
        let row = ReviewWorksheet.Row(
            run: runID, result: key, indicator: "", title: "", severity: "", method: "", proposed: "", message: "", evidence: "", rubric: "",
            earlierReviews: "", verdict: verdict, reviewer: person.login, note: note, reviewedAt: "")
        return try await record(ReviewWorksheet(rows: [row]), source: "console form \(form)", catalogues: catalogues, now: now, person: person)
    }

    /// The one recording of reviews, for worksheets (`person` nil) and the console (`person`
    /// the signed-in reviewer, whose rights are checked in the same transaction).
    private func record(
        _ worksheet: ReviewWorksheet, source: String, catalogues: [RunResult.Kind: IndicatorCatalogue], now: Date, person: ConsolePerson?
    ) async throws -> ReviewImport {
        let filled = worksheet.rows.enumerated().filter { $0.element.isFilled }
        let blank = worksheet.rows.count - filled.count
        let location = location
        do {
            return try await database.write { db in
                var problems: [String] = []
                // Each run named is loaded once, with its results' positions and the ids of those waiting for people.
                var runs: [String: RunResult] = [:], positions: [String: [String: RunResult.ResultPosition]] = [:]
                var reviewable: [String: [String: Int64]] = [:], twoInstitutions: [String: Bool] = [:]
                var planned: [(row: Int, key: String, run: String, review: Review)] = []
                var seen: Set<String> = []
                var members: [String: (known: Bool, institution: String?)] = [:]
                // A sweep's rows touch a few of its courses: only those are read (`partial`), and its
                // summary and counts are moved by what changed; a run of another kind is read whole.
                var partial: [String: [GroupResult]] = [:]
                let touched = Dictionary(grouping: filled.map(\.element), by: \.run).mapValues { rows in
                    Set(rows.map { row in row.result.range(of: "/", options: .backwards).map { String(row.result[..<$0.lowerBound]) } ?? row.result })
                }
                for (offset, row) in filled {
                    let label = person == nil ? "row \(offset + 1) (\(row.result.isEmpty ? "no result" : row.result))" : row.result
                    // The run's row is locked first: two imports for one run take turns, neither loses the other's verdicts.
                    if runs[row.run] == nil,
                        let kind = try await db.row("SELECT kind FROM run WHERE id = \(row.run)\(keyword: db.dialect.forUpdate)").map({
                            try $0["kind"] as String
                        }),
                        let stored = try await Self.load(
                            row.run, db, exchanges: false, groups: kind == RunResult.Kind.monitoring.rawValue ? touched[row.run] : nil)
                    {
                        runs[row.run] = stored.run
                        positions[row.run] = stored.run.positions
                        if kind == RunResult.Kind.monitoring.rawValue { partial[row.run] = stored.run.suites.flatMap(\.groups) }
                        twoInstitutions[row.run] = try Self.twoInstitutions(
                            stored.run.assessment?.rulePack ?? stored.run.monitoring?.rulePack, header: nil)
                        let only: StoreSQL = partial[row.run] == nil ? "" : "AND groupID IN (\(StoreSQL.list(touched[row.run]!.sorted())))"
                        reviewable[row.run] = Dictionary(
                            uniqueKeysWithValues: try await db.rows(
                                "SELECT groupID || '/' || checkID AS key, id FROM result WHERE runID = \(row.run) AND reviewable \(only)"
                            ).map { (try $0["key"] as String, try $0["id"] as Int64) })
                    }
                    guard let run = runs[row.run] else {
                        problems.append("\(label): no run \(row.run.isEmpty ? "(empty)" : row.run) in \(location)")
                        continue
                    }
                    guard let position = positions[row.run]?[row.result] else {
                        problems.append("\(label): the run \(row.run) has no such result")
                        continue
                    }
                    guard let resultID = reviewable[row.run]?[row.result] else {
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
                    // A reviewer who is a person of the console counts with their own institution.
                    if members[reviewer] == nil {
                        let found = try await db.row("SELECT institution FROM person WHERE login = \(reviewer)")
                        let institution: String? = try found.flatMap { try $0["institution"] }
                        members[reviewer] = (found != nil, institution)
                    }
                    let member = members[reviewer]!, given = ConsolePerson.institution(row.institution)
                    var institution = member.known ? member.institution : (given.isEmpty ? nil : given)
                    if member.known, !given.isEmpty, !ConsolePerson.sameInstitution(given, member.institution) {
                        problems.append(
                            "\(label): \(reviewer) is a person of the console \(member.institution.map { "of \($0)" } ?? "of no institution"), not of \(given)"
                        )
                    } else if let problem = ConsolePerson.problem(given, field: "institution") {
                        problems.append("\(label): \(problem)")
                    }
                    let earlier = run[position].reviews ?? []
                    let critical = run[position].check.tags.contains(IndicatorCatalogue.Gravity.critical.rawValue)
                    var adjudicates = false
                    if let person {
                        // The same form sent again (a double click, a reload) is recorded once, and
                        // answered as the first was, whatever the result became since.
                        if try await db.row(
                            "SELECT 1 AS one FROM review WHERE resultID = \(resultID) AND reviewer = \(reviewer) AND source = \(source)") != nil
                        {
                            continue
                        }
                        institution = person.institution
                        if row.note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                            problems.append("\(label): a verdict needs a note: what you checked")
                        }
                        if let refusal = try await Self.refusal(
                            person, kind: run.kind, runID: row.run, waiting: run[position].verdict == .needsReview, critical: critical,
                            twoInstitutions: twoInstitutions[row.run]! && critical, earlier: earlier, db)
                        {
                            problems.append(refusal)
                        }
                        adjudicates =
                            person.role == .admin
                            && Review.disagree(earlier, needsSecondReviewer: critical, fromAnotherInstitution: twoInstitutions[row.run]!)
                    }
                    if let verdict, !reviewer.isEmpty {
                        planned.append(
                            (
                                offset + 1, row.result, row.run,
                                Review(
                                    reviewer: reviewer, verdict: verdict, note: row.note, reviewedAt: at, institution: institution,
                                    adjudicates: adjudicates)
                            ))
                    }
                }
                guard problems.isEmpty else { throw ReviewImportError(problems: problems) }
                guard !planned.isEmpty else {
                    if person != nil { return ReviewImport(entries: [], blank: 0, runs: [], listings: []) }
                    throw ReviewImportError(problems: ["no row is filled in: give verdict, reviewer and note on the rows you reviewed"])
                }

                var entries: [ReviewImport.Entry] = []
                for item in planned {
                    let position = positions[item.run]![item.key]!, resultID = reviewable[item.run]![item.key]!
                    let result = runs[item.run]![position]
                    let critical = result.check.tags.contains(IndicatorCatalogue.Gravity.critical.rawValue)
                    let reviews = (result.reviews ?? []) + [item.review], twoInstitutions = critical && twoInstitutions[item.run]!
                    runs[item.run]!.settle(at: position, reviews: reviews, needsSecondReviewer: critical, fromAnotherInstitution: twoInstitutions)
                    let after = runs[item.run]![position]
                    try await db.execute(
                        """
                        INSERT INTO review (resultID, reviewer, verdict, note, reviewedAt, source, institution, adjudicates)
                        VALUES (\(resultID), \(item.review.reviewer), \(item.review.verdict.rawValue), \(item.review.note), \(item.review.reviewedAt),
                                \(source), \(item.review.institution), \(item.review.adjudicates))
                        """)
                    try await db.execute(
                        "UPDATE result SET verdict = \(after.verdict.rawValue), fault = \(after.fault?.rawValue) WHERE id = \(resultID)")
                    let waiting: String? =
                        after.verdict != .needsReview
                        ? nil
                        : Review.disagree(reviews, needsSecondReviewer: critical, fromAnotherInstitution: twoInstitutions)
                            ? "critical: the reviewers disagree, the admin adjudicates"
                            : twoInstitutions
                                ? "critical: it waits for a second reviewer of another institution who agrees"
                                : "critical: it waits for a second reviewer who agrees"
                    let pending = waiting.map { "; \($0)" } ?? ""
                    try await Self.audit(
                        db, actor: item.review.reviewer, action: item.review.adjudicates ? "adjudication" : "review", runID: item.run,
                        result: item.key,
                        detail: "\(item.review.verdict.rawValue)\(item.review.note.isEmpty ? "" : " (\(item.review.note))"): "
                            + "\(result.verdict.rawValue) -> \(after.verdict.rawValue)\(pending); from \(source)")
                    entries.append(
                        .init(
                            run: item.run, result: item.key, reviewer: item.review.reviewer, given: item.review.verdict,
                            before: result.verdict, after: after.verdict, waiting: waiting))
                }
                var updated: [RunResult] = []
                for id in Set(planned.map(\.run)).sorted() {
                    var run = runs[id]!
                    if let catalogue = catalogues[run.kind] {
                        if let before = partial[id] {
                            run.resummarizeCourses(before: before, with: catalogue)
                        } else {
                            run.resummarize(with: catalogue)
                        }
                    }
                    let changed = entries.filter { $0.run == id }.map { ($0.before, $0.after) }
                    try await Self.keepListing(
                        run, db, changed: partial[id] == nil ? nil : changed,
                        header: try await Self.storedHeader(run, db, onlyChanged: partial[id] != nil))
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
                let ids = StoreSQL.list(updated.map(\.runID))
                let listings = try await Self.entries("WHERE id IN (\(ids))", limit: updated.count, db).sorted { $0.id < $1.id }
                return ReviewImport(entries: entries, blank: blank, runs: updated, listings: listings)
            }
        } catch let error as ReviewImportError {
            throw error
        } catch {
            throw StoreError(location: location, error)
        }
    }
}

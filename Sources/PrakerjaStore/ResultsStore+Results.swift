import Foundation
import PrakerjaConformance

/// A run's results as the console reads them: a page at a time, filtered, or one with its evidence.
extension ResultsStore {
    /// A page of the run `runID`'s results without their HTTP exchanges: those after `position`
    /// (nil: from the first), `limit` at most, only those with one of `verdicts` (nil: all) and of
    /// the check `check` (an indicator; nil: every check) and the group `group` (a course; nil:
    /// every group), in groups as `forEachGroup` makes them;
    /// with the position to read the next page after, nil at the end. A group cut by the page's
    /// end continues on the next page.
    public func resultsPage(
        _ runID: String, after position: Int? = nil, limit: Int = 200, verdicts: Set<Verdict>? = nil, check: String? = nil, group: String? = nil
    ) async throws(StoreError) -> (groups: [StoredGroup], next: Int?) {
        try await read { db in
            var filter: StoreSQL = check.map { "AND checkID = \($0)" } ?? ""
            if let group {
                // The group's positions first (through the index of groups), so that the page is read
                // from them, not by walking the run in position order until the group comes.
                let range = try await db.row(
                    "SELECT min(position) AS first, max(position) AS last FROM result WHERE runID = \(runID) AND groupID = \(group)")
                guard let first: Int = try range?["first"], let last: Int = try range?["last"] else { return ([], nil) }
                filter = "\(filter) AND groupID = \(group) AND position BETWEEN \(first) AND \(last)"
            }
            if let verdicts {
                filter = "\(filter) AND verdict IN (\(StoreSQL.list(verdicts.map(\.rawValue).sorted())))"
            }
            var assembler = GroupAssembler(), groups: [StoredGroup] = [], last: Int?, count = 0
            try await db.forEach(Self.resultsSQL(runID, exchanges: false, db, after: position, limit: limit, filter: filter)) { row in
                try assembler.add(row, reviews: nil) { groups.append($0) }
                last = try row["position"]
                count += 1
            }
            try assembler.finish { groups.append($0) }
            return (groups, count == limit ? last : nil)
        }
    }

    /// The run `runID`'s problems: the results with one of `verdicts` (each failed, could not be
    /// judged, waits for a reviewer or warns) of one of `checks` (nil: any), as their group, check
    /// and verdict, read through the index of problems: a sweep's passes are never read.
    public func problems(
        _ runID: String, verdicts: Set<Verdict> = Self.problemVerdicts, checks: Set<String>? = nil
    ) async throws(StoreError) -> [(group: String, check: String, verdict: Verdict)] {
        let verdicts = verdicts.intersection(Self.problemVerdicts)
        guard !verdicts.isEmpty, checks?.isEmpty != true else { return [] }
        return try await read { db in
            var filter: StoreSQL = "AND verdict IN (\(StoreSQL.list(verdicts.map(\.rawValue).sorted())))"
            if let checks { filter = "\(filter) AND checkID IN (\(StoreSQL.list(checks.sorted())))" }
            // The index's condition written out as it is, for SQLite's planner to use the index.
            return try await db.rows(
                """
                SELECT groupID, checkID, verdict FROM result
                WHERE runID = \(runID) AND verdict IN ('error', 'fail', 'needsReview', 'warn') \(filter)
                """
            ).map { (try $0["groupID"], try $0["checkID"], Verdict(rawValue: try $0["verdict"]) ?? .error) }
        }
    }

    /// The verdicts of a problem, as the index of problems holds them.
    public static let problemVerdicts: Set<Verdict> = [.error, .fail, .needsReview, .warn]

    /// The result at `position` in the run `runID`, with its evidence (the HTTP exchanges too)
    /// and its reviews, and the title of its group; nil when there is none.
    public func result(_ runID: String, at position: Int) async throws(StoreError) -> (group: String, result: CheckResult)? {
        try await read { db in
            guard let row = try await db.row(Self.resultsSQL(runID, exchanges: true, db, filter: "AND position = \(position)")) else { return nil }
            let reviews = try await db.rows(
                "SELECT \(Self.reviewColumns) FROM review WHERE resultID = \(try row["id"] as Int64) ORDER BY id"
            ).map(Self.review)
            var definitions: [Data: CheckDefinition] = [:]
            return (try row["groupTitle"], try Self.checkResult(row, reviews: reviews.isEmpty ? nil : reviews, definitions: &definitions))
        }
    }
}

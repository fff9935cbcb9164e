import Foundation
import PrakerjaConformance
import PrakerjaCuration

/// A monitoring sweep's courses (code, title, provider, status) are rows of `sweep_course`, not
/// part of its stored header: a 20,000-course sweep's header stays a few kilobytes, and a verdict
/// on one course rewrites that course's row rather than 2.5 MB of JSON. Every header is written
/// by `storedHeader` and read back by `decodeHeader`, so nothing else knows where courses live.
/// A sweep recorded before migration 12 keeps its courses in its header until its next write.
extension ResultsStore {
    /// How many course rows one statement inserts (7 values each: well under both databases'
    /// limits on bound values).
    private static let courseChunk = 500

    /// `run` as its header is stored: without its results and, for a sweep, without its courses,
    /// which are kept as rows. `onlyChanged`: `run` holds only the courses people just reviewed
    /// (`Self.load(_:_:groups:)`): those rows are updated and the others left as they are (unless
    /// the sweep has no rows yet, when `run` holds all its courses from an older header and they
    /// all become rows).
    static func storedHeader(_ run: RunResult, _ db: StoreConnection, onlyChanged: Bool = false) async throws -> Data {
        var bare = run
        bare.suites = []
        guard let monitoring = run.monitoring, !monitoring.courses.isEmpty else { return try encoder.encode(bare) }
        let hasRows = try await db.row("SELECT 1 AS one FROM sweep_course WHERE runID = \(run.runID) LIMIT 1") != nil
        if onlyChanged, hasRows {
            for course in monitoring.courses {
                try await db.execute(
                    """
                    UPDATE sweep_course SET status = \(course.status.rawValue)
                    WHERE runID = \(run.runID) AND groupID = \(MonitoringResult.groupID(course.code)) AND status != \(course.status.rawValue)
                    """)
            }
        } else {
            if hasRows { try await db.execute("DELETE FROM sweep_course WHERE runID = \(run.runID)") }
            for start in stride(from: 0, to: monitoring.courses.count, by: courseChunk) {
                let rows = monitoring.courses[start..<min(start + courseChunk, monitoring.courses.count)].enumerated().map { offset, course in
                    """
                    (\(run.runID), \(start + offset), \(MonitoringResult.groupID(course.code)), \(course.code), \(course.title), \(course.provider),
                     \(course.status.rawValue))
                    """ as StoreSQL
                }
                try await db.execute(
                    "INSERT INTO sweep_course (runID, position, groupID, code, title, provider, status) VALUES \(StoreSQL.joined(rows, separator: ", "))"
                )
            }
        }
        bare.monitoring = MonitoringSummary(rulePack: monitoring.rulePack, courses: [], partners: monitoring.partners)
        return try encoder.encode(bare)
    }

    /// The run a stored header holds, a sweep's courses read back from their rows: all of them,
    /// or those of the result groups `groups`.
    static func decodeHeader(_ data: Data, _ db: StoreConnection, groups: Set<String>? = nil) async throws -> RunResult {
        var run = try decoder.decode(RunResult.self, from: data)
        guard let monitoring = run.monitoring, monitoring.courses.isEmpty else { return run }
        let only: StoreSQL = groups.map { "AND groupID IN (\(StoreSQL.list($0.sorted())))" } ?? ""
        var courses: [MonitoringSummary.Course] = []
        try await db.forEach("SELECT code, title, provider, status FROM sweep_course WHERE runID = \(run.runID) \(only) ORDER BY position") { row in
            let status: String = try row["status"]
            guard let known = CourseStatus(rawValue: status) else {
                throw StoreError(location: "", reason: "the sweep \(run.runID) has a course with the unknown status \(status)")
            }
            courses.append(.init(code: try row["code"], title: try row["title"], status: known, provider: try row["provider"]))
        }
        run.monitoring = MonitoringSummary(rulePack: monitoring.rulePack, courses: courses, partners: monitoring.partners)
        return run
    }

    /// How many of the sweep `runID`'s courses have each status, counted from their rows (nil
    /// when it has none: an older sweep's courses are in its header).
    static func courseStatusCounts(_ runID: String, _ db: StoreConnection) async throws -> [CourseStatus: Int]? {
        var counts: [CourseStatus: Int] = [:]
        for row in try await db.rows("SELECT status, count(*) AS n FROM sweep_course WHERE runID = \(runID) GROUP BY status") {
            let status: String = try row["status"]
            guard let known = CourseStatus(rawValue: status) else {
                throw StoreError(location: "", reason: "the sweep \(runID) has a course with the unknown status \(status)")
            }
            counts[known] = try row["n"] as Int
        }
        return counts.isEmpty ? nil : counts
    }
}

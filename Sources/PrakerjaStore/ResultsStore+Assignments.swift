import Foundation
import PrakerjaConformance
import PrakerjaCuration

/// Who reviews a run's results: an institution's assessors or monitors, or one person.
public enum Assignee: Sendable, Equatable, CustomStringConvertible {
    case institution(String)
    case person(String)

    public var description: String {
        switch self {
        case .institution(let name): "institution \(name)"
        case .person(let login): login
        }
    }
}

/// A run given to reviewers by the admin.
public struct Assignment: Sendable, Equatable {
    public let runID: String
    public let assignee: Assignee
    public let assignedBy: String
    public let assignedAt: Date
}

/// Why a run could not be assigned.
public struct AssignmentError: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }
}

/// A result waiting for a person, as their queue lists it.
public struct ReviewTask: Sendable {
    /// Why it waits for this person.
    public enum Reason: String, Sendable, CaseIterable {
        /// Nobody reviewed it yet, and its run is assigned to them or their institution.
        case assigned
        /// A critical indicator another person reviewed: it needs a second reviewer who agrees.
        case secondOpinion
        /// Its reviewers disagree: the admin adjudicates.
        case disagreement
    }

    public let runID: String
    public let kind: RunResult.Kind
    public let subject: String
    /// The result's position in its run (the console's address of it).
    public let position: Int
    public let groupTitle: String
    public let checkID: String
    public let reason: Reason
    /// The reviews it has, oldest first.
    public let reviews: [Review]
}

extension ConsolePerson.Role {
    /// The role that reviews runs of `kind`: assessors judge assessments, monitors sweeps.
    public static func reviewer(of kind: RunResult.Kind) -> Self? {
        switch kind {
        case .assessment: .assessor
        case .monitoring: .monitor
        case .conformance, .client: nil
        }
    }
}

extension ResultsStore {
    /// Gives the run `runID` (an assessment or a monitoring sweep) to `assignee`: an institution
    /// with an active reviewer of the run's kind, or an active person of that role. A run has
    /// one assignment; assigning again replaces it. Recorded in the audit trail as `admin`'s.
    public func assign(_ runID: String, to assignee: Assignee, by admin: String, now: Date = Date()) async throws -> Assignment {
        let location = location
        do {
            return try await database.write { db in
                guard let row = try await db.row("SELECT kind FROM run WHERE id = \(runID)\(keyword: db.dialect.forUpdate)") else {
                    throw AssignmentError(description: "no run \(runID) in \(location)")
                }
                guard let kind = RunResult.Kind(rawValue: try row["kind"]), let role = ConsolePerson.Role.reviewer(of: kind) else {
                    throw AssignmentError(description: "the run \(runID) is not reviewed by people: only assessments and monitoring sweeps are")
                }
                let (institution, login): (String?, String?)
                switch assignee {
                case .institution(let name):
                    guard
                        try await db.row(
                            "SELECT 1 AS one FROM person WHERE institution = \(name) AND role = \(role.rawValue) AND NOT disabled") != nil
                    else {
                        throw AssignmentError(description: "\(name) has no active \(role.rawValue) to review the run \(runID)")
                    }
                    (institution, login) = (name, nil)
                case .person(let name):
                    guard try await db.row("SELECT 1 AS one FROM person WHERE login = \(name) AND role = \(role.rawValue) AND NOT disabled") != nil
                    else {
                        throw AssignmentError(description: "\(name) is not an active \(role.rawValue): they cannot review the run \(runID)")
                    }
                    (institution, login) = (nil, name)
                }
                try await db.execute("DELETE FROM assignment WHERE runID = \(runID)")
                try await db.execute(
                    """
                    INSERT INTO assignment (runID, institution, login, assignedBy, assignedAt)
                    VALUES (\(runID), \(institution), \(login), \(admin), \(now))
                    """)
                try await Self.audit(db, actor: admin, action: "assigned", runID: runID, detail: "to \(assignee)")
                return Assignment(runID: runID, assignee: assignee, assignedBy: admin, assignedAt: now)
            }
        } catch let error as AssignmentError {
            throw error
        } catch {
            throw StoreError(location: location, error)
        }
    }

    /// The assignment of the run `runID`, or nil.
    public func assignment(_ runID: String) async throws(StoreError) -> Assignment? {
        try await read { db in try await db.row("SELECT * FROM assignment WHERE runID = \(runID)").map(Self.assignment) }
    }

    static func assignment(_ row: StoreRow) throws -> Assignment {
        let login: String? = try row["login"], institution: String = try row["institution"] ?? ""
        return Assignment(
            runID: try row["runID"], assignee: login.map(Assignee.person) ?? .institution(institution), assignedBy: try row["assignedBy"],
            assignedAt: try row["assignedAt"])
    }

    /// The finished assessments and sweeps with results waiting for a person and nobody
    /// assigned, newest first, with how many results wait in each.
    public func unassigned(limit: Int = 100) async throws(StoreError) -> [(run: RunEntry, waiting: Int)] {
        try await read { db in
            try await Self.entries(
                """
                WHERE kind IN ('assessment', 'monitoring') AND status = 'finished' AND id NOT IN (SELECT runID FROM assignment)
                AND (counts IS NULL OR counts LIKE '%needsReview%')
                """, limit: limit, db
            ).compactMap { entry in entry.counts["needsReview"].map { (entry, $0) } }
        }
    }

    /// Assigns every unassigned run waiting for people (`unassigned`) to an institution with
    /// active reviewers of its kind, each to the one with the fewest results waiting among its
    /// runs (ties by name): the balanced share. Returns what it assigned.
    public func balance(by admin: String, now: Date = Date()) async throws -> [Assignment] {
        var load: [ConsolePerson.Role: [String: Int]] = [:]
        for person in try await people() where !person.disabled {
            guard let institution = person.institution else { continue }
            load[person.role, default: [:]][institution] = 0
        }
        for (institution, waiting) in try await waitingByInstitution() {
            for role in load.keys where load[role]![institution] != nil { load[role]![institution]! += waiting }
        }
        var made: [Assignment] = []
        for (run, waiting) in try await unassigned(limit: 10_000).reversed() {
            guard let role = ConsolePerson.Role.reviewer(of: run.kind), let institutions = load[role], !institutions.isEmpty else { continue }
            let least = institutions.min { ($0.value, $0.key) < ($1.value, $1.key) }!.key
            made.append(try await assign(run.id, to: .institution(least), by: admin, now: now))
            load[role]![least]! += waiting
        }
        return made
    }

    /// Results still waiting for a person in the runs assigned to each institution.
    private func waitingByInstitution() async throws(StoreError) -> [String: Int] {
        try await read { db in
            var waiting: [String: Int] = [:]
            for row in try await db.rows(
                """
                SELECT assignment.institution, count(*) AS n FROM assignment JOIN result ON result.runID = assignment.runID
                WHERE assignment.institution IS NOT NULL AND result.verdict = 'needsReview' AND \(Self.problemIndex)
                GROUP BY assignment.institution
                """)
            {
                waiting[try row["institution"]] = try row["n"]
            }
            return waiting
        }
    }

    /// The condition of the index of problems (`result_problem`), said again in a query so the
    /// database uses that index (neither SQLite nor PostgreSQL infers it from `verdict = ...`).
    static let problemIndex: StoreSQL = "result.verdict IN ('error', 'fail', 'needsReview', 'warn')"

    /// What waits for `person`, at most `limit` results: for an assessor or a monitor, the
    /// results nobody reviewed yet in runs of their kind assigned to them or their institution,
    /// then critical results another person reviewed that need a second reviewer (of another
    /// institution where the run's rule pack says so); for the admin, the results whose
    /// reviewers disagree. Results they reviewed themselves are not theirs to wait for.
    public func reviewQueue(for person: ConsolePerson, limit: Int = 200) async throws(StoreError) -> [ReviewTask] {
        let kind: RunResult.Kind? =
            switch person.role {
            case .assessor: .assessment
            case .monitor: .monitoring
            default: nil
            }
        guard kind != nil || person.role == .admin else { return [] }
        return try await read { db in
            var tasks: [ReviewTask] = []
            if let kind {
                for row in try await db.rows(
                    """
                    SELECT result.runID, result.position, result.groupTitle, result.checkID, run.subject
                    FROM assignment JOIN run ON run.id = assignment.runID JOIN result ON result.runID = assignment.runID
                    WHERE (assignment.login = \(person.login) OR assignment.institution = \(person.institution)) AND run.kind = \(kind.rawValue)
                    AND result.verdict = 'needsReview' AND \(Self.problemIndex)
                    AND NOT EXISTS (SELECT 1 FROM review WHERE review.resultID = result.id)
                    ORDER BY assignment.assignedAt, result.runID, result.position LIMIT \(limit)
                    """)
                {
                    tasks.append(try Self.task(row, kind: kind, reason: .assigned, reviews: []))
                }
            }
            // Results people reviewed that still wait: few, found from the reviews.
            let reviewed = try await db.rows(
                """
                SELECT result.id, result.runID, result.position, result.groupTitle, result.checkID, result.definition, run.kind, run.subject,
                       run.rulePack, CASE WHEN run.rulePack IS NULL THEN run.header END AS header
                FROM result JOIN run ON run.id = result.runID
                WHERE result.id IN (SELECT resultID FROM review) AND result.verdict = 'needsReview' AND \(Self.problemIndex)
                \(kind.map { kind -> StoreSQL in "AND run.kind = \(kind.rawValue)" } ?? "")
                ORDER BY result.runID, result.position
                """)
            guard !reviewed.isEmpty else { return tasks }
            var reviews: [Int64: [Review]] = [:]
            for row in try await db.rows(
                "SELECT resultID, \(Self.reviewColumns) FROM review WHERE resultID IN (\(StoreSQL.list(try reviewed.map { try $0["id"] as Int64 }))) ORDER BY id"
            ) {
                reviews[try row["resultID"], default: []].append(try Self.review(row))
            }
            var packs: [String: Bool] = [:]
            for row in reviewed where tasks.count < limit {
                let theirs = reviews[try row["id"]] ?? []
                let runID: String = try row["runID"]
                if packs[runID] == nil {
                    let name: String? = try row["rulePack"] ?? Self.decoder.decode(RunResult.self, from: try row["header"] as Data).rulePack?.id
                    packs[runID] = name.flatMap { try? RulePack.named($0) }?.secondReviewerFromAnotherInstitution ?? false
                }
                let definition = try Self.decoder.decode(CheckDefinition.self, from: try row["definition"] as Data)
                let critical = definition.tags.contains(IndicatorCatalogue.Gravity.critical.rawValue)
                let twoInstitutions = critical && packs[runID]!
                let rowKind = RunResult.Kind(rawValue: try row["kind"]) ?? .assessment
                if Review.disagree(theirs, needsSecondReviewer: critical, fromAnotherInstitution: twoInstitutions) {
                    if person.role == .admin { tasks.append(try Self.task(row, kind: rowKind, reason: .disagreement, reviews: theirs)) }
                } else if kind != nil, !theirs.contains(where: { $0.reviewer == person.login }),
                    !(twoInstitutions && theirs.contains { $0.institution != nil && $0.institution == person.institution })
                {
                    tasks.append(try Self.task(row, kind: rowKind, reason: .secondOpinion, reviews: theirs))
                }
            }
            return tasks
        }
    }

    private static func task(_ row: StoreRow, kind: RunResult.Kind, reason: ReviewTask.Reason, reviews: [Review]) throws -> ReviewTask {
        ReviewTask(
            runID: try row["runID"], kind: kind, subject: try row["subject"], position: try row["position"], groupTitle: try row["groupTitle"],
            checkID: try row["checkID"], reason: reason, reviews: reviews)
    }

    /// Why `person` may not review the result `resultID` of `run`, or nil when they may: the
    /// admin reviews anything; an assessor or a monitor reviews results of their kind of run,
    /// in a run assigned to them or their institution, or as the second reviewer of a result
    /// another person reviewed.
    static func refusal(_ person: ConsolePerson, run: RunResult, earlier: [Review], _ db: StoreConnection) async throws -> String? {
        if person.role == .admin { return nil }
        guard let role = ConsolePerson.Role.reviewer(of: run.kind), role == person.role else {
            return "\(person.role.named) does not review \(run.kind.rawValue) runs"
        }
        if earlier.contains(where: { $0.reviewer != person.login }) { return nil }
        let assigned = try await db.row(
            "SELECT 1 AS one FROM assignment WHERE runID = \(run.runID) AND (login = \(person.login) OR institution = \(person.institution))")
        return assigned == nil ? "the run \(run.runID) is not assigned to you or \(person.institution ?? "your institution")" : nil
    }
}

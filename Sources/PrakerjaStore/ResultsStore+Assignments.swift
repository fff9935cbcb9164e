import Foundation
import PrakerjaConformance
import PrakerjaCuration
import Synchronization

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
            return try await database.write { db in try await Self.assign(runID, to: assignee, by: admin, now: now, in: location, db) }
        } catch let error as AssignmentError {
            throw error
        } catch {
            throw StoreError(location: location, error)
        }
    }

    static func assign(
        _ runID: String, to assignee: Assignee, by admin: String, now: Date, in location: String, _ db: StoreConnection
    ) async throws
        -> Assignment
    {
        guard let row = try await db.row("SELECT kind FROM run WHERE id = \(runID)\(keyword: db.dialect.forUpdate)") else {
            throw AssignmentError(description: "no run \(runID) in \(location)")
        }
        guard let kind = RunResult.Kind(rawValue: try row["kind"]), let role = ConsolePerson.Role.reviewer(of: kind) else {
            throw AssignmentError(description: "the run \(runID) is not reviewed by people: only assessments and monitoring sweeps are")
        }
        let (institution, login): (String?, String?)
        switch assignee {
        case .institution(let name):
            // The institution as its people spell it.
            let spelled = try await db.rows("SELECT DISTINCT institution FROM person WHERE role = \(role.rawValue) AND NOT disabled").map {
                try $0["institution"] as String
            }.first { ConsolePerson.sameInstitution($0, name) }
            guard let spelled else { throw AssignmentError(description: "\(name) has no active \(role.rawValue) to review the run \(runID)") }
            (institution, login) = (spelled, nil)
        case .person(let name):
            guard try await db.row("SELECT 1 AS one FROM person WHERE login = \(name) AND role = \(role.rawValue) AND NOT disabled") != nil else {
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
        let assigned: Assignee = institution.map(Assignee.institution) ?? assignee
        try await Self.audit(db, actor: admin, action: "assigned", runID: runID, detail: "to \(assigned)")
        return Assignment(runID: runID, assignee: assigned, assignedBy: admin, assignedAt: now)
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
        try await read { db in try await Self.unassigned(limit: limit, db) }
    }

    static func unassigned(limit: Int, _ db: StoreConnection) async throws -> [(run: RunEntry, waiting: Int)] {
        try await entries(
            """
            WHERE kind IN ('assessment', 'monitoring') AND status = 'finished' AND id NOT IN (SELECT runID FROM assignment)
            AND (counts IS NULL OR counts LIKE '%needsReview%')
            """, limit: limit, db
        ).compactMap { entry in entry.counts["needsReview"].map { (entry, $0) } }
    }

    /// Assigns every unassigned run waiting for people (`unassigned`) to an institution with
    /// active reviewers of its kind, oldest first, each to the one with the fewest results
    /// waiting among its runs (ties by name): the balanced share. One sharing at a time (two
    /// admins pressing the button at once share once). Returns what it assigned.
    public func balance(by admin: String, now: Date = Date()) async throws -> [Assignment] {
        let location = location
        do {
            return try await database.write { db in
                try await db.serialize(Self.balanceLock)
                var load: [ConsolePerson.Role: [String: Int]] = [:]
                for person in try await db.rows("SELECT * FROM person WHERE NOT disabled").map(Self.person) {
                    guard let institution = person.institution else { continue }
                    load[person.role, default: [:]][institution] = 0
                }
                for (institution, waiting) in try await Self.waitingByInstitution(db) {
                    for role in load.keys where load[role]![institution] != nil { load[role]![institution]! += waiting }
                }
                var made: [Assignment] = []
                for (run, waiting) in try await Self.unassigned(limit: 10_000, db).reversed() {
                    guard let role = ConsolePerson.Role.reviewer(of: run.kind), let institutions = load[role], !institutions.isEmpty else { continue }
                    let least = institutions.min { ($0.value, $0.key) < ($1.value, $1.key) }!.key
                    made.append(try await Self.assign(run.id, to: .institution(least), by: admin, now: now, in: location, db))
                    load[role]![least]! += waiting
                }
                return made
            }
        } catch let error as AssignmentError {
            throw error
        } catch {
            throw StoreError(location: location, error)
        }
    }

    /// The advisory lock runs are shared out under, one sharing at a time across consoles
    /// (PostgreSQL; an SQLite history's writes are one at a time already): "PKRJ" and "BALA".
    static let balanceLock: Int64 = 0x504B_524A_4241_4C41

    /// Results still waiting for a person in the runs assigned to each institution.
    static func waitingByInstitution(_ db: StoreConnection) async throws -> [String: Int] {
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
                // Run by run in the order they were assigned; in a run, an indicator at a time
                // (the order of the index of problems: a sweep's 120,000 waiting results are
                // never sorted to show 200 of them).
                let assigned = try await db.rows(
                    """
                    SELECT run.id, run.subject FROM assignment JOIN run ON run.id = assignment.runID
                    WHERE (assignment.login = \(person.login) OR assignment.institution = \(person.institution)) AND run.kind = \(kind.rawValue)
                    ORDER BY assignment.assignedAt, run.id
                    """)
                for run in assigned where tasks.count < limit {
                    for row in try await db.rows(
                        """
                        SELECT result.runID, result.position, result.groupTitle, result.checkID, \(try run["subject"] as String) AS subject
                        FROM result WHERE result.runID = \(try run["id"] as String) AND result.verdict = 'needsReview' AND \(Self.problemIndex)
                        AND NOT EXISTS (SELECT 1 FROM review WHERE review.resultID = result.id)
                        ORDER BY result.checkID, result.id LIMIT \(limit - tasks.count)
                        """)
                    {
                        tasks.append(try Self.task(row, kind: kind, reason: .assigned, reviews: []))
                    }
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
                if packs[runID] == nil { packs[runID] = try Self.twoInstitutions(try row["rulePack"], header: try row["header"]) }
                let definition = try Self.decoder.decode(CheckDefinition.self, from: try row["definition"] as Data)
                let critical = definition.tags.contains(IndicatorCatalogue.Gravity.critical.rawValue)
                let twoInstitutions = critical && packs[runID]!
                let rowKind = RunResult.Kind(rawValue: try row["kind"]) ?? .assessment
                if Review.disagree(theirs, needsSecondReviewer: critical, fromAnotherInstitution: twoInstitutions) {
                    if person.role == .admin { tasks.append(try Self.task(row, kind: rowKind, reason: .disagreement, reviews: theirs)) }
                } else if kind != nil, critical, !theirs.contains(where: { $0.reviewer == person.login }),
                    !(twoInstitutions && theirs.contains { ConsolePerson.sameInstitution($0.institution, person.institution) })
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

    /// Why `person` may not give a verdict on the result at `position` of the run `runID` in the
    /// console, or nil when they may (`refusal`'s rules).
    public func reviewRefusal(for person: ConsolePerson, runID: String, position: Int) async throws(StoreError) -> String? {
        try await read { db in
            guard
                let run = try await db.row(
                    "SELECT kind, rulePack, CASE WHEN rulePack IS NULL THEN header END AS header FROM run WHERE id = \(runID)"),
                let kind = RunResult.Kind(rawValue: try run["kind"]),
                let result = try await db.row(
                    "SELECT id, verdict, definition, reviewable FROM result WHERE runID = \(runID) AND position = \(position)")
            else { return "the run \(runID) has no result \(position)" }
            guard try result["reviewable"] as Bool else { return "decided by the machine, not waiting for a person" }
            let earlier = try await db.rows("SELECT \(Self.reviewColumns) FROM review WHERE resultID = \(try result["id"] as Int64) ORDER BY id").map(
                Self.review)
            let critical = try Self.decoder.decode(CheckDefinition.self, from: try result["definition"] as Data).tags.contains(
                IndicatorCatalogue.Gravity.critical.rawValue)
            return try await Self.refusal(
                person, kind: kind, runID: runID, waiting: try result["verdict"] == Verdict.needsReview.rawValue, critical: critical,
                twoInstitutions: critical && Self.twoInstitutions(try run["rulePack"], header: try run["header"]), earlier: earlier, db)
        }
    }

    /// Keeps, with every assessment and sweep recorded before rule packs and providers were
    /// kept with their runs (migrations 11 and 13), the rule pack and the provider code its
    /// header names (`''` for none): the console's reviews and queues then never read a
    /// 20,000-course sweep's header to learn them, and a partner sees its provider's earlier
    /// assessments. The console calls it when it starts; nothing else needs it.
    public func keepRunColumns() async throws(StoreError) {
        let unkept: StoreSQL = "(rulePack IS NULL AND kind IN ('assessment', 'monitoring')) OR (provider IS NULL AND kind = 'assessment')"
        guard try await read({ db in try await db.row("SELECT id FROM run WHERE \(unkept) LIMIT 1") != nil }) else { return }
        try await write { db in
            for row in try await db.rows("SELECT id, header FROM run WHERE \(unkept)") {
                let header = try Self.decoder.decode(RunResult.self, from: try row["header"] as Data)
                try await db.execute(
                    """
                    UPDATE run SET rulePack = \(header.assessment?.rulePack ?? header.monitoring?.rulePack ?? ""), provider = \(header.providerCode)
                    WHERE id = \(try row["id"] as String)
                    """)
            }
        }
    }

    /// Whether the rule pack `name` (or, for a run listed before rule packs were kept with it,
    /// the one its `header` names) wants a critical indicator's two reviewers from two institutions.
    static func twoInstitutions(_ name: String?, header: Data?) throws -> Bool {
        let name =
            try name
            ?? header.flatMap { data in
                let run = try decoder.decode(RunResult.self, from: data)
                return run.assessment?.rulePack ?? run.monitoring?.rulePack
            }
        return name.map(twoInstitutions) ?? false
    }

    /// Whether the rule pack `name` wants two institutions, read from its file once per process
    /// (every result page and every verdict asks; a pack not found here wants none).
    static func twoInstitutions(_ name: String) -> Bool {
        if let known = rulePackFlags.withLock({ $0[name] }) { return known }
        let wanted = (try? RulePack.named(name))?.secondReviewerFromAnotherInstitution ?? false
        rulePackFlags.withLock { $0[name] = wanted }
        return wanted
    }

    private static let rulePackFlags = Mutex<[String: Bool]>([:])

    /// Why `person` may not give a verdict in the console on a result of the run `runID` (of
    /// `kind`), or nil when they may. The admin judges any result a person may judge (and
    /// adjudicates where reviewers disagree). An assessor judges assessments, a monitor sweeps,
    /// and only results still waiting (`waiting`) whose reviewers do not disagree (that is the
    /// admin's): in runs assigned to them or their institution, or, as its second reviewer, a
    /// critical result another person reviewed (of another institution than those who did,
    /// where `twoInstitutions`). What was decided is changed by the admin, or by a worksheet.
    static func refusal(
        _ person: ConsolePerson, kind: RunResult.Kind, runID: String, waiting: Bool, critical: Bool, twoInstitutions: Bool, earlier: [Review],
        _ db: StoreConnection
    ) async throws -> String? {
        if person.role == .admin { return nil }
        guard let role = ConsolePerson.Role.reviewer(of: kind), role == person.role else {
            return "\(person.role.named) does not review \(kind.rawValue) runs"
        }
        guard waiting else { return "already decided: only the admin changes it now" }
        if Review.disagree(earlier, needsSecondReviewer: critical, fromAnotherInstitution: twoInstitutions) {
            return "its reviewers disagree: the admin adjudicates"
        }
        let assigned = try await db.row(
            "SELECT 1 AS one FROM assignment WHERE runID = \(runID) AND (login = \(person.login) OR institution = \(person.institution))")
        if assigned != nil { return nil }
        let others = earlier.filter { $0.reviewer != person.login }
        if critical, !others.isEmpty, !earlier.contains(where: { $0.reviewer == person.login }) {
            if twoInstitutions, others.contains(where: { ConsolePerson.sameInstitution($0.institution, person.institution) }) {
                return "a second reviewer of another institution than \(person.institution ?? "yours") is wanted"
            }
            return nil
        }
        return "the run \(runID) is not assigned to you or \(person.institution ?? "your institution")"
    }
}

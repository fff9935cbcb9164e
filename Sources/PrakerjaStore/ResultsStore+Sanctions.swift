import Foundation
import PrakerjaCuration
import PrakerjaModels

extension ResultsStore {
    /// The sanctions (of `provider`, in `statuses`, when given), each with its steps, newest first.
    public func sanctions(provider: String? = nil, statuses: Set<Sanction.Status>? = nil) async throws(StoreError) -> [Sanction] {
        var conditions: [StoreSQL] = []
        if let provider { conditions.append("provider = \(provider)") }
        if let statuses { conditions.append("status IN (\(StoreSQL.list(statuses.map(\.rawValue).sorted())))") }
        let filter: StoreSQL = conditions.isEmpty ? "" : "WHERE \(StoreSQL.joined(conditions, separator: " AND "))"
        return try await read { db in
            var sanctions: [Sanction] = []
            for row in try await db.rows("SELECT * FROM sanction \(filter) ORDER BY openedAt DESC, id DESC") {
                sanctions.append(try await Self.sanction(row, db))
            }
            return sanctions
        }
    }

    /// The sanction `id`, or nil when there is none.
    public func sanction(_ id: String) async throws(StoreError) -> Sanction? {
        try await read { db in
            guard let row = try await db.row("SELECT * FROM sanction WHERE id = \(id)") else { return nil }
            return try await Self.sanction(row, db)
        }
    }

    /// Records what a sweep's review of its courses changed, in one transaction, and returns the
    /// sanctions as recorded (the opened ones with their ids). A course that got an open
    /// sanction meanwhile (another sweep's) is not given a second; a sanction a person stepped
    /// meanwhile is left for the next sweep to re-check.
    public func record(_ review: SanctionLadder.Review, now: Date = Date()) async throws(StoreError) -> [Sanction] {
        guard !review.isEmpty else { return [] }
        return try await write { db in
            try await db.serialize(Self.sanctionLock)
            var recorded: [Sanction] = []
            let year = now.jakarta("yyyy")
            var count = try await db.row("SELECT count(*) AS n FROM sanction WHERE id LIKE \("S-\(year)-%")").map { try $0["n"] as Int } ?? 0
            for opened in review.opened {
                guard try await db.row("SELECT id FROM sanction WHERE course = \(opened.course) AND status = 'open'") == nil else { continue }
                count += 1
                let id = "S-\(year)-" + String(format: "%04d", count)
                try await db.execute(
                    """
                    INSERT INTO sanction (id, course, title, provider, rulePack, level, status, deadline, indicators, openedAt, updatedAt)
                    VALUES (\(id), \(opened.course), \(opened.title), \(opened.provider), \(opened.rulePack), \(opened.level.rawValue),
                            \(opened.status.rawValue), \(opened.deadline?.description), \(opened.indicators.joined(separator: ",")), \(opened.openedAt), \(now))
                    """)
                let sanction = Sanction(
                    id: id, course: opened.course, title: opened.title, provider: opened.provider, rulePack: opened.rulePack, level: opened.level,
                    status: opened.status, deadline: opened.deadline, indicators: opened.indicators, steps: opened.steps)
                try await Self.insertSteps(of: sanction, from: 0, db)
                recorded.append(sanction)
            }
            for stepped in review.stepped {
                guard let row = try await db.row("SELECT * FROM sanction WHERE id = \(stepped.id)\(keyword: db.dialect.forUpdate)") else { continue }
                let stored = try await Self.sanction(row, db)
                guard stored.steps.count == stepped.steps.count - 1, stored.status == .open else { continue }
                try await Self.update(stepped, after: stored.steps.count, now: now, db)
                recorded.append(stepped)
            }
            return recorded
        }
    }

    /// Applies a person's `decide` to the sanction `id` under a lock (a sanction another person is
    /// deciding on waits), recording the steps it adds; a refusal (`SanctionRefusal`) changes nothing.
    public func decideSanction(_ id: String, now: Date = Date(), _ decide: @Sendable (Sanction) throws -> Sanction) async throws -> Sanction {
        do {
            return try await database.write { db in
                guard let row = try await db.row("SELECT * FROM sanction WHERE id = \(id)\(keyword: db.dialect.forUpdate)") else {
                    throw SanctionRefusal(.noSuchSanction, sanction: id)
                }
                let stored = try await Self.sanction(row, db)
                let decided = try decide(stored)
                try await Self.update(decided, after: stored.steps.count, now: now, db)
                return decided
            }
        } catch let refusal as SanctionRefusal {
            throw refusal
        } catch {
            throw StoreError(location: location, error)
        }
    }

    /// The advisory lock sanctions are numbered and recorded under: "PKRJ" and "SANC".
    static let sanctionLock: Int64 = 0x504B_524A_5341_4E43

    /// Writes the steps `sanction` took after its first `known`, and where it now stands; each step audited.
    private static func update(_ sanction: Sanction, after known: Int, now: Date, _ db: StoreConnection) async throws {
        try await db.execute(
            """
            UPDATE sanction SET level = \(sanction.level.rawValue), status = \(sanction.status.rawValue), deadline = \(sanction.deadline?.description),
                indicators = \(sanction.indicators.joined(separator: ",")), updatedAt = \(now)
            WHERE id = \(sanction.id)
            """)
        try await insertSteps(of: sanction, from: known, db)
    }

    private static func insertSteps(of sanction: Sanction, from known: Int, _ db: StoreConnection) async throws {
        for (seq, step) in sanction.steps.enumerated().dropFirst(known) {
            try await db.execute(
                """
                INSERT INTO sanction_step (sanctionID, seq, at, action, level, deadline, runID, indicators, note, decidedBy)
                VALUES (\(sanction.id), \(seq), \(step.at), \(step.action.rawValue), \(step.level.rawValue), \(step.deadline?.description),
                        \(step.runID), \(step.indicators.joined(separator: ",")), \(step.note), \(step.by))
                """)
            try await audit(
                db, actor: step.by, action: "sanction.\(step.action.rawValue)", runID: step.runID ?? "", result: sanction.id,
                detail: "\(sanction.course) \(step.level.rawValue): \(step.note)")
        }
    }

    static func sanction(_ row: StoreRow, _ db: StoreConnection) async throws -> Sanction {
        let id: String = try row["id"]
        let steps = try await db.rows("SELECT * FROM sanction_step WHERE sanctionID = \(id) ORDER BY seq").map { step in
            Sanction.Step(
                at: try step["at"], action: Sanction.Step.Action(rawValue: try step["action"]) ?? .rechecked,
                level: Sanction.Level(rawValue: try step["level"]) ?? .warning, deadline: try Self.day(try step["deadline"]),
                runID: try step["runID"], indicators: ids(try step["indicators"]), note: try step["note"], by: try step["decidedBy"])
        }
        return Sanction(
            id: id, course: try row["course"], title: try row["title"], provider: try row["provider"], rulePack: try row["rulePack"],
            level: Sanction.Level(rawValue: try row["level"]) ?? .warning, status: Sanction.Status(rawValue: try row["status"]) ?? .open,
            deadline: try Self.day(try row["deadline"]), indicators: ids(try row["indicators"]), steps: steps)
    }

    private static func ids(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }

    private static func day(_ text: String?) throws -> CalendarDate? { try text.map { try CalendarDate($0) } }
}

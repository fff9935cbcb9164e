import Foundation
import PrakerjaConformance
import PrakerjaModels

/// A waiver as the console keeps it: proposed by one person, approved or rejected by another
/// (the program's admin), live until its last day and then expired. Approved waivers are what
/// runs are judged with (`prakerja waivers export` writes them as the file `--waivers` reads).
public struct WaiverRequest: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case proposed, approved, rejected
    }

    public let id: String
    /// The check or indicator it lets fail.
    public let check: String
    /// The partner it is about (nil: every partner).
    public let partner: String?
    public let reason: String
    /// Its last day (Jakarta time), inclusive.
    public let expires: CalendarDate
    public let proposedBy: String
    public let proposedAt: Date
    public let status: Status
    public let decidedBy: String?
    public let decidedAt: Date?
    public let decisionNote: String?

    /// What a waiver is on a day: approved and not past its last day, proposed and waiting,
    /// rejected, or past its last day (approved or not).
    public enum State: String, Sendable { case live, proposed, rejected, expired }

    /// Its state on `day`.
    public func state(on day: CalendarDate) -> State {
        switch status {
        case .rejected: .rejected
        case _ where day > expires: .expired
        case .approved: .live
        case .proposed: .proposed
        }
    }

    /// The waiver a run is judged with: its owner the person who approved it.
    public var waiver: Waivers.Waiver {
        Waivers.Waiver(id: id, check: check, partner: partner, reason: reason, owner: decidedBy ?? proposedBy, expires: expires.description)
    }

    /// The longest a waiver may run: a failure is excused for a while, not for good.
    public static let longest = 366
}

/// Why a waiver was not proposed or decided.
public struct WaiverRefusal: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }
}

extension ResultsStore {
    /// Proposes a waiver of `check` (for `partner`, or every partner) until `expires`, by `login`.
    /// Refused without a check, a reason, or with a last day past or more than a year away.
    public func proposeWaiver(
        check: String, partner: String?, reason: String, expires: CalendarDate, by login: String, now: Date = Date()
    ) async throws -> WaiverRequest {
        let check = check.trimmingCharacters(in: .whitespaces), reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let today = CalendarDate(now)
        var problems: [String] = []
        if check.isEmpty || check.count > 100 || !check.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) {
            problems.append("a waiver names the check or indicator it excuses (letters, digits, '.', '_', '-')")
        }
        if reason.isEmpty { problems.append("a waiver says why: the reason is empty") }
        if expires < today { problems.append("its last day \(expires) is past") }
        if expires.dayNumber - today.dayNumber > WaiverRequest.longest {
            problems.append("its last day \(expires) is more than \(WaiverRequest.longest) days away: a waiver expires")
        }
        guard problems.isEmpty else { throw WaiverRefusal(description: problems.joined(separator: "; ")) }
        return try await write { db in
            // Numbered in the order proposed, one proposal at a time across consoles.
            try await db.serialize(Self.waiverLock)
            let year = now.jakarta("yyyy")
            let count = try await db.row("SELECT count(*) AS n FROM waiver_request WHERE id LIKE \("W-\(year)-%")").map { try $0["n"] as Int } ?? 0
            let id = "W-\(year)-" + String(format: "%04d", count + 1)
            try await db.execute(
                """
                INSERT INTO waiver_request (id, checkID, partner, reason, expires, proposedBy, proposedAt, status)
                VALUES (\(id), \(check), \(partner), \(reason), \(expires.description), \(login), \(now), 'proposed')
                """)
            try await Self.audit(
                db, actor: login, action: "waiver.proposed", runID: "", result: id,
                detail: "\(check) for \(partner ?? "every partner") until \(expires): \(reason)")
            return try await Self.waiverRequest(id, db)
        }
    }

    /// The advisory lock waivers are numbered under: "PKRJ" and "WAIV".
    static let waiverLock: Int64 = 0x504B_524A_5741_4956

    static func waiverRequest(_ id: String, _ db: StoreConnection) async throws -> WaiverRequest {
        guard let row = try await db.row("SELECT * FROM waiver_request WHERE id = \(id)") else {
            throw WaiverRefusal(description: "there is no waiver \(id)")
        }
        return try waiverRequest(row)
    }

    /// Approves or rejects the proposed waiver `id` as `login`: never the person who proposed it.
    public func decideWaiver(_ id: String, approve: Bool, note: String, by login: String, now: Date = Date()) async throws -> WaiverRequest {
        do {
            return try await database.write { db in
                guard let row = try await db.row("SELECT * FROM waiver_request WHERE id = \(id)\(keyword: db.dialect.forUpdate)") else {
                    throw WaiverRefusal(description: "there is no waiver \(id)")
                }
                let request = try Self.waiverRequest(row)
                guard request.status == .proposed else { throw WaiverRefusal(description: "\(id) was \(request.status.rawValue) already") }
                guard request.proposedBy != login else {
                    throw WaiverRefusal(description: "\(id) was proposed by you: another person approves or rejects it")
                }
                let status: WaiverRequest.Status = approve ? .approved : .rejected
                try await db.execute(
                    """
                    UPDATE waiver_request SET status = \(status.rawValue), decidedBy = \(login), decidedAt = \(now), decisionNote = \(note)
                    WHERE id = \(id)
                    """)
                try await Self.audit(db, actor: login, action: "waiver.\(status.rawValue)", runID: "", result: id, detail: note)
                return try await Self.waiverRequest(id, db)
            }
        } catch let refusal as WaiverRefusal {
            throw refusal
        } catch {
            throw StoreError(location: location, error)
        }
    }

    /// Every waiver (of `partner` and those of every partner, when given), newest first.
    public func waiverRequests(partner: String? = nil) async throws(StoreError) -> [WaiverRequest] {
        let only: StoreSQL = partner.map { "WHERE partner = \($0) OR partner IS NULL" } ?? ""
        return try await read { db in
            try await db.rows("SELECT * FROM waiver_request \(only) ORDER BY proposedAt DESC, id DESC").map(Self.waiverRequest)
        }
    }

    /// The approved waivers not past their last day on `day`: what runs are judged with.
    public func liveWaivers(on day: CalendarDate) async throws(StoreError) -> Waivers {
        Waivers(try await waiverRequests().filter { $0.state(on: day) == .live }.sorted { $0.id < $1.id }.map(\.waiver))
    }

    static func waiverRequest(_ row: StoreRow) throws -> WaiverRequest {
        WaiverRequest(
            id: try row["id"], check: try row["checkID"], partner: try row["partner"], reason: try row["reason"],
            expires: try CalendarDate(try row["expires"] as String), proposedBy: try row["proposedBy"], proposedAt: try row["proposedAt"],
            status: WaiverRequest.Status(rawValue: try row["status"]) ?? .proposed, decidedBy: try row["decidedBy"],
            decidedAt: try row["decidedAt"], decisionNote: try row["decisionNote"])
    }
}

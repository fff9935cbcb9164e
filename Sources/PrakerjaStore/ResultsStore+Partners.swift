import Foundation
import PrakerjaConformance

/// A partner as the program's admin registered it: the one base URL its runs may reach, the
/// config (with its secrets) kept on the machines that run them, a training provider's code
/// (its proposals are the partner's), and how many runs its own users may start a day.
public struct RegisteredPartner: Sendable, Codable, Equatable {
    /// Its runs' subject: its config's name.
    public let name: String
    /// Its config's role (training-provider, digital-platform, payment-partner, job-portal).
    public let role: String
    /// The only base URL a run its users start may reach: its config's, checked when the run is
    /// queued and again when a worker takes it.
    public let baseURL: String
    /// The config file's path on the console's and the workers' machines.
    public let config: String
    /// A training provider's code as its proposals name it.
    public let provider: String?
    /// How many runs its users may start in any 24 hours.
    public let dailyRuns: Int
    public let registeredBy: String
    public let registeredAt: Date

    /// The values as given.
    public init(
        name: String, role: String, baseURL: String, config: String, provider: String?, dailyRuns: Int, registeredBy: String,
        registeredAt: Date
    ) {
        (self.name, self.role, self.baseURL, self.config, self.provider) = (name, role, baseURL, config, provider)
        (self.dailyRuns, self.registeredBy, self.registeredAt) = (dailyRuns, registeredBy, registeredAt)
    }

    /// The most runs a day an admin may allow a partner.
    public static let dailyRunsLimit = 100

    /// How many proposals a partner's users may submit in any 24 hours.
    public static let dailyProposals = 50
}

/// Why a partner's user may not start a run or submit a proposal now.
public enum PartnerRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The admin has not registered the partner (or its user belongs to none).
    case notRegistered(String)
    /// A run it started is still queued or running.
    case alreadyRunning(String)
    /// It started `limit` runs in the last 24 hours; the next may start at `next`.
    case quotaReached(limit: Int, next: Date)
    /// Its users submitted `limit` proposals in the last 24 hours.
    case proposalsReached(limit: Int)

    public var description: String {
        switch self {
        case .notRegistered(let partner): "\(partner) is not registered: the program's admin registers a partner's base URL first"
        case .alreadyRunning(let sweep): "a run you started (\(sweep)) is still going: one run at a time"
        case .quotaReached(let limit, let next):
            "\(limit) runs in 24 hours is your limit: the next may start after \(ISO8601DateFormatter().string(from: next))"
        case .proposalsReached(let limit): "\(limit) proposals in 24 hours is your limit: try again later"
        }
    }
}

extension ResultsStore {
    /// Registers `partner` (or changes its registration), in the audit trail. Its earlier
    /// assessments of its provider code become its own.
    public func register(_ partner: RegisteredPartner) async throws(StoreError) {
        let location = location
        try await write { db in
            if let provider = partner.provider,
                let other = try await db.row("SELECT name FROM partner WHERE provider = \(provider) AND name != \(partner.name)")
            {
                throw StoreError(location: location, reason: "the provider code \(provider) is registered to \(try other["name"] as String)")
            }
            try await db.execute("DELETE FROM partner WHERE name = \(partner.name)")
            try await db.execute(
                """
                INSERT INTO partner (name, role, baseURL, config, provider, dailyRuns, registeredBy, registeredAt)
                VALUES (\(partner.name), \(partner.role), \(partner.baseURL), \(partner.config), \(partner.provider), \(partner.dailyRuns),
                        \(partner.registeredBy), \(partner.registeredAt))
                """)
            try await Self.audit(
                db, actor: partner.registeredBy, action: "partner.registered", runID: "", result: partner.name,
                detail: "\(partner.role) at \(partner.baseURL)" + (partner.provider.map { ", provider \($0)" } ?? "")
                    + ", \(partner.dailyRuns) runs a day")
        }
    }

    /// Every registered partner, by name.
    public func partners() async throws(StoreError) -> [RegisteredPartner] {
        try await read { db in try await db.rows("SELECT * FROM partner ORDER BY name").map(Self.partner) }
    }

    /// The partner registered as `name`, or nil.
    public func partner(_ name: String) async throws(StoreError) -> RegisteredPartner? {
        try await read { db in try await db.row("SELECT * FROM partner WHERE name = \(name)").map(Self.partner) }
    }

    static func partner(_ row: StoreRow) throws -> RegisteredPartner {
        RegisteredPartner(
            name: try row["name"], role: try row["role"], baseURL: try row["baseURL"], config: try row["config"], provider: try row["provider"],
            dailyRuns: try row["dailyRuns"], registeredBy: try row["registeredBy"], registeredAt: try row["registeredAt"])
    }

    /// Queues the conformance run a user of `partner` starts: one item, the registered config,
    /// which a worker runs against the registered base URL only (`Sweep.partnerPlan`). Refused
    /// when the partner is not registered, when a run it started is still queued or running, or
    /// when it started its daily number in the last 24 hours; the checks and the queueing are
    /// one transaction under the partner's row, so two clicks at once queue one run.
    public func startPartnerRun(
        _ partner: String, by login: String, id: String, now: Date = Date()
    ) async throws -> String {
        do {
            return try await database.write { db in
                guard let standing = try await Self.standing(partner, now: now, db, locking: true) else {
                    throw PartnerRefusal.notRegistered(partner)
                }
                if let refusal = standing.refusal { throw refusal }
                let registered = standing.partner
                try await Self.queue(
                    db, id: id, kind: .conformance, plan: Sweep.partnerPlan(partner, config: registered.config), items: [registered.config],
                    feeds: [:], now: now,
                    partner: partner, actor: login)
                return id
            }
        } catch let refusal as PartnerRefusal {
            throw refusal
        } catch {
            throw StoreError(location: location, error)
        }
    }

    /// Records the assessment `run` of a proposal `login`, a user of `partner`, uploaded, unless
    /// its users submitted `RegisteredPartner.dailyProposals` in the last 24 hours: the count and
    /// the recording are one transaction under the partner's row, so uploads at once never pass
    /// the number together.
    public func submitProposal(_ run: RunResult, by login: String, partner: String, now: Date = Date()) async throws {
        do {
            try await database.write { db in
                guard try await Self.standing(partner, now: now, db, locking: true) != nil else { throw PartnerRefusal.notRegistered(partner) }
                let submitted =
                    try await db.row(
                        """
                        SELECT count(*) AS n FROM audit JOIN person ON person.login = audit.actor
                        WHERE audit.action = 'proposal.submitted' AND person.partner = \(partner) AND audit.at > \(now.addingTimeInterval(-24 * 3_600))
                        """
                    ).map { try $0["n"] as Int } ?? 0
                guard submitted < RegisteredPartner.dailyProposals else {
                    throw PartnerRefusal.proposalsReached(limit: RegisteredPartner.dailyProposals)
                }
                try await Self.insertHeader(run, db)
                try await Self.audit(
                    db, actor: login, action: "proposal.submitted", runID: run.runID, detail: "\(run.kind.rawValue) of \(run.subject)")
                try await Self.finish(run, waivers: nil, db)
            }
        } catch let refusal as PartnerRefusal {
            throw refusal
        } catch {
            throw StoreError(location: location, error)
        }
    }
}

/// What a partner's page shows: its registration, the run its users started that is still
/// going, and when they started runs in the last 24 hours.
public struct PartnerStanding: Sendable {
    public let partner: RegisteredPartner
    /// The sweep of the run still queued or running, if any.
    public let running: String?
    /// When its users started runs in the last 24 hours, oldest first.
    public let started: [Date]

    /// Why a new run may not start now, or nil when it may.
    public var refusal: PartnerRefusal? {
        if let running { return .alreadyRunning(running) }
        guard started.count >= partner.dailyRuns else { return nil }
        return .quotaReached(limit: partner.dailyRuns, next: started[started.count - partner.dailyRuns].addingTimeInterval(24 * 3_600))
    }
}

extension ResultsStore {
    /// `name`'s registration and its runs started from the console, or nil when it is not registered.
    public func partnerStanding(_ name: String, now: Date = Date()) async throws(StoreError) -> PartnerStanding? {
        try await read { db in try await Self.standing(name, now: now, db, locking: false) }
    }

    /// `name`'s standing in `db`, its registration's row locked for the transaction when `locking`.
    static func standing(_ name: String, now: Date, _ db: StoreConnection, locking: Bool) async throws -> PartnerStanding? {
        let lock: StoreSQL = locking ? "\(keyword: db.dialect.forUpdate)" : ""
        guard let row = try await db.row("SELECT * FROM partner WHERE name = \(name)\(lock)") else { return nil }
        let running = try await db.row("SELECT id FROM sweep WHERE partner = \(name) AND status = 'running' LIMIT 1")
        let started = try await db.rows(
            "SELECT createdAt FROM sweep WHERE partner = \(name) AND createdAt > \(now.addingTimeInterval(-24 * 3_600)) ORDER BY createdAt")
        return PartnerStanding(partner: try partner(row), running: try running.map { try $0["id"] }, started: try started.map { try $0["createdAt"] })
    }

    /// The condition that keeps the runs of the partner `name`: those of its name (its
    /// conformance and client runs) and the assessments of its registered provider code.
    static func ofPartner(_ name: String) -> StoreSQL {
        "(subject = \(name) OR provider IN (SELECT provider FROM partner WHERE name = \(name) AND provider IS NOT NULL))"
    }
}

import Foundation

/// A sweep: one piece of work (every partner's suite, or every approved course's monitoring)
/// split into items that any number of workers, on any number of machines, take from the
/// history's queue until none is left. It has one id; a monitoring sweep's results are the run
/// of the same id.
public struct Sweep: Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case conformance, monitoring }
    public enum Status: String, Sendable, Codable { case running, finished }

    public let id: String
    public let kind: Kind
    /// What every worker needs to do an item: the arguments the sweep was started with.
    public let plan: [String]
    public let status: Status
    public let createdAt: Date
    public let finishedAt: Date?
    /// Every item, in the order they were queued (the finishing item last).
    public let items: [SweepItem]

    /// Items by status.
    public var counts: [SweepItem.Status: Int] { Dictionary(grouping: items, by: \.status).mapValues(\.count) }

    /// The plan of a conformance run a registered partner's user starts (`prakerja worker`
    /// reads it as `sweep conformance` arguments): its one item is the registered config, and
    /// `--partner` has the worker check it against the registration before anything is sent.
    public static func partnerPlan(_ partner: String, config: String) -> [String] {
        ["--configs", URL(fileURLWithPath: config).deletingLastPathComponent().path, "--partner", partner]
    }
}

/// One item of a sweep's queue: a partner's config, a range of courses, or the sweep's finish.
public struct SweepItem: Sendable, Codable {
    /// Waiting to be taken; running under a worker's lease; done; failed after `maxAttempts`.
    public enum Status: String, Sendable, Codable, CaseIterable { case waiting, running, done, failed }

    /// The key of the item every sweep ends with: it can be taken only when every other item is
    /// done or failed, and finishes the sweep (a monitoring sweep's summary and reports).
    public static let finish = "~finish"

    /// How many times an item is taken before it is given up as failed: a worker that dies (its
    /// lease runs out) or fails on it gives it back until then.
    public static let maxAttempts = 3

    public let sweepID: String
    public let key: String
    public let status: Status
    public let attempts: Int
    /// `pid@host` of the worker that holds it, or last held it.
    public let owner: String?
    public let leaseUntil: Date?
    /// The run its results are in.
    public let runID: String?
    public let exitCode: Int32?
    public let error: String?
    public let finishedAt: Date?
}

/// An item a worker holds under a lease until it completes it, fails it, or the lease runs out.
public struct SweepClaim: Sendable {
    public let sweep: Sweep
    public let item: SweepItem
    /// Who holds it: `pid@host` and a number unique in the process, so two workers of one process
    /// never mistake each other's lease.
    public let owner: String
}

import Foundation
import PrakerjaModels
import PrakerjaSchema

/// Accepted exceptions, from a YAML file: each lets one check (or indicator) fail for one partner
/// (or every partner) until it expires, for a stated reason, on someone's authority.
///
/// ```yaml
/// waivers:
///   - id: W-2026-001
///     check: payment.latency.objective
///     partner: Reference payment partner   # optional: every partner when left out
///     reason: The staging host is shared until the December migration.
///     owner: kurasi@prakerja.example.id
///     expires: 2026-12-31
/// ```
/// A live waiver turns the check's `fail` into a `warn` naming the waiver; an expired one no
/// longer applies; a waiver on a check that did not fail is reported as stale.
public struct Waivers: Sendable {
    public struct Waiver: Sendable, Codable, Hashable {
        public let id: String
        public let check: String
        public let partner: String?
        public let reason: String
        public let owner: String
        public let expires: String

        public init(id: String, check: String, partner: String?, reason: String, owner: String, expires: String) {
            self.id = id
            self.check = check
            self.partner = partner
            self.reason = reason
            self.owner = owner
            self.expires = expires
        }

        /// The last day it applies (Jakarta time), inclusive.
        var lastDay: CalendarDate? { try? CalendarDate(expires) }

        func isLive(on day: CalendarDate) -> Bool { lastDay.map { day <= $0 } ?? false }

        /// Whether it is about `partner` (a waiver without a partner is about every partner).
        func covers(_ partner: String) -> Bool { self.partner == nil || self.partner == partner }
    }

    /// The live waiver that excuses `check` failing for `partner` on `day`, if there is one.
    public func live(for check: String, partner: String, on day: CalendarDate) -> Waiver? {
        waivers.first { $0.check == check && $0.covers(partner) && $0.isLive(on: day) }
    }

    public struct LoadError: Error, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    public let waivers: [Waiver]

    public init(_ waivers: [Waiver]) { self.waivers = waivers }

    /// Reads and checks a waiver file: every field present, ids unique, expiry a date.
    public static func load(_ path: String) throws(LoadError) -> Waivers {
        let waivers: [Waiver]
        do { waivers = try DataFile.decode([Waiver].self, from: path, key: "waivers") } catch { throw LoadError(file: path, reason: error.reason) }
        var seen: Set<String> = []
        for (index, waiver) in waivers.enumerated() {
            guard seen.insert(waiver.id).inserted else { throw LoadError(file: path, reason: "waivers[\(index)]: the id \(waiver.id) appears twice") }
            guard waiver.lastDay != nil else {
                throw LoadError(file: path, reason: "waivers[\(index)].expires: \(waiver.expires) is not a date like 2026-12-31")
            }
            for (name, value) in [("reason", waiver.reason), ("owner", waiver.owner), ("check", waiver.check)]
            where value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw LoadError(file: path, reason: "waivers[\(index)].\(name) is empty: a waiver must say what, why and on whose authority")
            }
        }
        return Waivers(waivers)
    }

    /// Applies the waivers to `run` on `day`: live ones matching a failed check turn it into a
    /// warning naming the waiver; the run records which applied, which expired, which are stale.
    public func apply(to run: inout RunResult, on day: CalendarDate) {
        var application = application(to: run.target.name, on: day)
        guard !application.waivers.isEmpty else { return run.waivers = application.outcome }
        for suite in run.suites.indices {
            for group in run.suites[suite].groups.indices { application.apply(to: &run.suites[suite].groups[group]) }
            run.suites[suite].verdict = Verdict.rollUp(run.suites[suite].groups.map(\.verdict))
        }
        run.waivers = application.outcome
    }

    /// The waivers about `partner` on `day`, to apply a group at a time (a run too large to hold).
    public func application(to partner: String, on day: CalendarDate) -> Application {
        Application(waivers: waivers.filter { $0.covers(partner) }, day: day)
    }

    /// Waivers being applied to a run's groups one after another; what they did, once all came.
    public struct Application: Sendable {
        let waivers: [Waiver]
        let day: CalendarDate
        /// Waivers whose check the run has, and those whose check failed.
        private var matched: Set<String> = [], failing: Set<String> = []

        init(waivers: [Waiver], day: CalendarDate) {
            self.waivers = waivers
            self.day = day
        }

        /// Waives the group's failed checks a live waiver covers (its verdict rolled up again);
        /// the indices of the checks it changed.
        @discardableResult
        public mutating func apply(to group: inout GroupResult) -> [Int] {
            guard !waivers.isEmpty else { return [] }
            var changed: [Int] = []
            for waiver in waivers {
                for index in group.checks.indices where group.checks[index].check.id == waiver.check {
                    matched.insert(waiver.id)
                    let result = group.checks[index]
                    guard result.verdict == .fail || result.proposed == .fail else { continue }
                    failing.insert(waiver.id)
                    guard waiver.isLive(on: day) else { continue }
                    var waived = result
                    waived.verdict = .warn
                    waived.fault = nil
                    waived.proposed = nil
                    waived.message =
                        "waived by \(waiver.id) until \(waiver.expires) (\(waiver.owner): \(waiver.reason)); it failed: \(result.message)"
                    group.checks[index] = waived
                    changed.append(index)
                }
            }
            group.verdict = Verdict.rollUp(group.checks.map(\.verdict))
            return changed
        }

        /// Which waivers applied, which had expired, which are stale (their check did not fail).
        public var outcome: RunResult.WaiverOutcome {
            var applied: [String] = [], expired: [String] = [], stale: [String] = []
            for waiver in waivers {
                if !waiver.isLive(on: day) {
                    expired.append(waiver.id)
                } else if failing.contains(waiver.id) {
                    applied.append(waiver.id)
                } else if matched.contains(waiver.id) {
                    stale.append(waiver.id)
                }
            }
            return RunResult.WaiverOutcome(applied: applied, expired: expired, stale: stale)
        }
    }
}

extension RunResult.WaiverOutcome {
    /// One line for reports: what applied, what expired, what is stale.
    public var summary: String {
        [("applied", applied), ("expired, no longer applying", expired), ("stale, their check did not fail", stale)]
            .filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1.joined(separator: ", "))" }.joined(separator: "; ")
    }
}

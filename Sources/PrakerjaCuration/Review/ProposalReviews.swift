import Foundation
import PrakerjaConformance

/// Reviewers' verdicts written down ahead, by proposal and indicator rather than by run (which a
/// run id cannot be before the run exists): what `prakerja demo` imports for its curators
/// (`Conformance/fixtures/reviews/demo.yaml`). `worksheet(for:)` turns them into the worksheet
/// `prakerja review import` reads, so they land through the one import.
public struct ProposalReviews: Sendable, Decodable {
    /// One reviewer's verdict on one indicator of one proposal.
    public struct Entry: Sendable, Decodable {
        /// The proposal's id (`PRP-REFLP01-2026-0001`).
        public let proposal: String
        /// The indicator's id (`A-CO-08`).
        public let indicator: String
        /// Who decided.
        public let reviewer: String
        /// Their institution (a rule pack may want a critical indicator's two from two).
        public let institution: String?
        /// pass, fail or notApplicable.
        public let verdict: String
        /// Why.
        public let note: String
    }

    /// Every verdict, in the file's order.
    public let reviews: [Entry]
    /// The file they were read from.
    public private(set) var source = ""

    enum CodingKeys: String, CodingKey {
        case reviews
    }

    /// Reads the file; a malformed one is refused with the reason.
    public static func load(_ path: String) throws(ConfigError) -> ProposalReviews {
        do {
            var loaded = try DataFile.decode(ProposalReviews.self, from: path)
            loaded.source = path
            return loaded
        } catch {
            throw ConfigError(file: path, key: "reviews", reason: error.reason)
        }
    }

    /// The worksheet rows for `runs` (assessments): each entry on the run of its proposal, at its
    /// indicator's result. An entry whose proposal or indicator no run has is named in the error.
    public func worksheet(for runs: [RunResult], reviewedAt: Date) throws(ConfigError) -> ReviewWorksheet {
        let byProposal = Dictionary(runs.compactMap { run in run.assessment.map { ($0.proposalID, run) } }, uniquingKeysWith: { _, last in last })
        let at = ISO8601DateFormatter().string(from: reviewedAt)
        var rows: [ReviewWorksheet.Row] = []
        for entry in reviews {
            guard let run = byProposal[entry.proposal] else {
                throw ConfigError(file: source, key: "reviews", reason: "\(entry.proposal): no assessment of that proposal was run")
            }
            guard let key = run.positions.keys.first(where: { $0.hasSuffix("/\(entry.indicator)") }) else {
                throw ConfigError(file: source, key: "reviews", reason: "\(entry.proposal): no indicator \(entry.indicator)")
            }
            rows.append(
                ReviewWorksheet.Row(
                    run: run.runID, result: key, indicator: entry.indicator, title: "", severity: "", method: "", proposed: "", message: "",
                    evidence: "", rubric: "", earlierReviews: "", verdict: entry.verdict, reviewer: entry.reviewer, note: entry.note,
                    reviewedAt: at, institution: entry.institution ?? ""))
        }
        return ReviewWorksheet(rows: rows)
    }
}

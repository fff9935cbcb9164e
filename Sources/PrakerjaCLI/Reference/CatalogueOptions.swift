import ArgumentParser
import Foundation
import PrakerjaReferencePartners

/// The reference catalogue's size and instant: the options the training provider, the digital
/// platform and `reference proposals` share, so that processes started apart serve (and approve)
/// one catalogue.
struct CatalogueOptions: ParsableArguments {
    /// The largest catalogue served: forty rounds of the subjects' 53 courses and more.
    static let largest = 100_000

    @Option(help: "How many courses (53 by default, one round of the subjects; more repeat them in rounds coded -R2, -R3 ...).")
    var courses: Int?

    @Option(
        help: """
            The instant the schedules, participants and certificates are generated around (ISO 8601, \
            2026-12-03T08:00:00Z); now by default. Give processes that must serve one catalogue the same.
            """)
    var at: String?

    /// The catalogue these options name.
    func catalogue() throws(CommandFailure) -> ReferenceCatalogue {
        if let courses, !(1...Self.largest).contains(courses) {
            throw .usage("--courses must be 1 to \(Self.largest), got \(courses)")
        }
        return ReferenceCatalogue.generate(now: try instant(), courses: courses)
    }

    /// The instant `--at` names, or now.
    func instant() throws(CommandFailure) -> Date {
        guard let at else { return Date() }
        guard let instant = try? Date(at, strategy: .iso8601) else {
            throw .usage("--at must be an ISO 8601 instant such as 2026-12-03T08:00:00Z, got '\(at)'")
        }
        return instant
    }
}

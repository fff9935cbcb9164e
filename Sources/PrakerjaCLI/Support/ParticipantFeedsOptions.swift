import Foundation
import PrakerjaConformance
import PrakerjaCuration

extension MonitoringOptions {
    /// The program's feeds given to the sweep, folded for its approved `courses` (code and
    /// provider code), or nil when none was given. A feed may be a file or an address (fetched
    /// first). The platforms are known by the `fixtures.platformCode` their configs give (when
    /// every one gives it; else any platform code is taken). A feed that cannot be read at all is
    /// a usage error.
    func participantFeeds(courses: [(code: String, provider: String)]) async throws(CommandFailure) -> ParticipantFeeds? {
        guard !(complaints.isEmpty && survey.isEmpty && enrolments.isEmpty) else { return nil }
        var platforms: [String: String] = [:]
        for path in platform {
            let config: PartnerConfig
            do { config = try PartnerConfig.load(path) } catch { throw .usage("\(error)") }
            guard case .string(let code)? = config.fixture("platformCode") else {
                platforms = [:]
                break
            }
            platforms[code] = config.name
        }
        let downloads = try await FeedDownloads.fetch(complaints + survey + enrolments)
        defer { downloads.remove() }
        let local = { (arguments: [String]) in arguments.map { downloads.paths[$0] ?? $0 } }
        do {
            return try ParticipantFeeds.read(
                complaints: local(complaints), survey: local(survey), enrolments: local(enrolments),
                courses: Dictionary(courses.map { ($0.code, $0.provider) }, uniquingKeysWith: { first, _ in first }), platforms: platforms,
                names: downloads.addresses)
        } catch {
            throw .usage(error.description)
        }
    }
}

extension ParticipantFeeds {
    /// What was read, and the first rows set aside (all of them counted): what `monitor` and a
    /// sweep print before judging.
    func show(io: CommandIO, limit: Int = 10) {
        let read = Feed.allCases.filter(given.contains).map { "\(used[$0] ?? 0) \($0.rawValue) rows" }.joined(separator: ", ")
        io.print("the program's feeds: \(read)" + (latestMonth.map { ", judged on \($0)" } ?? ""))
        guard isDirty else { return }
        let counts = problemCounts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        io.printError("the feeds were dirty, rows set aside: \(counts)" + (problemCount > limit ? " (the first \(limit):)" : ":"))
        for problem in problems.prefix(limit) { io.printError("  \(problem)") }
    }
}

import PrakerjaModels
import PrakerjaPartners

/// A digital platform's completion feed as monitoring keeps it: for each course, its first
/// completions in the feed's order, no more than the certificates monitoring verifies of it (the
/// rule pack's `certificateSampleSize`). The whole feed is read, page by page, but only the sample
/// is held: a platform of the program's size reports millions of completions.
///
/// A monitoring sweep reads each platform's feed once, when it is queued, and keeps the sample in
/// the history (`encoded()`): every worker judges every course against the same reading, and no
/// worker asks the platform again (workers signing with the program's one client code would send
/// the same signed request in the same second, and all but one would be refused as replays).
public struct CompletionSample: Sendable, Equatable {
    /// Each course's sampled completions, by course code, in the feed's order.
    public let byCourse: [String: [Completion]]

    /// The completions sampled of the course `code` (none when the feed reported none).
    public func completions(of code: String) -> [Completion] { byCourse[code] ?? [] }

    /// How many completions the sample holds.
    public var count: Int { byCourse.values.reduce(0) { $0 + $1.count } }

    /// Reads `client`'s whole feed, keeping `keeping` completions of each course at most.
    public static func read(from client: DigitalPlatformClient, keeping: Int) async -> MonitoringSnapshot.Observed<CompletionSample> {
        var byCourse: [String: [Completion]] = [:]
        do {
            for try await page in client.completionPages() {
                for completion in page.items where byCourse[completion.courseCode, default: []].count < keeping {
                    byCourse[completion.courseCode, default: []].append(completion)
                }
            }
            return .seen(CompletionSample(byCourse: byCourse))
        } catch {
            return .unreadable("the completion feed: \(error)")
        }
    }

    /// The sample as JSON (an array of the feed's completions), as the history keeps it.
    public func encoded() throws -> [UInt8] {
        try StreamingJSONEncoder().encode(byCourse.keys.sorted().flatMap { byCourse[$0]! })
    }

    /// A sample as `encoded()` wrote it.
    public init(decoding json: [UInt8]) throws {
        var byCourse: [String: [Completion]] = [:]
        for completion in try CompactJSONDecoder().decode([Completion].self, from: json) {
            byCourse[completion.courseCode, default: []].append(completion)
        }
        self.init(byCourse: byCourse)
    }

    public init(byCourse: [String: [Completion]]) { self.byCourse = byCourse }
}

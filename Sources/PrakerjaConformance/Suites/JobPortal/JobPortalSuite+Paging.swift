import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners

extension JobPortalSuite {
    /// The newest 300 open vacancies (or all, if fewer) walked in pages of `limit`.
    struct Walk: Sendable {
        let limit: Int
        let vacancies: [JobVacancy]
        /// Whether the portal ended the walk (a page without `nextCursor`) before the 300: it
        /// then claims to have given every match.
        let ended: Bool
    }

    /// The search without filters walked over its newest 300 vacancies in pages of 100, 25 and 10,
    /// once per run for the pagination checks: page boundaries fall in many places, among
    /// vacancies posted at the same time too, and pages of 100 are split as well.
    static func walks(_ probe: ProgramSignedProbe) async throws -> [Walk] {
        try await probe.context.once("job-portal.walks") {
            var walks: [Walk] = []
            for limit in [100, 25, 10] {
                var vacancies: [JobVacancy] = []
                var pages = 0, ended = true
                for try await page in client(probe).searchPages(JobSearchFilter(), limit: limit) {
                    vacancies += page.items
                    pages += 1
                    if pages == 300 / limit {
                        ended = page.nextCursor == nil
                        break
                    }
                }
                walks.append(Walk(limit: limit, vacancies: vacancies, ended: ended))
            }
            return walks
        }
    }

    static let paginationGroup = CheckGroup(
        id: "job-portal.pagination", title: "Pagination",
        checks: [
            Check(
                shared.define(
                    "pagination.no-duplicates", "Walking every page returns each vacancy once, at any page size", requirements: ["PAGE-01"],
                    tags: ["pagination"])
            ) { context in
                let walks = try await walks(try ProgramSignedProbe(context))
                var findings: [Finding] = []
                for walk in walks {
                    var counts: [String: Int] = [:]
                    for vacancy in walk.vacancies { counts[vacancy.id, default: 0] += 1 }
                    for (id, count) in counts.filter({ $0.value > 1 }).sorted(by: { $0.key < $1.key }).prefix(10) {
                        findings.append(
                            Finding(
                                "a vacancy on more than one page", location: "vacancy \(id), pages of \(walk.limit)", expected: "once",
                                actual: "\(count) times"))
                    }
                }
                let counts = walks.map { String($0.vacancies.count) }.joined(separator: ", ")
                return .judge(findings, pass: "\(counts) newest vacancies walking pages of 100, 25 and 10, none twice") { _ in
                    "\(findings.count) vacancies returned more than once"
                }
            },
            Check(
                shared.define(
                    "pagination.complete", "Walking every page returns every match, whatever the page size, even while vacancies are added",
                    requirements: ["PAGE-02"], tags: ["pagination"])
            ) { context in
                // A vacancy added meanwhile may be in a later walk and not an earlier one (the
                // contract allows it) and pushes the oldest out of a later walk's 300; one that
                // closed meanwhile may leave. Any other vacancy of one walk newer than a later
                // walk's last is in that later walk, so one missing was dropped by the paging; and
                // when the later walk ended (a short page without a cursor, say, after closed
                // vacancies were dropped from it), every open one of the earlier walk is in it.
                let walks = try await walks(try ProgramSignedProbe(context))
                let now = Date()
                var findings: [Finding] = []
                var dropped: Set<String> = []
                for (index, earlier) in walks.enumerated() {
                    for later in walks[(index + 1)...] {
                        let ids = Set(later.vacancies.map(\.id))
                        let oldest = later.vacancies.map(\.postedAt).min() ?? .distantFuture
                        for vacancy in earlier.vacancies
                        where (later.ended || vacancy.postedAt > oldest) && !ids.contains(vacancy.id) && vacancy.isOpen(at: now)
                            && dropped.insert(vacancy.id).inserted
                        {
                            findings.append(
                                Finding(
                                    "a match missing from a later walk", location: "vacancy \(vacancy.id)",
                                    expected: "in every walk after the one with pages of \(earlier.limit)",
                                    actual: "missing with pages of \(later.limit)"))
                        }
                    }
                }
                guard walks.contains(where: { !$0.vacancies.isEmpty }) else { return .notApplicable("the portal has no open vacancy") }
                let counts = walks.map { String($0.vacancies.count) }.joined(separator: ", ")
                return .judge(Array(findings.prefix(20)), pass: "\(counts) newest vacancies walking pages of 100, 25 and 10, none dropped") { _ in
                    "\(findings.count) matches dropped between pages"
                }
            },
            Check(
                shared.define(
                    "pagination.newest-first", "A search is newest posting first on every page and across pages, ties in one order",
                    requirements: ["PAGE-03"],
                    tags: ["pagination"])
            ) { context in
                let walks = try await walks(try ProgramSignedProbe(context))
                var findings: [Finding] = []
                for walk in walks {
                    for (position, (newer, older)) in zip(walk.vacancies, walk.vacancies.dropFirst()).enumerated()
                    where older.postedAt > newer.postedAt {
                        findings.append(
                            Finding(
                                "a vacancy after an older one", location: "vacancy \(older.id), pages of \(walk.limit), result \(position + 2)",
                                expected: "posted at or before \(Timestamp(newer.postedAt)) (vacancy \(newer.id), just before it)",
                                actual: "posted \(Timestamp(older.postedAt))"))
                    }
                }
                // Vacancies posted at one time keep one order of their own, whatever the page size:
                // two of them in both walks come in the same order in each (a portal that sorts
                // each page's ties anew, by title say, orders them by where the boundaries fell).
                for (index, first) in walks.enumerated() {
                    let places = Dictionary(first.vacancies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { earlier, _ in earlier })
                    for other in walks[(index + 1)...] {
                        var previous: (vacancy: JobVacancy, place: Int)?
                        for vacancy in other.vacancies {
                            guard let place = places[vacancy.id] else { continue }
                            if let before = previous, before.vacancy.postedAt == vacancy.postedAt, before.place > place {
                                findings.append(
                                    Finding(
                                        "vacancies posted at one time in another order at another page size",
                                        location: "vacancies \(before.vacancy.id) and \(vacancy.id), posted \(Timestamp(vacancy.postedAt))",
                                        expected: "in the order pages of \(first.limit) gave them",
                                        actual: "the other way round in pages of \(other.limit)"))
                            }
                            previous = (vacancy, place)
                        }
                    }
                }
                return .judge(Array(findings.prefix(20)), pass: "every walk is newest posting first, ties in one order at every page size") { _ in
                    "\(findings.count) vacancies out of order (newest first, ties in one order)"
                }
            },
        ])

    static let feedGroup = CheckGroup(
        id: "job-portal.feed", title: "Update feed",
        checks: [
            Check(
                shared.define(
                    "feed.since-included-oldest-first", "The update feed starts at since, the bound included, oldest update first",
                    requirements: ["FEED-01"], tags: ["feed", "pagination"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let since = Date().addingTimeInterval(-3 * 86_400)
                let feed = try await client(probe).updatePages(since: since, limit: 50).items()
                guard !feed.isEmpty else { return .notApplicable("no vacancy was updated in the last three days") }
                var findings: [Finding] = []
                for vacancy in feed where vacancy.updatedAt < since.addingTimeInterval(-1) {
                    findings.append(
                        Finding(
                            "a vacancy updated before since", location: "vacancy \(vacancy.id) /updatedAt",
                            expected: "at or after \(Timestamp(since))",
                            actual: Timestamp(vacancy.updatedAt).description))
                }
                for (earlier, later) in zip(feed, feed.dropFirst()) where later.updatedAt < earlier.updatedAt {
                    findings.append(
                        Finding(
                            "an update after a later one", location: "vacancy \(later.id) /updatedAt",
                            expected: "at or after \(Timestamp(earlier.updatedAt)) (vacancy \(earlier.id), just before it)",
                            actual: Timestamp(later.updatedAt).description))
                }
                // The feed again from one of its own update times: that vacancy is on the first page.
                let bound = feed[feed.count / 2]
                let page = try await client(probe).updates(since: bound.updatedAt, page: PageRequest(limit: 100))
                let crowded = page.items.count == 100 && page.items.allSatisfy { $0.updatedAt == bound.updatedAt }
                if !crowded, !page.items.contains(where: { $0.id == bound.id }) {
                    findings.append(
                        Finding(
                            "the feed left out a vacancy updated exactly at since",
                            location: "GET \(JobPortalPaths.updates)?since=\(Timestamp(bound.updatedAt))",
                            expected: "vacancy \(bound.id) (updated \(Timestamp(bound.updatedAt))) on the first page",
                            actual: page.items.first.map { "first page starts at \(Timestamp($0.updatedAt))" } ?? "an empty page"))
                }
                return .judge(Array(findings.prefix(20)), pass: "\(feed.count) updates oldest first, the bound included") { _ in
                    findings.summary
                }
            }
        ])
}

import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaPartners
import Synchronization

extension LabourDemand {
    /// Words that rank a job rather than name it: left out of the search, so a course for a
    /// "Spesialis Pemasaran Digital" finds the portals' "Staf Pemasaran Digital" vacancies.
    static let rankWords: Set<String> = [
        "staf", "spesialis", "asisten", "tenaga", "petugas", "pelaksana", "ahli", "junior", "senior", "kepala", "operator",
    ]

    /// What to search for: each occupation's name without its rank (`Pemasaran Digital`).
    static func keywords(_ proposal: CourseProposal) -> [String] {
        var seen: Set<String> = []
        return proposal.course.occupations.compactMap { occupation in
            let words = occupation.title.split(separator: " ").filter { !rankWords.contains($0.lowercased()) }
            let keyword = (words.isEmpty ? [Substring(occupation.title)] : words).joined(separator: " ")
            return seen.insert(keyword.lowercased()).inserted ? keyword : nil
        }
    }

    /// The searches made for a batch of assessments, by portal and keyword: proposals for the
    /// same occupation assessed together ask each portal once. Make one per batch.
    public final class Searches: Sendable {
        private let done = Mutex<[String: Search]>([:])

        public init() {}

        func search(_ portal: PartnerConfig, _ keyword: String, _ make: () async -> Search) async -> Search {
            let key = "\(portal.baseURL) \(keyword.lowercased())"
            if let known = done.withLock({ $0[key] }) { return known }
            let search = await make()
            if search.error == nil { done.withLock { $0[key] = search } }
            return search
        }
    }

    /// Searches every job portal for the course's occupations: open vacancies whose title,
    /// company or skills name them. A portal that cannot be searched is recorded with its reason
    /// (the indicator then leaves the decision to a person). Searches already in `batch` are not
    /// made again.
    public static func fetch(from portals: [PartnerConfig], for proposal: CourseProposal, batch: Searches = Searches()) async -> LabourDemand {
        let keywords = keywords(proposal)
        var searches: [Search] = []
        for portal in portals {
            let client: JobPortalClient
            do { client = JobPortalClient(http: try .forPartner(portal)) } catch {
                searches.append(Search(portal: portal.name, keyword: "", matches: 0, sample: [], error: error.description))
                continue
            }
            for keyword in keywords {
                searches.append(
                    await batch.search(portal, keyword) {
                        do {
                            let page = try await client.search(JobSearchFilter(keyword: keyword), page: PageRequest(limit: 100))
                            return Search(
                                portal: portal.name, keyword: keyword, matches: page.items.count,
                                sample: page.items.prefix(3).map { "\($0.title) at \($0.company)" }, error: nil)
                        } catch {
                            return Search(portal: portal.name, keyword: keyword, matches: 0, sample: [], error: "\(error)")
                        }
                    })
            }
        }
        return LabourDemand(searches: searches)
    }
}

extension CourseProposal {
    /// The course `code` as the training provider `config` publishes it, as a proposal: what the
    /// endpoint does not carry (the provider's governance, platforms, design) is left for review.
    public static func fromProvider(_ config: PartnerConfig, course code: String) async throws -> CourseProposal {
        let detail = try await TrainingProviderClient(http: try .forPartner(config)).course(code: code)
        let provider = Provider(code: detail.course.providerCode, name: config.name)
        return CourseProposal(course: detail, provider: provider)
    }
}

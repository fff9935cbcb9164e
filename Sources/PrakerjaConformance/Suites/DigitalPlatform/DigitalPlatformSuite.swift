import Foundation
import PrakerjaModels
import PrakerjaPartners

/// The digital platform's protocol suite (`Specs/digital-platform.openapi.yaml`): the shared
/// spec, security, negative-data and latency groups, and the role's semantics: each listing's
/// price and title are the training provider's (read from the provider's own API, named in
/// `related`), ratings are within 1-5, and the completion feed is in order.
public enum DigitalPlatformSuite {
    static let shared = ProgramSignedChecks(
        prefix: "digital-platform", contract: "Specs/digital-platform.openapi.yaml", requirementPrefix: "DP",
        probe: ("list-listings", "/v1/listings?limit=1"),
        latencyTarget: { "/v1/listings?limit=\($0 % 50 + 1)" },
        tour: { probe in
            let first = try await probe.call("list-listings", "/v1/listings?limit=5")
            var answers = [first]
            if case .array(let items)? = first.json?["items"], case .string(let code)? = items.first?["courseCode"] {
                answers.append(try await probe.call("get-listing", DigitalPlatformPaths.listing(code)))
            }
            answers.append(try await probe.call("get-listing", DigitalPlatformPaths.listing("NO-SUCH-COURSE-\(probe.context.runToken)")))
            answers.append(try await probe.call("get-transaction", DigitalPlatformPaths.transaction("INV-NONE-\(probe.context.runToken)")))
            answers.append(try await probe.call("list-completions", "/v1/completions?limit=5"))
            return answers
        },
        bodies: { _ in [] },
        badQueries: [
            ("list-listings", "/v1/listings?limit=0"), ("list-listings", "/v1/listings?limit=abc"), ("list-completions", "/v1/completions?limit=-1"),
        ],
        inputs: [])

    public static func suite() -> Suite {
        Suite(id: "digital-platform", title: "Digital platform", groups: shared.groups([listingsGroup, completionsGroup]))
    }

    static func client(_ probe: ProgramSignedProbe) -> DigitalPlatformClient { DigitalPlatformClient(http: probe.http) }

    /// Every listing next to the provider's course, for the cross-source checks.
    static func listingsWithCourses(_ context: CheckContext) async throws -> [(listing: Listing, course: Course?)] {
        guard let providerConfig = context.config.related.first(where: { $0.role == .trainingProvider }) else {
            throw CheckError.kit("the config names no training provider in related")
        }
        let probe = try ProgramSignedProbe(context)
        let listings = try await client(probe).allListings()
        // One client (one signer) for the run: the price and title checks read the provider at the same time.
        let provider = try context.shared("related-training-provider") { () throws(CheckError) in
            TrainingProviderClient(http: try .forPartner(providerConfig))
        }
        let courses = Dictionary(try await provider.allCourses().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        return listings.map { ($0, courses[$0.courseCode]) }
    }

    static func compare(
        _ context: CheckContext, _ what: String, _ value: @escaping @Sendable (Listing) -> String,
        _ expected: @escaping @Sendable (Course) -> String
    ) async throws -> CheckOutcome {
        let pairs = try await listingsWithCourses(context)
        guard !pairs.isEmpty else { return .notApplicable("the platform lists nothing") }
        var findings: [Finding] = []
        for (listing, course) in pairs {
            guard let course else {
                findings.append(
                    Finding(
                        "a listing of a course the provider does not offer", location: "listing \(listing.courseCode)",
                        expected: "a course in the provider's catalogue", actual: "not found"))
                continue
            }
            if value(listing) != expected(course) {
                findings.append(
                    Finding(
                        "the listing's \(what) is not the provider's", location: "listing \(listing.courseCode) /\(what)",
                        expected: expected(course), actual: value(listing)))
            }
        }
        return .judge(Array(findings.prefix(50)), pass: "\(pairs.count) listings, each \(what) the provider's") { _ in
            "\(findings.count) listings differ from the provider"
        }
    }

    static let listingsGroup = CheckGroup(
        id: "digital-platform.listings", title: "Listings",
        checks: [
            Check(
                shared.define(
                    "listings.price-matches-provider", "Each listing's price is the provider's price for the course",
                    requirements: ["LIST-01"], tags: ["listings", "cross-source"], inputs: ["related.training-provider"])
            ) { context in
                try await compare(context, "price", { $0.price.snapValue }, { $0.price.snapValue })
            },
            Check(
                shared.define(
                    "listings.title-matches-provider", "Each listing's title is the provider's title for the course",
                    requirements: ["LIST-02"], tags: ["listings", "cross-source"], inputs: ["related.training-provider"])
            ) { context in
                try await compare(context, "title", { $0.title }, { $0.title })
            },
            Check(
                shared.define(
                    "listings.ratings-in-range", "Rating averages are within 1-5 stars (0 with no ratings)", requirements: ["LIST-03"],
                    tags: ["listings"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let listings = try await client(probe).allListings()
                guard !listings.isEmpty else { return .notApplicable("the platform lists nothing") }
                let findings = listings.flatMap { listing in
                    listing.rating.problems.map {
                        Finding(
                            $0, location: "listing \(listing.courseCode) /rating", expected: "1-5 stars, or 0 with no ratings",
                            actual: "average \(listing.rating.average) of \(listing.rating.count)")
                    }
                }
                return .judge(findings, pass: "\(listings.count) listings with ratings in range") { "\($0) ratings out of range" }
            },
        ])

    static let completionsGroup = CheckGroup(
        id: "digital-platform.completions", title: "Completion feed",
        checks: [
            Check(
                shared.define(
                    "completions.ordered", "The completion feed is in the order completions happened",
                    requirements: ["FEED-01"],
                    tags: ["completions"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let completions = try await client(probe).completionPages(limit: 50).items()
                guard completions.count >= 2 else { return .notApplicable("the feed has fewer than two completions") }
                var findings: [Finding] = []
                for (earlier, later) in zip(completions, completions.dropFirst()) where later.completedAt.date < earlier.completedAt.date {
                    findings.append(
                        Finding(
                            "a completion listed after a later one", location: "completion \(later.certificateNumber)",
                            expected: "at or after \(earlier.completedAt)", actual: later.completedAt.description))
                }
                return .judge(Array(findings.prefix(50)), pass: "\(completions.count) completions in order") { _ in
                    "\(findings.count) completions out of order"
                }
            }
        ])
}

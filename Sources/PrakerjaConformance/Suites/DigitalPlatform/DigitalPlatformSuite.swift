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
            // A page of listings and every listing's detail (reviews, their bounds and formats: the
            // details the ratings and privacy checks read too), the invoice the config names,
            // refusals, and the completion feed.
            var answers = [try await probe.call("list-listings", "/v1/listings?limit=25")]
            answers += try await details(probe)
            answers.append(try await probe.call("get-listing", DigitalPlatformPaths.listing("NO-SUCH-COURSE-\(probe.context.runToken)")))
            if case .string(let invoice)? = probe.context.config.fixture("invoiceCode") {
                answers.append(try await probe.call("get-transaction", DigitalPlatformPaths.transaction(invoice)))
            }
            answers.append(try await probe.call("get-transaction", DigitalPlatformPaths.transaction("INV-NONE-\(probe.context.runToken)")))
            answers.append(try await probe.call("list-completions", "/v1/completions?limit=5"))
            return answers
        },
        bodies: { _ in [] },
        badQueries: [
            ("list-listings", "/v1/listings?limit=0"), ("list-listings", "/v1/listings?limit=abc"), ("list-completions", "/v1/completions?limit=-1"),
        ],
        inputs: [], refusalPrivacy: "PRIV-02")

    public static func suite() -> Suite {
        Suite(id: "digital-platform", title: "Digital platform", groups: shared.groups([listingsGroup, completionsGroup, privacyGroup]))
    }

    static func client(_ probe: ProgramSignedProbe) -> DigitalPlatformClient { DigitalPlatformClient(http: probe.http) }

    /// Every listing's detail (the first 100), read once for the run: the ratings and privacy
    /// checks read the same pages at the same time. Its exchanges join the reading check's evidence.
    static func details(_ probe: ProgramSignedProbe) async throws -> [ProbeAnswer] {
        try await ProgramSignedChecks.shared("digital-platform-listing-details", probe) { probe in
            var answers: [ProbeAnswer] = []
            for listing in try await client(probe).allListings().prefix(100) {
                answers.append(try await probe.call("get-listing", DigitalPlatformPaths.listing(listing.courseCode)))
            }
            return answers
        }.adopted(by: probe.context)
    }

    /// Every listing next to the provider's course, for the cross-source checks: read once for
    /// the run (the price and title checks read the same pages of both partners at the same time).
    static func listingsWithCourses(_ context: CheckContext) async throws -> [(listing: Listing, course: Course?)] {
        guard let providerConfig = context.config.related.first(where: { $0.role == .trainingProvider }) else {
            throw CheckError.kit("the config names no training provider in related")
        }
        let probe = try ProgramSignedProbe(context)
        return try await context.once("digital-platform-listings-with-courses") {
            try await pairs(probe, provider: TrainingProviderClient(http: try .forPartner(providerConfig)), named: providerConfig.name)
        }
    }

    static func pairs(
        _ probe: ProgramSignedProbe, provider: TrainingProviderClient, named providerName: String
    ) async throws -> [(
        listing: Listing, course: Course?
    )] {
        let listings = try await client(probe).allListings()
        // The provider is not the partner judged: its failure leaves the comparison unjudged, never failed.
        let catalogue: [Course]
        do { catalogue = try await provider.allCourses() } catch {
            throw CheckError.transient("the related training provider \(providerName) could not be read to compare with: \(error)")
        }
        let courses = Dictionary(catalogue.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        return listings.map { ($0, courses[$0.courseCode]) }
    }

    static func compare(
        _ context: CheckContext, _ what: String, _ value: @escaping @Sendable (Listing) -> String,
        _ expected: @escaping @Sendable (Course) -> String
    ) async throws -> CheckOutcome {
        let pairs = try await listingsWithCourses(context)
        guard !pairs.isEmpty else { return .notApplicable("the platform lists nothing") }
        var findings: [Finding] = []
        // A suspended course sold is judged by listings.suspended-not-sold alone.
        let suspended = Set(suspendedCourses(context.config))
        for (listing, course) in pairs where !suspended.contains(listing.courseCode) {
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
        // And each listing's detail: a price or title shown on the detail page alone is still shown.
        let courses = Dictionary(
            pairs.compactMap { pair in pair.course.map { (pair.listing.courseCode, $0) } }, uniquingKeysWith: { first, _ in first })
        let details = try await details(ProgramSignedProbe(context))
        for answer in details where answer.status == 200 {
            guard let detail: ListingDetail = try? ProgramSignedClient.decode(answer.response, operation: "get-listing"),
                let course = courses[detail.listing.courseCode], !suspended.contains(detail.listing.courseCode),
                value(detail.listing) != expected(course)
            else { continue }
            findings.append(
                answer.finding(
                    "the listing's \(what) on its detail is not the provider's",
                    location: "listing \(detail.listing.courseCode) detail /listing/\(what)",
                    expected: expected(course), actual: value(detail.listing)))
        }
        return .judge(Array(findings.prefix(50)), pass: "\(pairs.count) listings and \(details.count) of their details, each \(what) the provider's")
        { _ in
            "\(findings.count) listings differ from the provider"
        }
    }

    /// The courses the program suspended or removed (`fixtures.suspendedCourses`; a run recorded
    /// in a history adds the history's sanctions that forbid sale).
    public static func suspendedCourses(_ config: PartnerConfig) -> [String] {
        guard case .array(let items)? = config.fixture("suspendedCourses") else { return [] }
        return items.compactMap { if case .string(let code) = $0 { code } else { nil } }
    }

    static let listingsGroup = CheckGroup(
        id: "digital-platform.listings", title: "Listings",
        checks: [
            Check(
                shared.define(
                    "listings.suspended-not-sold", "A course the program suspended or removed is not sold", requirements: ["LIST-04"],
                    tags: ["listings", "sanctions"], inputs: ["fixtures.suspendedCourses"])
            ) { context in
                let codes = suspendedCourses(context.config)
                guard !codes.isEmpty else { return .notApplicable("no course is suspended or removed (fixtures.suspendedCourses)") }
                let probe = try ProgramSignedProbe(context)
                let listed = Set(try await client(probe).allListings().map(\.courseCode))
                var findings: [Finding] = []
                for code in codes {
                    if listed.contains(code) {
                        findings.append(
                            Finding(
                                "suspended by the program and still on the listings' pages", location: "listing \(code)", expected: "not sold",
                                actual: "listed"))
                    }
                    let answer = try await probe.call("get-listing", DigitalPlatformPaths.listing(code))
                    let error = answer.roleErrorCode ?? "no error code in the contract's form"
                    if answer.status != 404 || error != "not_found" {
                        findings.append(
                            answer.finding(
                                "suspended by the program and its listing still answered", location: "listing \(code)",
                                expected: "HTTP 404, not_found", actual: "HTTP \(answer.status), \(error)"))
                    }
                }
                return .judge(findings, pass: "\(codes.count) suspended or removed courses, none sold") { _ in
                    "a course the program suspended is still sold"
                }
            },
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
                var findings = listings.flatMap { listing in
                    listing.rating.problems.map {
                        Finding(
                            $0, location: "listing \(listing.courseCode) /rating", expected: "1-5 stars, or 0 with no ratings",
                            actual: "average \(listing.rating.average) of \(listing.rating.count)")
                    }
                }
                // Each review's own stars, in every listing's detail.
                for answer in try await details(probe) {
                    guard case .array(let reviews)? = answer.json?["reviews"], case .string(let code)? = answer.json?["listing"]?["courseCode"]
                    else { continue }
                    for (index, review) in reviews.enumerated() {
                        guard case .number(let text)? = review["rating"], let stars = Double(text),
                            !(1...5).contains(stars) || stars != stars.rounded()
                        else { continue }
                        findings.append(
                            answer.finding(
                                "a review's rating out of range", location: "listing \(code) /reviews/\(index)/rating",
                                expected: "1-5 whole stars", actual: text))
                    }
                }
                return .judge(findings, pass: "\(listings.count) listings and their reviews with ratings in range") { "\($0) ratings out of range" }
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
                // Pages of the contract's default size, so that the order is judged across pages too.
                let completions = try await client(probe).completionPages(limit: PageRequest.defaultLimit).items()
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
            },
            Check(
                shared.define(
                    "completions.complete", "Walking the completion feed page by page gives every completion once, whatever the page size",
                    requirements: ["FEED-02"], tags: ["completions"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let feed = client(probe)
                let whole = try await feed.completionPages(limit: PageRequest.limits.upperBound).items().map(\.certificateNumber)
                let walked = try await feed.completionPages(limit: 7).items().map(\.certificateNumber)
                guard whole.count >= 8 else { return .notApplicable("the feed has fewer than eight completions: one page of 7 holds it") }
                var findings: [Finding] = []
                let counts = Dictionary(walked.map { ($0, 1) }, uniquingKeysWith: +)
                for (number, count) in counts where count > 1 {
                    findings.append(Finding("a completion given twice", location: "completion \(number)", expected: "once", actual: "\(count) times"))
                }
                // The big pages were read first: a completion recorded since may be in the walk only.
                for number in Set(whole).subtracting(counts.keys).sorted() {
                    findings.append(
                        Finding(
                            "a completion the walk in pages of 7 never gave", location: "completion \(number)", expected: "in some page",
                            actual: "missing"))
                }
                // And one at a time (the first 300): every boundary falls between two completions,
                // so a cursor that skips the rest of a tie (completions of one second) shows.
                var single: [String] = []
                for try await page in feed.completionPages(limit: 1) {
                    single += page.items.map(\.certificateNumber)
                    if single.count >= Self.singleWalk { break }
                }
                if let last = single.last, let end = whole.firstIndex(of: last) {
                    for number in Set(whole[...end]).subtracting(single).sorted() {
                        findings.append(
                            Finding(
                                "a completion the walk in pages of 1 never gave", location: "completion \(number)", expected: "in some page",
                                actual: "missing"))
                    }
                }
                return .judge(
                    Array(findings.prefix(50)),
                    pass: "\(walked.count) completions in pages of 7 and \(single.count) in pages of 1, each once, none missing"
                ) { _ in
                    "\(findings.count) completions missing or repeated across pages"
                }
            },
        ])

    /// How many completions `completions.complete` walks one page at a time.
    static let singleWalk = 300

    static let privacyGroup = CheckGroup(
        id: "digital-platform.privacy", title: "Privacy",
        checks: [
            Check(
                shared.define(
                    "privacy.names-masked", "Reviewers and participants are named only masked (S*** R********)", requirements: ["PRIV-01"],
                    tags: ["privacy"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                var findings: [Finding] = []
                var names = 0
                func judge(_ value: JSONValue?, _ answer: ProbeAnswer?, at location: String) {
                    guard case .string(let name)? = value else { return }
                    names += 1
                    guard !Masking.isMaskedName(name) else { return }
                    // The name itself is the personal data: the finding shows its shape, not the name.
                    findings.append(
                        Finding(
                            "a name shown unmasked", location: location, expected: "each word's first letter, then asterisks",
                            actual: "\(name.split(separator: " ").count) words, \(name.filter { $0 != "*" && $0 != " " }.count) letters shown",
                            exchange: answer?.exchange))
                }
                for answer in try await details(probe) {
                    guard case .array(let reviews)? = answer.json?["reviews"], case .string(let code)? = answer.json?["listing"]?["courseCode"]
                    else { continue }
                    for (index, review) in reviews.enumerated() {
                        judge(review["reviewer"], answer, at: "listing \(code) /reviews/\(index)/reviewer")
                    }
                }
                for completion in try await client(probe).completionPages(limit: PageRequest.limits.upperBound).items().prefix(10_000) {
                    judge(.string(completion.participant), nil, at: "completion \(completion.certificateNumber) /participant")
                }
                guard names > 0 else { return .notApplicable("no review or completion names anyone") }
                return .judge(Array(findings.prefix(50)), pass: "\(names) names, every one masked") { _ in "\(findings.count) names shown unmasked" }
            }
        ])
}

import Foundation
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import PrakerjaSigning
import PrakerjaTestSupport
import Synchronization
import Testing

/// A running reference digital platform, the training provider data it sells, and the program's client.
struct DigitalPlatformHarness: Sendable {
    let platform: ReferenceDigitalPlatform
    let catalogue: ReferenceCatalogue
    let client: DigitalPlatformClient
    /// The platform's clock for verifying: real time until a test moves it.
    let clock: ShiftedClock

    static func run<Value: Sendable>(
        defects: Set<DigitalPlatformDefect> = [],
        _ body: @Sendable (DigitalPlatformHarness) async throws -> Value
    ) async throws -> Value {
        let catalogue = ReferenceCatalogue.generate(now: Date()), clock = ShiftedClock()
        let platform = ReferenceDigitalPlatform(defects: defects, catalogue: catalogue, clock: clock.signingClock)
        return try await HTTPServerRunner.withRunning(platform.router()) { url in
            try await body(
                DigitalPlatformHarness(
                    platform: platform, catalogue: catalogue, client: ReferenceDigitalPlatform.programClient(baseURL: url), clock: clock))
        }
    }

    func course(_ code: String) -> Course? { catalogue.courses.first { $0.course.code == code }?.course }
}

@Suite struct DigitalPlatformTests {
    @Test func listingsMirrorTheProviderAndRatingsAreInRange() async throws {
        try await DigitalPlatformHarness.run { h in
            let listings = try await h.client.allListings()
            #expect(listings.count == h.catalogue.courses.count)
            for listing in listings {
                let course = try #require(h.course(listing.courseCode))
                #expect(listing.title == course.title)
                #expect(listing.price == course.price)
                #expect(listing.method == course.method)
                #expect(listing.rating.problems.isEmpty, "\(listing.courseCode): \(listing.rating.problems)")
                #expect(listing.quota == listing.schedules.reduce(0) { $0 + $1.quota })
            }
            let rated = try #require(listings.first { $0.rating.count > 0 })
            let detail = try await h.client.listing(courseCode: rated.courseCode)
            #expect(detail.listing == rated)
            #expect(!detail.reviews.isEmpty && detail.reviews.count <= rated.rating.count, "most who rate write no review")
            #expect(rated.rating.count >= 60, "a course sold for months has many ratings")
            #expect(detail.reviews.allSatisfy { $0.reviewer.contains("*") }, "reviewers are masked")
            #expect((4...5).contains(rated.rating.average), "the stars of a healthy course, as the 2021 report's 4.9")
            await #expect { try await h.client.listing(courseCode: "NOPE") } throws: { ($0 as? PrakerjaAPIError)?.roleCode == .notFound }
        }
    }

    @Test func transactionsAndTheCompletionFeed() async throws {
        try await DigitalPlatformHarness.run { h in
            let code = try #require(h.platform.store.invoices.keys.sorted().first)
            let invoice = try await h.client.transaction(invoiceCode: code)
            #expect(invoice == h.platform.store.invoices[code])
            #expect(invoice.status == .success)
            #expect(invoice.amount == h.course(invoice.courseCode)?.price)
            await #expect { try await h.client.transaction(invoiceCode: "INV-NOPE") } throws: { ($0 as? PrakerjaAPIError)?.roleCode == .notFound }

            var feed: [Completion] = []
            var cursor: String?
            repeat {
                let page = try await h.client.completions(page: PageRequest(cursor: cursor, limit: 7))
                feed += page.items
                cursor = page.nextCursor
            } while cursor != nil
            #expect(feed.count == h.catalogue.participants.filter(\.progress.completed).count)
            #expect(zip(feed, feed.dropFirst()).allSatisfy { $0.completedAt <= $1.completedAt }, "in the order they happened")
            #expect(feed.allSatisfy { h.catalogue.certificates[$0.certificateNumber] != nil }, "every certificate is the provider's")
            #expect(feed.allSatisfy { $0.participant.contains("*") })
        }
    }
}

/// Every kind of bad input, sent to every operation of the reference digital platform.
@Suite struct DigitalPlatformBadInputTests {
    @Test(arguments: 0..<4)
    func everyOperationRefusesBadInput(_ index: Int) async throws {
        try await DigitalPlatformHarness.run { h in
            let invoice = try #require(h.platform.store.invoices.keys.sorted().first)
            let operations: [RoleBadInput.Operation] = [
                RoleBadInput.Operation(
                    method: "GET", target: "/v1/listings?limit=5", body: "",
                    badParameters: [
                        ("/v1/listings?limit=0", "limit"), ("/v1/listings?cursor=x:1", "cursor"), ("/v1/listings?limit=5&limit=6", "limit"),
                    ]),
                RoleBadInput.Operation(method: "GET", target: "/v1/listings/\(h.catalogue.courses[0].course.code)", body: ""),
                RoleBadInput.Operation(method: "GET", target: "/v1/transactions/\(invoice)", body: ""),
                RoleBadInput.Operation(
                    method: "GET", target: "/v1/completions?limit=10", body: "",
                    badParameters: [
                        ("/v1/completions?cursor=f:-1", "cursor"), ("/v1/completions?since=2021-01-01", "since"),
                    ]),
            ]
            try await RoleBadInput(client: h.client.http, credentials: ReferenceCredentials.program).run(operations[index])
        }
    }
}

/// Each digital-platform defect switch breaks its rule, and only with the switch on.
@Suite struct DigitalPlatformDefectTests {
    static func ruleHolds(_ defect: DigitalPlatformDefect, _ h: DigitalPlatformHarness) async throws -> Bool {
        switch defect {
        case .priceDiffers:
            return try await h.client.allListings().allSatisfy { $0.price == h.course($0.courseCode)?.price }
        case .titleDiffers:
            return try await h.client.allListings().allSatisfy { $0.title == h.course($0.courseCode)?.title }
        case .ratingOutOfRange:
            return try await h.client.allListings().allSatisfy { $0.rating.problems.isEmpty }
        case .completionFeedUnordered:
            let feed = try await h.client.completions(page: PageRequest(limit: 100)).items
            return zip(feed, feed.dropFirst()).allSatisfy { $0.completedAt <= $1.completedAt }
        case .serverErrorOnBadInput:
            return try await h.client.http.send(method: "GET", target: "/v1/listings?colour=blue", body: []).status == 400
        case .acceptsReplayedRequest:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/listings?limit=1")
        case .forgetsReplaysByTimestamp:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/listings?limit=1", signedAgo: 200)
        case .shortReplayMemory:
            return try await replayIsRefused(baseURL: h.client.http.baseURL, target: "/v1/listings?limit=1", resentAfter: .seconds(2), on: h.clock)
        case .nullFieldInRefusals, .prunesReplaysByNewestTimestamp, .answersCopiesSentTogether, .acceptsUpperCaseSignature,
            .readsMillisecondTimestamps, .servesLoosePaths, .readsQueriesLoosely, .failsOnOverflowingNumbers, .signsReadsWithoutBody,
            .wrapsTimestampsAt32Bits, .servesOtherMethodsOnDetails, .remembersOnlyAnsweredCalls, .looksUpBeforeAuthenticating,
            .quotesRefusedValues, .slowDetails:
            return try await signedRoleRuleHolds(
                defect.rawValue, h.client.http, path: "/v1/listings",
                detail: DigitalPlatformPaths.listing(try #require(h.client.allListings().first?.courseCode)))
        case .frameworkNotFound:
            return try await unknownRoutesAreNotFound(h.client.http, target: "/v1/listings")
        case .unmaskedNames:
            let listing = try await h.client.http.send(
                method: "GET", target: DigitalPlatformPaths.listing(try #require(h.client.allListings().first?.courseCode)), body: [])
            let feed = try await h.client.http.send(method: "GET", target: "/v1/completions?limit=100", body: [])
            return namesAreMasked(listing.body, key: "reviewer") && namesAreMasked(feed.body, key: "participant")
        case .completionFeedSkips:
            let whole = try await h.client.completions(page: PageRequest(limit: 100)).items.map(\.certificateNumber)
            let walked = try await h.client.completionPages(limit: 7).items().map(\.certificateNumber)
            return whole.count > 7 && Set(walked) == Set(whole) && walked.count == whole.count
        case .unauthenticatedAccess:
            return try await unsignedAndForgedAreRefused(h.client.http, target: "/v1/listings?limit=1")
        case .slowAnswers:
            return try await answersQuickly { _ = try await h.client.listings(page: PageRequest(limit: $0)) }
        case .promotesOnDetail:
            for listing in try await h.client.allListings()
            where try await h.client.listing(courseCode: listing.courseCode).listing.price != listing.price {
                return false
            }
            return true
        case .sellsSuspended:
            let code = ReferenceDigitalPlatformStore.suspendedCourseCode
            let sold = try await h.client.allListings().contains { $0.courseCode == code }
            let answer = try await h.client.http.send(method: "GET", target: DigitalPlatformPaths.listing(code), body: [])
            return !sold && answer.status == 404
        case .personalDataInErrors:
            return try await refusalCarriesNoPersonalData(h.client.http, target: DigitalPlatformPaths.transaction("INV-NONE"))
        case .signatureOverDecodedTarget:
            return try await signatureOverDecodedTargetIsRefused(baseURL: h.client.http.baseURL, target: "/v1/listings?limit=1")
        case .unissuedCursorFails:
            return try await h.client.http.send(method: "GET", target: "/v1/listings?cursor=not-a-cursor", body: []).status == 400
        }
    }

    @Test(arguments: DigitalPlatformDefect.allCases)
    func theSwitchBreaksExactlyItsRule(_ defect: DigitalPlatformDefect) async throws {
        #expect(
            try await DigitalPlatformHarness.run { try await Self.ruleHolds(defect, $0) },
            "the correct platform keeps the rule \(defect.rawValue) breaks")
        #expect(
            try await !DigitalPlatformHarness.run(defects: [defect]) { try await Self.ruleHolds(defect, $0) }, "\(defect.rawValue) breaks its rule")
    }
}

/// Two processes with the program's one client code (a sweep's workers on two machines) may send
/// the very same call in the same second: the partner rightly refuses the second as a replay, and
/// the client signs it again in a later second rather than fail.
@Suite struct ReplayedByAnotherProcessTests {
    /// A transport that passes requests on and keeps the statuses answered.
    final class Counting: PrakerjaTransport {
        let statuses = Mutex<[Int]>([])
        func send(_ request: TransportRequest, timeout: Duration) async throws(TransportError) -> TransportResponse {
            let response = try await AsyncHTTPClientTransport.shared.send(request, timeout: timeout)
            statuses.withLock { $0.append(response.status) }
            return response
        }
    }

    @Test func theSameCallFromAnotherProcessInTheSameSecondIsSignedAgain() async throws {
        try await DigitalPlatformHarness.run { h in
            let code = try #require(h.catalogue.courses.first).course.code
            let port = try #require(URL(string: h.client.http.baseURL)?.port)
            // Two clients that do not know each other's signatures, as two processes do (each
            // signer remembers what it sent for its own destination): one by address, one by name.
            // Both sign in the same second, however slow the machine: their clock stays there until
            // the partner has refused the second client's call.
            let (first, second) = (Counting(), Counting())
            let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let clock = SigningClock { second.statuses.withLock { $0.contains(401) } ? Date() : start }
            let one = DigitalPlatformClient(
                http: ProgramSignedClient(
                    baseURL: "http://127.0.0.1:\(port)", credentials: ReferenceCredentials.program, transport: first, clock: clock))
            let other = DigitalPlatformClient(
                http: ProgramSignedClient(
                    baseURL: "http://localhost:\(port)", credentials: ReferenceCredentials.program, transport: second, clock: clock,
                    replayPause: { .zero }))
            #expect(try await one.listing(courseCode: code).listing.courseCode == code)
            #expect(try await other.listing(courseCode: code).listing.courseCode == code)
            #expect(first.statuses.withLock { $0 } == [200])
            #expect(second.statuses.withLock { $0 } == [401, 200], "refused as a replay, then signed again and answered")
        }
    }
}

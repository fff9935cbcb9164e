import Foundation
import HTTPTypes
import Hummingbird
import MinimalPartners
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaReferencePartners
import PrakerjaSigning
import Testing

/// A partner serves a contract from their own Hummingbird application: the minimal partner of each
/// role (`Examples/MinimalPartners`) mounted with the SDK's adapter beside the partner's own route
/// and under the partner's own middleware and request context. The program's typed client works
/// against it, the adapter's signature check guards only the contract's routes, and the partner's
/// middleware runs for both.
@Suite struct PartnerApplicationTests {
    static let tag = HTTPField.Name("X-Partner-Tag")!
    static let configuration = RoleAdapterConfiguration(clients: [ReferenceCredentials.program])

    /// Serves the partner's application with `mount`, and checks what every mounting must keep.
    static func serving<Value: Sendable>(
        _ mount: @escaping (RouterGroup<PartnerApplication.Context>) -> Void, unsignedPath: String,
        _ body: @Sendable (String) async throws -> Value
    ) async throws -> Value {
        try await HTTPServerRunner.withRunning(PartnerApplication.router(mount: mount)) { url in
            let health = try await AsyncHTTPClientTransport.shared.send(
                TransportRequest(method: "GET", url: url + "/health", headers: [], body: []),
                timeout: .seconds(30))
            #expect(health.status == 200, "the partner's own route answers without a signature")
            #expect(health.header("X-Partner-Tag") != nil)
            let unsigned = try await AsyncHTTPClientTransport.shared.send(
                TransportRequest(method: unsignedPath.hasPrefix("/v1.0") ? "POST" : "GET", url: url + unsignedPath, headers: [], body: []),
                timeout: .seconds(30))
            #expect(unsigned.status == 401 || unsigned.status == 400, "the contract's route refuses an unsigned call: \(unsigned.status)")
            #expect(unsigned.header("X-Partner-Tag") != nil, "the partner's middleware runs for the contract's routes too")
            return try await body(url)
        }
    }

    @Test func aJobPortalServesTheContractBesideItsOwnRoutes() async throws {
        let portal = MinimalJobPortal()
        let now = Date()
        let vacancies = VacancyGenerator.generate(count: 30, now: now)
        for vacancy in vacancies { portal.post(vacancy) }
        let adapter = JobPortalAdapter(service: portal, configuration: Self.configuration)
        let found = try await Self.serving({ adapter.addRoutes(to: $0) }, unsignedPath: JobPortalPaths.vacancies) { url in
            try await ReferenceJobPortal.programClient(baseURL: url).searchAll(JobSearchFilter(), limit: 7)
        }
        #expect(Set(found.map(\.id)) == Set(vacancies.filter { $0.isOpen(at: Date()) }.map(\.id)))
    }

    @Test func aTrainingProviderServesTheContractBesideItsOwnRoutes() async throws {
        let provider = MinimalTrainingProvider()
        let catalogue = ReferenceCatalogue.generate(now: Date(), courses: 12)
        for course in catalogue.courses { provider.publish(course, schedules: catalogue.schedules[course.course.code] ?? []) }
        let adapter = TrainingProviderAdapter(service: provider, configuration: Self.configuration)
        let courses = try await Self.serving({ adapter.addRoutes(to: $0) }, unsignedPath: TrainingProviderPaths.courses) { url in
            try await ReferenceTrainingProvider.programClient(baseURL: url).allCourses()
        }
        #expect(courses.map(\.code).sorted() == catalogue.courses.map(\.course.code).sorted())
    }

    @Test func aDigitalPlatformServesTheContractBesideItsOwnRoutes() async throws {
        let platform = MinimalDigitalPlatform()
        let store = ReferenceDigitalPlatformStore(catalogue: .generate(now: Date(), courses: 10))
        for listing in store.listings { platform.list(listing) }
        for completion in store.completions { platform.complete(completion) }
        let adapter = DigitalPlatformAdapter(service: platform, configuration: Self.configuration)
        let (listings, completions) = try await Self.serving({ adapter.addRoutes(to: $0) }, unsignedPath: DigitalPlatformPaths.listings) { url in
            let client = ReferenceDigitalPlatform.programClient(baseURL: url)
            return (try await client.allListings(), try await client.completionPages(limit: 3).items())
        }
        #expect(listings.count == store.listings.count)
        #expect(completions == store.completions)
    }

    @Test func aPaymentPartnerServesTheContractBesideItsOwnRoutes() async throws {
        let partner = MinimalPaymentPartner()
        let siti = try #require(
            ReferencePaymentLedger(defects: []).accounts.first { $0.account.kycStatus == .verified && $0.account.holderNIK == $0.recipientNIK })
        partner.open(siti.account, as: siti.reference)
        let adapter = PaymentPartnerAdapter(service: partner, configuration: ReferencePaymentPartner().configuration)
        let request = PaymentHarness.topUp(siti, reference: "PRK-MIN-1")
        let (paid, retried) = try await Self.serving({ adapter.addRoutes(to: $0) }, unsignedPath: PaymentPartnerAdapter.Path.topUp) { url in
            let client = ReferencePaymentPartner.programClient(baseURL: url)
            return (try await client.topUp(request), try await client.topUp(request))
        }
        #expect(paid.amount.value == "600000.00")
        #expect(retried.referenceNo == paid.referenceNo, "a retry gets the original payment")
    }
}

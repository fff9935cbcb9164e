import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaConformance
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaReferencePartners
import Synchronization
import Testing

/// The job-portal suite judges what the contract says, no more: a correct portal that keeps
/// publishing during the walk passes pagination; an unknown parameter must be refused as
/// `invalid_parameter` naming it; a successful recommendation is validated; the negative check
/// names queries and bodies for what they are.
@Suite struct JobPortalSuiteTests {
    /// Runs `selection` of the job-portal suite against `router`.
    static func run<Context: RequestContext>(_ router: Router<Context>, _ selection: Selection) async throws -> RunResult
    where Context.Source == ApplicationRequestContextSource {
        try await HTTPServerRunner.withRunning(router) { url in
            try await ConformanceRun.run(try ReferencePartners.config("reference-job-portal", baseURL: url), selection: selection)
        }
    }

    @Test func aCorrectPortalPublishingDuringTheWalkPasses() async throws {
        let portal = ReferenceJobPortal()
        let template = try #require(portal.store.vacancies.first { $0.location.province.code == "32" && $0.isOpen(at: Date()) })
        // Every page a walk asks for is the signal: a new vacancy in the walked province, the
        // newest first in search order, is published before the page is read.
        let service = PublishingBeforeEachSearch(store: portal.store) { number in
            try JobVacancy(
                id: "VAC-NEW-\(number)", title: template.title, company: template.company, description: template.description,
                location: template.location, education: template.education, industry: template.industry, salary: template.salary,
                jobType: template.jobType, skills: template.skills, postedAt: Date(), updatedAt: Date(), closesAt: template.closesAt)
        }
        let router = Router(context: SignedJSONContext.self)
        JobPortalAdapter(service: service, configuration: portal.configuration).mount(on: router)
        let run = try await Self.run(router, Selection(only: ["job-portal.pagination", "job-portal.negative", "job-portal.spec"]))
        #expect(service.published > 10, "vacancies were added during the walks")
        let verdicts = Dictionary(uniqueKeysWithValues: run.checks.map { ($0.check.id, $0) })
        for id in ["job-portal.pagination.complete", "job-portal.pagination.no-duplicates"] {
            #expect(verdicts[id]?.verdict == .pass, "\(id): \(verdicts[id]?.message ?? "not run")")
        }
        let negative = try #require(verdicts["job-portal.negative.invalid-payloads-refused"])
        #expect(negative.message.contains("forbidden queries and"), "\(negative.message)")
        // The tour's recommendation request is valid, so a successful answer is validated against its schema.
        let schema = try #require(verdicts["job-portal.spec.response-schema"])
        #expect(schema.verdict == .pass)
        #expect(schema.evidence.exchanges.contains { $0.url.hasSuffix("/v1/recommendations") && $0.status == 200 })
    }

    @Test func anUnknownParameterRefusedWithTheWrongCodeFails() async throws {
        for (code, field, verdict) in [
            ("invalid_field", nil, Verdict.fail), ("invalid_parameter", "limit", .fail), ("invalid_parameter", nil, .pass),
        ] {
            // Naming `field`, or else the parameter the probe added (the query's last).
            let router = Router()
            router.get("/v1/vacancies") { request, _ in
                let named = field ?? request.uri.query?.split(separator: "&").last?.split(separator: "=").first.map(String.init) ?? ""
                return Response(
                    status: .badRequest, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"code":"\#(code)","message":"rejected","field":"\#(named)"}}"#)))
            }
            let run = try await Self.run(router, Selection(only: ["job-portal.spec.unknown-parameter-refused"]))
            let result = try #require(run.checks.first { $0.check.id == "job-portal.spec.unknown-parameter-refused" })
            #expect(result.verdict == verdict, "\(code) naming \(field ?? "it"): \(result.message) \(result.evidence.findings)")
        }
    }
}

/// The reference portal's store, publishing a new vacancy (`make(n)`, the n-th) before each search page.
final class PublishingBeforeEachSearch: JobPortalService {
    let store: ReferenceJobPortalStore
    let make: @Sendable (Int) throws -> JobVacancy
    private let count = Mutex(0)

    init(store: ReferenceJobPortalStore, make: @escaping @Sendable (Int) throws -> JobVacancy) {
        self.store = store
        self.make = make
    }

    var published: Int { count.withLock { $0 } }

    func search(_ filter: JobSearchFilter, page: PageRequest, now: Date) async throws -> Page<JobVacancy> {
        let number = count.withLock {
            $0 += 1
            return $0
        }
        store.publish(try make(number))
        return try await store.search(filter, page: page, now: now)
    }

    func vacancy(id: String) async throws -> JobVacancy? { try await store.vacancy(id: id) }
    func updates(since: Date, page: PageRequest) async throws -> Page<JobVacancy> { try await store.updates(since: since, page: page) }
    func recommendations(for request: RecommendationRequest, limit: Int, now: Date) async throws -> [Recommendation] {
        try await store.recommendations(for: request, limit: limit, now: now)
    }
    func application(submissionID: String) async throws -> (submission: ApplicationSubmission, application: JobApplication)? {
        try await store.application(submissionID: submissionID)
    }
    func submit(_ submission: ApplicationSubmission, at date: Date) async throws -> JobApplication { try await store.submit(submission, at: date) }
    func application(id: String) async throws -> JobApplication? { try await store.application(id: id) }
}

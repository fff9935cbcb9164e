import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaConformance
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaReferencePartners
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
        let publishing = Task {
            // New vacancies in the walked province, the newest first in search order, all run long.
            var number = 0
            while !Task.isCancelled {
                number += 1
                portal.store.publish(
                    try JobVacancy(
                        id: "VAC-NEW-\(number)", title: template.title, company: template.company, description: template.description,
                        location: template.location, education: template.education, industry: template.industry, salary: template.salary,
                        jobType: template.jobType, skills: template.skills, postedAt: Date(), updatedAt: Date(), closesAt: template.closesAt))
                try? await Task.sleep(for: .milliseconds(5))
            }
            return number
        }
        let run = try await Self.run(portal.router(), Selection(only: ["job-portal.pagination", "job-portal.negative", "job-portal.spec"]))
        publishing.cancel()
        let added = try await publishing.value
        #expect(added > 10, "vacancies were added during the run")
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
            ("invalid_field", "colour", Verdict.fail), ("invalid_parameter", "limit", .fail), ("invalid_parameter", "colour", .pass),
        ] {
            let router = Router()
            router.get("/v1/vacancies") { _, _ in
                Response(
                    status: .badRequest, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"code":"\#(code)","message":"rejected","field":"\#(field)"}}"#)))
            }
            let run = try await Self.run(router, Selection(only: ["job-portal.spec.unknown-parameter-refused"]))
            let result = try #require(run.checks.first { $0.check.id == "job-portal.spec.unknown-parameter-refused" })
            #expect(result.verdict == verdict, "\(code) naming \(field): \(result.message) \(result.evidence.findings)")
        }
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaReferencePartners
import PrakerjaSchema
import PrakerjaTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The reports, all from one run of the payment suite against a partner with a defect.
@Suite struct ReportTests {
    /// One run shared by the tests.
    static let running = Task {
        try await ReferencePartners.run(
            "reference-payment-partner", defects: ReferenceFleet.Defects(payment: [.feeDeducted]),
            selection: Selection(only: ["payment.profile", "payment.security.bad-signature-refused"]))
    }

    @Test func theJSONReportMatchesItsSchemaAndReadsBack() async throws {
        let run = try await Self.running.value
        let data = try JSONReport.render(run)
        var registry = SchemaRegistry()
        let schema = try SchemaDocument.load(Repository.root.appending(path: "Specs/conformance-report.schema.json").path)
        registry.add(schema, uri: "https://prakerja-kit.example/specs/conformance-report.schema.json")
        let errors = JSONSchemaValidator(registry: registry, assertFormats: true)
            .validate(try JSONValue.parse(data), against: "https://prakerja-kit.example/specs/conformance-report.schema.json")
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        let read = try JSONReport.read(data)
        #expect(read.runID == run.runID)
        #expect(read.checks.count == run.checks.count)
        #expect(try JSONReport.failedChecks(in: data) == ["payment.profile.no-fee"])
    }

    @Test func noReportCarriesASecretOrAnUnmaskedNIK() async throws {
        let run = try await Self.running.value
        let reports = [String(decoding: try JSONReport.render(run), as: UTF8.self), JUnitReport.render(run), HTMLReport.render(run)]
        #expect(reports[0].contains("Bearer <redacted"), "the JSON report shows that a token was sent")
        for report in reports {
            #expect(!report.contains("snap-client-secret-7d1f0c2e"))
            #expect(!report.contains("3273014508950001"), "the NIK sent in every top-up is masked in evidence")
            #expect(
                report.range(of: "Bearer (?!<redacted|&lt;redacted)", options: .regularExpression) == nil, "tokens are shown only as their length")
        }
    }

    @Test func theJUnitReportIsWellFormedWithOneCasePerCheck() async throws {
        let run = try await Self.running.value
        let xml = JUnitReport.render(run)
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == run.checks.count)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == 1)
        #expect(xml.contains(#"name="payment.profile.no-fee""#))
        #expect(xml.contains("2500.00"))
    }

    @Test func theHTMLReportIsSelfContainedWithTheFailuresEvidence() async throws {
        let run = try await Self.running.value
        let html = HTMLReport.render(run)
        #expect(!html.contains("<script"))
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none';"#), "saved to disk, it still runs nothing")
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("<link"))
        #expect(html.contains("a fee was taken from the incentive"))
        #expect(html.contains("<details open>"))
        #expect(html.contains("Pass rate by group"))
    }
}

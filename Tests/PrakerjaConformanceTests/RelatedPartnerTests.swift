import Foundation
import PrakerjaConformance
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// A check that compares the partner with a related one (a platform's listings with the
/// provider's courses) judges only the partner: when the related partner cannot be read, the
/// comparison could not be made, and nobody failed.
@Suite struct RelatedPartnerTests {
    @Test func anUnreadableProviderLeavesTheListingComparisonsUnjudged() async throws {
        let run = try await ReferenceFleet.withRunning(only: ["reference-digital-platform"]) { endpoints in
            var config = try endpoints.config("reference-digital-platform", configs: Repository.root.appending(path: "Conformance/configs").path)
            config.related = config.related.map { related in
                var down = related
                down.baseURL = "http://127.0.0.1:9"
                return down
            }
            return try await ConformanceRun.run(config, selection: Selection(only: ["digital-platform.listings"]))
        }
        let verdicts = Dictionary(uniqueKeysWithValues: run.checks.map { ($0.check.id, $0) })
        for id in ["digital-platform.listings.price-matches-provider", "digital-platform.listings.title-matches-provider"] {
            let result = try #require(verdicts[id])
            #expect(result.verdict == .error, "\(id): \(result.verdict) \(result.message)")
            #expect(result.message.contains("related training provider"), "\(result.message)")
        }
        #expect(verdicts["digital-platform.listings.ratings-in-range"]?.verdict == .pass, "the platform's own checks still judge it")
        #expect(run.exitCode == 3)
    }
}

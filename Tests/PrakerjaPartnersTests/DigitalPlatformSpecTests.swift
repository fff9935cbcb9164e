import Foundation
import OpenAPIKit
import PrakerjaModels
import PrakerjaPartners
import PrakerjaTestSupport
import Testing

/// `Specs/digital-platform.openapi.yaml` and the SDK describe the same API.
@Suite struct DigitalPlatformSpecTests {
    static let path = "Specs/digital-platform.openapi.yaml"
    static let spec = Result { try SpecDocument(path) }

    @Test func parsesAndValidatesWithOpenAPIKit() throws {
        let spec = try Self.spec.get()
        #expect(spec.document.openAPIVersion == .v3_1_0)
        try spec.document.validate()
        #expect(try SpecDocument.nullValuedKeys(in: Self.path) == [], "no value is lost to YAML null")
        #expect(
            Set(spec.dereferenced.routes.map(\.path.rawValue)) == [
                DigitalPlatformPaths.listings, "/v1/listings/{courseCode}", "/v1/transactions/{invoiceCode}", DigitalPlatformPaths.completions,
            ])
    }

    @Test func schemasMatchTheSDKTypes() throws {
        let spec = try Self.spec.get()
        let pairs: [(String, any (Codable & Sendable).Type)] = [
            ("Listing", Listing.self), ("ListingPage", Page<Listing>.self), ("ListingDetail", ListingDetail.self), ("Review", Review.self),
            ("Invoice", Invoice.self), ("Completion", Completion.self), ("CompletionPage", Page<Completion>.self),
            ("RatingSummary", RatingSummary.self), ("Error", RoleErrorBody.self), ("Schedule", Schedule.self),
        ]
        for (name, type) in pairs {
            let schema = try #require(spec.document.components.schemas[try OpenAPI.ComponentKey.forceInit(rawValue: name)], "the spec has no \(name)")
            try SchemaAgreement.check(type, against: try schema.dereferenced(in: spec.document.components), name: name)
        }
        let codes = try #require(spec.document.components.schemas["ErrorCode"]?.allowedValues).compactMap { $0.value as? String }
        #expect(Set(codes) == Set(RoleErrorCode.allCases.map(\.rawValue)))
    }
}

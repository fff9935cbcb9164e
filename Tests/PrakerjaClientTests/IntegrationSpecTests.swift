import Foundation
import OpenAPIKit
import PrakerjaClient
import PrakerjaTestSupport
import Testing
import Yams

/// `Specs/prakerja-integration.openapi.yaml` and the client's Codable types describe the same API.
@Suite struct IntegrationSpecTests {
    static let spec = try! SpecDocument("Specs/prakerja-integration.openapi.yaml")
    static var document: OpenAPI.Document { spec.document }
    static func operation(_ id: String) -> (path: String, operation: DereferencedOperation)? { spec.operation(id) }

    @Test func parsesAndValidatesWithOpenAPIKit() throws {
        #expect(Self.document.openAPIVersion == .v3_1_0)
        try Self.document.validate()
        #expect(try SpecDocument.nullValuedKeys(in: "Specs/prakerja-integration.openapi.yaml") == [], "no value is lost to YAML null")
    }

    @Test(arguments: Operations.all.map(\.id))
    func operationMatchesTheSpec(_ id: String) throws {
        let client = try #require(Operations.named(id))
        let (path, operation) = try #require(Self.operation(id), "the spec has no operation \(id)")
        #expect(path == client.path)
        #expect(operation.vendorExtensions["x-client-role"]?.value as? String == client.role.rawValue)
        #expect(operation.vendorExtensions["x-safe-to-retry"]?.value as? Bool == client.isSafeToRetry)

        let requestSchema = try #require(operation.requestBody?.content[.json]?.schema)
        try SchemaAgreement.check(client.requestType, against: requestSchema, name: "\(id) request")

        let success = try #require(operation.responses[status: 200]?.content[.json]?.schema)
        let data = try #require(SchemaAgreement.property("data", of: success), "\(id): the 200 response has no data schema")
        try SchemaAgreement.check(client.responseType, against: data, name: "\(id) response data")
    }

    @Test func errorCodesMatchTheCatalogue() throws {
        let known = try #require(Self.document.components.schemas["ErrorCode"]?.vendorExtensions["x-known-codes"]?.value as? [String: Any])
        let catalogue = Dictionary(uniqueKeysWithValues: ProgramErrorCode.all.map { ($0.code, $0.meaning) })
        #expect(Set(known.keys) == Set(catalogue.keys))
        for (code, meaning) in known {
            #expect(meaning as? String == catalogue[code], "\(code): the spec and ProgramErrorCode disagree on its meaning")
        }
        for operation in Operations.all {
            let listed = try #require(Self.operation(operation.id)?.operation.vendorExtensions["x-error-codes"]?.value as? [Any])
            for code in listed.compactMap({ $0 as? String }) {
                #expect(catalogue[code] != nil, "\(operation.id) lists \(code), which is not in the catalogue")
            }
            #expect(listed.count >= 12, "\(operation.id) lists every authentication and request error at least")
        }
    }
}

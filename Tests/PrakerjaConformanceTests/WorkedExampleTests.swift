import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaSchema
import PrakerjaTestSupport
import Testing

/// Every request body `Specs/signatures.md` and `Conformance/vectors/signatures.json` sign is one
/// its contract accepts: a partner who copies a worked example copies a valid request.
@Suite struct WorkedExampleTests {
    static let vectors = SignatureVectors.all

    /// The contract's schema for the request body of `method path`, or for its webhook.
    static func problems(_ body: String, method: String, path: String, contract: String, webhook: String? = nil) throws -> [String] {
        let loaded = try Contract.load(Repository.root.appending(path: "Specs/\(contract)").path)
        let pointer: JSONPointer
        if let webhook {
            pointer = try #require(JSONPointer("/webhooks/\(webhook)/post/requestBody/content/application~1json/schema"))
        } else {
            let operation = try #require(loaded.operation(method: method.uppercased(), path: path), "\(contract) has \(method) \(path)")
            pointer = try #require(operation.requestSchema, "\(operation.id) takes a body")
        }
        return loaded.validate(try JSONValue.parse(Array(body.utf8)), against: pointer).map(\.description)
    }

    @Test func everySignedBodyIsAValidRequest() throws {
        for vector in Self.vectors.prakerja where !vector.body.isEmpty {
            let problems = try Self.problems(vector.body, method: vector.method, path: vector.path, contract: "prakerja-integration.openapi.yaml")
            #expect(problems.isEmpty, "\(vector.name): \(problems)")
        }
        for vector in Self.vectors.snapSymmetric where !vector.body.isEmpty && vector.method == "POST" {
            let problems = try Self.problems(vector.body, method: vector.method, path: vector.path, contract: "payment-partner.openapi.yaml")
            #expect(problems.isEmpty, "\(vector.name): \(problems)")
        }
        for vector in Self.vectors.snapAsymmetricNotification {
            let problems = try Self.problems(
                vector.body, method: vector.method, path: vector.path, contract: "payment-partner.openapi.yaml", webhook: "topup-notify")
            #expect(problems.isEmpty, "\(vector.name): \(problems)")
            #expect(vector.privateKey.contains("partner"), "a notification is signed with the partner's key")
            #expect(vector.path == "/prakerja/notifications", "the path the program listens on")
        }
    }
}

import Foundation
import OpenAPIKit
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaTestSupport
import Testing

/// `Specs/payment-partner.openapi.yaml`, the SDK's SNAP types and the adapter describe the same API.
@Suite struct PaymentSpecTests {
    static let spec = try! SpecDocument("Specs/payment-partner.openapi.yaml")
    typealias Path = PaymentPartnerAdapter.Path

    /// Each operation: its path in the adapter, its SNAP service, and the SDK's request and response types.
    static let operations:
        [(
            id: String, path: String, service: SNAPService, request: any (Codable & Sendable).Type,
            response: any (Codable & Sendable).Type
        )] = [
            ("access-token", Path.accessToken, .accessToken, AccessTokenRequest.self, AccessTokenResponse.self),
            (
                "emoney-account-inquiry", Path.eMoneyAccountInquiry, .eMoneyAccountInquiry, EMoneyAccountInquiryRequest.self,
                EMoneyAccountInquiryResponse.self
            ),
            ("bank-account-inquiry", Path.bankAccountInquiry, .bankAccountInquiry, BankAccountInquiryRequest.self, BankAccountInquiryResponse.self),
            ("emoney-topup", Path.topUp, .topUp, TopUpRequest.self, TopUpResponse.self),
            ("intrabank-transfer", Path.intrabankTransfer, .intrabankTransfer, TransferRequest.self, TransferResponse.self),
            ("topup-status", Path.topUpStatus, .topUpStatus, StatusRequest.self, StatusResponse.self),
            ("transfer-status", Path.transferStatus, .transferStatus, StatusRequest.self, StatusResponse.self),
        ]

    @Test func parsesAndValidatesWithOpenAPIKit() throws {
        #expect(Self.spec.document.openAPIVersion == .v3_1_0)
        try Self.spec.document.validate()
        #expect(try SpecDocument.nullValuedKeys(in: "Specs/payment-partner.openapi.yaml") == [], "no value is lost to YAML null")
        #expect(Self.spec.dereferenced.routes.count == Self.operations.count, "every path of the spec is an operation the adapter serves")
    }

    @Test(arguments: operations.indices)
    func operationMatchesTheSDK(_ index: Int) throws {
        let expected = Self.operations[index]
        let (path, operation) = try #require(Self.spec.operation(expected.id), "the spec has no operation \(expected.id)")
        #expect(path == expected.path)
        #expect(operation.vendorExtensions["x-service-code"]?.value as? String == expected.service.rawValue)
        try SchemaAgreement.check(
            expected.request, against: try #require(operation.requestBody?.content[.json]?.schema), name: "\(expected.id) request")
        try SchemaAgreement.check(
            expected.response, against: try #require(operation.responses[status: 200]?.content[.json]?.schema),
            name: "\(expected.id) response")

        let codes = try #require(operation.vendorExtensions["x-response-codes"]?.value as? [Any]).compactMap { $0 as? String }
        for text in codes {
            let code = try #require(SNAPResponseCode(text), "\(expected.id): \(text) is not a 7-digit code")
            #expect(code.service == expected.service.rawValue, "\(expected.id): \(text) is for another service")
            #expect(SNAPOutcome.all.contains { code.is($0) }, "\(expected.id): \(text) is not an outcome of the profile")
            #expect(
                code.httpStatus == 200 || operation.responses[status: .init(integerLiteral: code.httpStatus)] != nil,
                "\(expected.id): \(text) has no \(code.httpStatus) response")
        }
        for outcome in [SNAPOutcome.success, .invalidFieldFormat, .invalidMandatoryField, .unauthorized, .bodyTooLarge, .generalError] {
            #expect(
                codes.contains(SNAPResponseCode(outcome, service: expected.service).description),
                "\(expected.id) lists \(outcome.message), which every operation can answer")
        }
    }

    @Test func theNotificationAndTheFailureMatchTheSDK() throws {
        let webhook = try #require(Self.spec.document.webhooks["topup-notify"]?.b).dereferenced(in: Self.spec.document.components)
        let schema = try #require(webhook.post?.requestBody?.content[.json]?.schema)
        try SchemaAgreement.check(TopUpNotification.self, against: schema, name: "notification")
        let failure = try #require(Self.spec.document.components.schemas["Failure"])
        try SchemaAgreement.check(SNAPFailure.self, against: try failure.dereferenced(in: Self.spec.document.components), name: "Failure")
    }
}

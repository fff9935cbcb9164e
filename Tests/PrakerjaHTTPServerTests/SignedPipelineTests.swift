import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PrakerjaHTTPServer
import Testing

/// The one signed-JSON pipeline: each middleware answers its own refusal in the contract's form,
/// and a request that passes them all reaches the handler with its body and its caller.
@Suite struct SignedPipelineTests {
    static func refusal(_ response: TestResponse) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])?["refusal"]
    }

    @Test func aSignedRequestReachesTheHandlerWithItsBodyAndCaller() async throws {
        let body = #"{"text":"halo"}"#
        try await Application(router: PipelineHarness.router()).test(.router) { client in
            let response = try await client.execute(
                uri: "/signed/echo", method: .post, headers: PipelineHarness.headers(path: "/signed/echo", body: body),
                body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            let echoed = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
            #expect(echoed == ["caller": PipelineHarness.clientCode, "text": "halo"])
        }
    }

    @Test func aBodyOverTheLimitIsRefusedBeforeTheSignature() async throws {
        let body = #"{"text":"\#(String(repeating: "x", count: 100))"}"#
        try await Application(router: PipelineHarness.router()).test(.router) { client in
            let response = try await client.execute(uri: "/signed/echo", method: .post, headers: [:], body: ByteBuffer(string: body))
            #expect(response.status == .contentTooLarge)
            #expect(Self.refusal(response) == "too-large")
        }
    }

    @Test func anUnsignedOrBadlySignedRequestIsRefusedNamingWhy() async throws {
        let body = #"{"text":"halo"}"#
        try await Application(router: PipelineHarness.router()).test(.router) { client in
            let unsigned = try await client.execute(uri: "/signed/echo", method: .post, headers: [:], body: ByteBuffer(string: body))
            #expect(unsigned.status == .unauthorized)
            #expect(String(buffer: unsigned.body).contains("missing header client_code"))
            let forged = try await client.execute(
                uri: "/signed/echo", method: .post,
                headers: PipelineHarness.headers(path: "/signed/echo", body: body, key: "another-key"),
                body: ByteBuffer(string: body))
            #expect(forged.status == .unauthorized)
            #expect(String(buffer: forged.body).contains("signature does not match"))
        }
    }

    @Test func theSameSignedRequestIsAcceptedOnce() async throws {
        let body = #"{"text":"sekali"}"#
        let headers = PipelineHarness.headers(path: "/signed/echo", body: body)
        try await Application(router: PipelineHarness.router()).test(.router) { client in
            let first = try await client.execute(uri: "/signed/echo", method: .post, headers: headers, body: ByteBuffer(string: body))
            let again = try await client.execute(uri: "/signed/echo", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(first.status == .ok)
            #expect(again.status == .unauthorized)
            #expect(String(buffer: again.body).contains("replay"))
        }
    }

    @Test func theQueryIsSignedToo() async throws {
        let body = #"{"text":"halo"}"#
        try await Application(router: PipelineHarness.router()).test(.router) { client in
            let signedWithoutQuery = PipelineHarness.headers(path: "/signed/echo", body: body)
            let response = try await client.execute(
                uri: "/signed/echo?extra=1", method: .post, headers: signedWithoutQuery, body: ByteBuffer(string: body))
            #expect(response.status == .unauthorized)
        }
    }

    @Test func aBodyThatIsNotTheRequestNamesTheField() async throws {
        let body = #"{"text":12}"#
        try await Application(router: PipelineHarness.router()).test(.router) { client in
            let response = try await client.execute(
                uri: "/signed/echo", method: .post, headers: PipelineHarness.headers(path: "/signed/echo", body: body),
                body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(Self.refusal(response) == "undecodable")
            #expect(String(buffer: response.body).contains(#""detail":"text""#))
        }
    }

    @Test func aHandlerFailureIsTheContractsInternalErrorNeverACrash() async throws {
        try await Application(router: PipelineHarness.router()).test(.router) { client in
            let response = try await client.execute(
                uri: "/signed/crash", method: .post, headers: PipelineHarness.headers(path: "/signed/crash", body: "{}"),
                body: ByteBuffer(string: "{}"))
            #expect(response.status == .internalServerError)
            #expect(Self.refusal(response) == "internal")
        }
    }

    @Test func aRouteTheContractDoesNotHaveIsAnsweredInItsForm() async throws {
        try await Application(router: PipelineHarness.router()).test(.router) { client in
            let unknown = try await client.execute(uri: "/nowhere", method: .get)
            #expect(unknown.status == .notFound)
            #expect(Self.refusal(unknown) == "no-route")
            let wrongMethod = try await client.execute(uri: "/signed/echo", method: .get)
            #expect(wrongMethod.status == .notFound)
            #expect(String(buffer: wrongMethod.body).contains("GET /signed/echo"))
        }
    }
}

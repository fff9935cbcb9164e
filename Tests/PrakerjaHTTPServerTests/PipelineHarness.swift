import Foundation
import HTTPTypes
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaSigning

/// A contract made up for the tests: refusals as `{"refusal": CODE, "detail": TEXT}`, so each
/// test can see which step of the pipeline answered.
struct TestRefusal: ContractError, Equatable {
    let code: String
    let detail: String
    let status: HTTPResponse.Status

    var encodedBody: [UInt8] { Array(#"{"refusal":"\#(code)","detail":"\#(detail)"}"#.utf8) }

    static func bodyTooLarge(limit: Int) -> TestRefusal { TestRefusal(code: "too-large", detail: "\(limit)", status: .contentTooLarge) }
    static func unreadableBody(_ reason: String) -> TestRefusal { TestRefusal(code: "unreadable", detail: "", status: .badRequest) }
    static func unauthenticated(_ failure: AuthenticationFailure) -> TestRefusal {
        TestRefusal(code: "unauthenticated", detail: failure.description, status: .unauthorized)
    }
    static func undecodableBody(_ error: any Error) -> TestRefusal {
        TestRefusal(code: "undecodable", detail: (error as? DecodingError).map { FieldError($0).field } ?? "body", status: .badRequest)
    }
    static func noSuchRoute(method: String, path: String) -> TestRefusal {
        TestRefusal(code: "no-route", detail: "\(method) \(path)", status: .notFound)
    }
    static func answering(_ error: any Error) -> TestRefusal {
        error as? TestRefusal ?? TestRefusal(code: "internal", detail: "", status: .internalServerError)
    }
}

/// A signed echo service on the pipeline: body limit 64 bytes, the program's scheme for one client.
enum PipelineHarness {
    static let clientCode = "LPTEST01", signKey = "test-sign-key"
    static let clock = SigningClock.fixed(Date(timeIntervalSince1970: 1_700_000_000))

    struct Echo: Codable, Equatable {
        let text: String
    }

    static func router() -> Router<SignedJSONContext> {
        let router = Router(context: SignedJSONContext.self)
        router.add(middleware: ContractErrorMiddleware<SignedJSONContext, TestRefusal>(failure: TestRefusal.self))
        let authenticator = ProgramSignatureAuthenticator(
            keys: [clientCode: signKey], policy: VerificationPolicy(clock: clock, replayGuard: ReplayGuard(capacity: 100)), target: .pathAndQuery)
        let signed = router.group("/signed")
            .add(
                middleware: SignedRequestMiddleware<SignedJSONContext, TestRefusal>(
                    limit: 64, authenticator: authenticator, failure: TestRefusal.self))
        signed.post("/echo") { _, context in
            let echo = try context.decodeBody(Echo.self, failure: TestRefusal.self)
            return try JSONResponse.encode(.ok, ["caller": context.caller ?? "", "text": echo.text], failing: TestRefusal.self)
        }
        signed.post("/crash") { _, _ -> Response in throw CocoaError(.fileNoSuchFile) }
        return router
    }

    /// The program's headers for `body` at `path`, signed at the harness's clock.
    static func headers(path: String, body: String, key: String = signKey) -> HTTPFields {
        let signed = ProgramSignature(clientCode: clientCode, signKey: key)
            .headers(timestamp: String(Int64(clock.now().timeIntervalSince1970)), method: "POST", path: path, body: Array(body.utf8))
        var fields = HTTPFields()
        for field in signed.fields { fields[HTTPField.Name(field.name)!] = field.value }
        fields[.contentType] = "application/json"
        return fields
    }
}

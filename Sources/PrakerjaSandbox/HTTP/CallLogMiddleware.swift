import Hummingbird
import PrakerjaHTTPServer

/// Records every call of the integration API in the sandbox's log, whichever step answered it:
/// the body limit, the signature, the role, the decoder or the operation. A refusal is answered
/// here, as the program's error envelope, so the log holds exactly the bytes sent back. What the
/// sandbox tolerated to accept a call is recorded with it and named in `X-Sandbox-Tolerated`.
struct CallLogMiddleware: RouterMiddleware {
    let log: CallLog

    func handle(_ request: Request, context: SandboxContext, next: (Request, SandboxContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        let payload: [UInt8], outcome: String, signature: String
        do {
            response = try await next(request, context)
            payload = context.exchange.state.withLock { $0.responseBody }
            (outcome, signature) = ("success", "valid")
        } catch {
            let failure = SandboxFailure.answering(error)
            payload = failure.encodedBody
            outcome = failure.code.code
            signature = failure.authentication.map { "invalid: \($0)" } ?? (context.caller == nil ? "not checked" : "valid")
            response = JSONResponse.make(failure.status, payload)
        }
        let tolerated = context.exchange.state.withLock { $0.tolerated }
        if !tolerated.isEmpty { response.headers[.sandboxTolerated] = tolerated.map(\.code).joined(separator: ", ") }
        log.record(
            clientCode: request.headers.value(.programClientCode), method: request.method.rawValue, path: request.uri.path, signature: signature,
            status: Int(response.status.code), outcome: outcome, requestBody: context.requestBody, responseBody: payload,
            tolerated: tolerated, duration: .now - started)
        return response
    }
}

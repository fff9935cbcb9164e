import Hummingbird
import Logging
import PrakerjaSigning

/// How one signature scheme authenticates a request: from its head and its body bytes, who signed
/// it (and what a lenient verifier tolerated to accept it).
package protocol RequestAuthenticator: Sendable {
    func authenticate(_ request: Request, body: [UInt8]) throws(AuthenticationFailure) -> Authentication
}

/// Who signed a request, and what the verifier tolerated to accept it (empty for a strict one).
package struct Authentication: Sendable {
    package let caller: String
    package let tolerated: [SignatureTolerance]

    package init(caller: String, tolerated: [SignatureTolerance] = []) {
        self.caller = caller
        self.tolerated = tolerated
    }
}

/// Every signed JSON endpoint's pipeline, as one middleware parameterised by the scheme and the
/// contract: the body read once, a body over `limit` bytes refused before it is read in full; the
/// request authenticated (the scheme's signature, its timestamp window and its replay guard) and
/// the caller recorded in the context; and whatever is refused on the way, or thrown by the
/// handler, answered in the contract's error form (a server failure logged with its path).
///
/// One step rather than three: measured on the payment adapter, each middleware layer a request
/// passes through costs a few percent of its throughput.
package struct SignedRequestMiddleware<Context: SignedRequestContext, Failure: ContractError>: RouterMiddleware {
    let limit: Int
    let authenticator: any RequestAuthenticator

    package init(limit: Int, authenticator: any RequestAuthenticator, failure: Failure.Type) {
        self.limit = limit
        self.authenticator = authenticator
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request, context = context
        do {
            do {
                context.requestBody = try await BodyReader.read(&request, limit: limit)
            } catch {
                switch error {
                case .tooLarge: throw Failure.bodyTooLarge(limit: limit)
                case .unreadable(let reason): throw Failure.unreadableBody(reason)
                }
            }
            do {
                let authentication = try authenticator.authenticate(request, body: context.requestBody)
                context.caller = authentication.caller
                if !authentication.tolerated.isEmpty { context.signatureTolerances = authentication.tolerated }
            } catch {
                throw Failure.unauthenticated(error)
            }
            return try await next(request, context)
        } catch {
            throw Failure.answer(error, to: request, logger: context.logger)
        }
    }
}

extension ContractError {
    /// The contract's answer to anything thrown while serving `request`: its own refusals as they
    /// are, anything else as `answering` says; a server failure (5xx) is logged with the path.
    package static func answer(_ error: any Error, to request: Request, logger: Logger) -> Self {
        if let refusal = error as? Self { return refusal }
        let answer = answering(error)
        if answer.status.code >= 500 { logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"]) }
        return answer
    }
}

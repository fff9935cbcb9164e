import Hummingbird

/// Reads the request body once, refusing one over `limit` bytes before it is read in full, and
/// hands it on in the context: every later step (the signature, the decoder) works on these bytes.
package struct BodyLimitMiddleware<Context: SignedRequestContext, Failure: ContractError>: RouterMiddleware {
    let limit: Int

    package init(limit: Int, failure: Failure.Type) { self.limit = limit }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request, context = context
        do {
            context.requestBody = try await BodyReader.read(&request, limit: limit)
        } catch {
            switch error {
            case .tooLarge: throw Failure.bodyTooLarge(limit: limit)
            case .unreadable(let reason): throw Failure.unreadableBody(reason)
            }
        }
        return try await next(request, context)
    }
}

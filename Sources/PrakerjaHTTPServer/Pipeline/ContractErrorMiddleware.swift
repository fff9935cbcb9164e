import Hummingbird

/// A router that serves only one contract answers in the contract's form what the router itself
/// refuses (no such path, no such method) and anything else thrown on the way.
package struct ContractErrorMiddleware<Context: RequestContext, Failure: ContractError>: RouterMiddleware {
    package init(failure: Failure.Type) {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where [.notFound, .methodNotAllowed].contains(error.status) {
            throw Failure.noSuchRoute(method: request.method.rawValue, path: request.uri.path)
        } catch {
            throw Failure.answer(error, to: request, logger: context.logger)
        }
    }
}

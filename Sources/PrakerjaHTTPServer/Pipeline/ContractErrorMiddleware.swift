import Hummingbird

/// The outermost step of a contract's routes: what the router itself refuses (no such path, no
/// such method) and whatever a handler threw that is not the contract's own error are answered in
/// the contract's form; a failure of the server (5xx) is logged with the request's path.
package struct ContractErrorMiddleware<Context: RequestContext, Failure: ContractError>: RouterMiddleware {
    package init(failure: Failure.Type) {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as Failure {
            throw error
        } catch let error as HTTPError where [.notFound, .methodNotAllowed].contains(error.status) {
            throw Failure.noSuchRoute(method: request.method.rawValue, path: request.uri.path)
        } catch {
            let answer = Failure.answering(error)
            if answer.status.code >= 500 {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            throw answer
        }
    }
}

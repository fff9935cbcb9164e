import HTTPTypes
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaPartners
import PrakerjaPartnersServer

/// A partner's own Hummingbird application, serving a Prakerja contract beside its own routes.
///
/// The adapters are controllers generic over the request context: the partner's context needs
/// only to carry the request body and the verified caller (`SignedRequestContext`), and may carry
/// anything else the partner's own middleware puts there. The adapter adds its middleware (body
/// limit, signature, the contract's error form) to a group of its own, so the partner's other
/// routes are untouched by it, while the partner's router-wide middleware runs before it.
public enum PartnerApplication {
    /// The partner's request context: the adapter's two fields, and one of the partner's own.
    public struct Context: SignedRequestContext {
        public var coreContext: CoreRequestContextStorage
        public var requestBody: [UInt8] = []
        public var caller: String?
        /// Set by the partner's own middleware.
        public var requestTag: String?

        public init(source: ApplicationRequestContextSource) { coreContext = CoreRequestContextStorage(source: source) }
    }

    /// The partner's own middleware: tags every request and answers with the tag. The adapters
    /// throw their refusals (errors that render themselves in the contract's form), so a middleware
    /// that changes responses renders a thrown one first, as Hummingbird would.
    public struct RequestTagMiddleware: RouterMiddleware {
        public init() {}

        public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            var context = context
            context.requestTag = "partner-\(request.uri.path.count)"
            var response: Response
            do {
                response = try await next(request, context)
            } catch let refusal as any HTTPResponseError {
                response = try refusal.response(from: request, context: context)
            }
            response.headers[HTTPField.Name("X-Partner-Tag")!] = context.requestTag
            return response
        }
    }

    /// The partner's router: its health check and middleware, and `mount` adding a contract's routes.
    public static func router(mount: (RouterGroup<Context>) -> Void) -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: RequestTagMiddleware())
        router.get("/health") { _, context in "ok \(context.requestTag ?? "")" }
        mount(router.group())
        return router
    }
}

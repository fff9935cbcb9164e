import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PrakerjaKitFiles
import PrakerjaStore

/// The curation console (`prakerja serve`): server-rendered pages over the results history, for
/// the program's admins, assessors and monitors of their institutions, partner users (their own
/// partner's runs only) and viewers. Every flow works without JavaScript. Who may call each
/// route is in one table (`routes`), which the router is built from and the authorisation tests
/// walk; a form is accepted only with its session's token (or, signing in, the token of the
/// form's own cookie); every answer carries the security headers.
public struct ConsoleApplication: Sendable {
    let store: ResultsStore
    let configuration: ConsoleConfiguration
    let views: ConsoleViews
    let logger: Logger

    /// A console over `store`; fails when this build lacks its templates or texts.
    public init(store: ResultsStore, configuration: ConsoleConfiguration = .init(), logger: Logger = Logger(label: "prakerja.console")) throws {
        self.store = store
        self.configuration = configuration
        self.views = try .load()
        self.logger = logger
    }

    /// A route and what answers it.
    struct Endpoint: Sendable {
        let route: ConsoleRoute
        let answer: @Sendable (Request, ConsoleContext) async throws -> Response
    }

    /// Every route of the console with who may call it.
    var routes: [ConsoleRoute] { endpoints.map(\.route) }

    var endpoints: [Endpoint] {
        [
            Endpoint(route: .init(method: .get, path: "/static/console.css", access: .anyone), answer: stylesheet),
            Endpoint(route: .init(method: .get, path: "/language/{language}", access: .anyone), answer: switchLanguage),
            Endpoint(route: .init(method: .get, path: "/sign-in", access: .anyone), answer: signInPage),
            Endpoint(route: .init(method: .post, path: "/sign-in", access: .anyone), answer: signIn),
            Endpoint(route: .init(method: .post, path: "/sign-out", access: .signedIn), answer: signOut),
            Endpoint(route: .init(method: .get, path: "/", access: .signedIn), answer: dashboard),
            Endpoint(route: .init(method: .get, path: "/runs", access: .signedIn), answer: runsPage),
            Endpoint(route: .init(method: .get, path: "/runs/{id}", access: .signedIn), answer: runPage),
            Endpoint(route: .init(method: .get, path: "/runs/{id}/results/{position}", access: .signedIn), answer: resultPage),
            Endpoint(route: .init(method: .get, path: "/people", access: .roles([.admin])), answer: peoplePage),
        ]
    }

    /// The console's router: the security headers, the error pages and the session around every
    /// route of `endpoints`, each behind its access rule.
    public func router() -> Router<ConsoleContext> {
        let router = Router(context: ConsoleContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(views: views, logger: logger))
        router.add(middleware: SessionLoader(store: store, trustedProxies: configuration.trustedProxies))
        for endpoint in endpoints {
            let guarded = guarded(endpoint)
            router.on(RouterPath(endpoint.route.path), method: endpoint.route.method) { request, context in try await guarded(request, context) }
        }
        return router
    }

    /// `endpoint`'s answer behind its access rule: anonymous people are sent to sign in, people
    /// of another role refused, and a form of a signed-in person accepted only with the token of
    /// their session.
    private func guarded(_ endpoint: Endpoint) -> @Sendable (Request, ConsoleContext) async throws -> Response {
        let route = endpoint.route
        return { request, context in
            guard case .roles(let roles) = route.access else { return try await endpoint.answer(request, context) }
            guard let session = context.session else { return .redirect(to: "/sign-in", type: .found) }
            guard roles.contains(session.person.role) else { throw ConsoleRefusal.forbidden }
            var request = request
            if request.method == .post {
                let form = try await FormFields.read(&request, limit: configuration.maximumFormBytes)
                guard let token = form["csrf"], ConsoleSecurity.same(token, session.formToken) else { throw ConsoleRefusal.formExpired }
            }
            return try await endpoint.answer(request, context)
        }
    }

    /// An HTML page.
    func page(_ template: String, title: String, _ values: [String: Any], context: ConsoleContext, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: views.render(template, title: title, values, context: context))))
    }

    /// The text `key` in the request's language.
    func text(_ key: String, _ context: ConsoleContext) -> String { views.texts.text(key, context.language) }

    @Sendable func stylesheet(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let css = KitFiles.contents(of: "Console/static/console.css") else { throw ConsoleRefusal.notFound }
        return Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: css)))
    }

    /// Sets the language cookie and goes back to the page the switch was on (a path of this
    /// console only: never a redirect elsewhere).
    @Sendable func switchLanguage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let language = context.parameters.get("language").flatMap(ConsoleLanguage.init(rawValue:)) else { throw ConsoleRefusal.notFound }
        var back = "/"
        if let referer = request.headers[.referer].flatMap(URL.init(string:)), referer.path.hasPrefix("/"), !referer.path.hasPrefix("//"),
            !referer.path.hasPrefix("/language/")
        {
            back = referer.path
        }
        var response = Response.redirect(to: back, type: .found)
        response.setCookie(
            Cookie(
                name: "lang", value: language.rawValue, maxAge: 365 * 86_400, path: "/", secure: configuration.secureCookies, httpOnly: true,
                sameSite: .lax))
        return response
    }
}

/// Reads the session cookie and the language cookie into the context, and the client's address
/// from a trusted proxy's `X-Forwarded-For` (its last entry: the one the proxy added).
struct SessionLoader: RouterMiddleware {
    let store: ResultsStore
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws -> Response {
        var context = context
        if trustedProxies.contains(context.address), let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let client = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !client.isEmpty
        {
            context.address = client
        }
        context.language = request.cookies["lang"].flatMap { ConsoleLanguage(rawValue: $0.value) } ?? .id
        if let token = request.cookies[SessionCookie.name]?.value, !token.isEmpty {
            context.session = try await store.session(tokenHash: ConsoleSecurity.hash(token))
        }
        return try await next(request, context)
    }
}

/// Refusals and failures as pages in the request's language; a failure's cause goes to the log,
/// never to the page.
struct ErrorPages: RouterMiddleware {
    let views: ConsoleViews
    let logger: Logger

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refusal as ConsoleRefusal {
            return page(refusal.status, refusal.textKey, context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            return page(error.status, "notFound", context)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return page(error.status, "tooLarge", context)
        } catch {
            logger.error("\(request.method) \(request.uri.path): \(error)")
            return page(.internalServerError, "serverError", context)
        }
    }

    private func page(_ status: HTTPResponse.Status, _ key: String, _ context: ConsoleContext) -> Response {
        let message = views.texts.text(key, context.language)
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: views.render("message", title: "\(status.code)", ["message": message], context: context))))
    }
}

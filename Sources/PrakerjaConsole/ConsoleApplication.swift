import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PrakerjaConformance
import PrakerjaCuration
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
    /// The monitoring indicators, for the courses page's filters and heat map.
    let catalogue: IndicatorCatalogue
    /// The indicators of the runs people review, by kind: the rubrics reviewers read, and the
    /// decisions recomputed after their verdicts.
    let catalogues: [RunResult.Kind: IndicatorCatalogue]
    /// The sweeps whose courses were shown last, as the courses page reads them.
    let sweeps = RunCache<SweepCourses>()
    /// What assesses the proposals partners upload, as `prakerja assess` does.
    let assessor: ProposalAssessor

    /// A console over `store`; fails when this build lacks its templates or texts.
    public init(store: ResultsStore, configuration: ConsoleConfiguration = .init(), logger: Logger = Logger(label: "prakerja.console")) throws {
        self.store = store
        self.configuration = configuration
        self.views = try .load()
        self.logger = logger
        do {
            catalogue = try IndicatorCatalogue.standard(.monitoring)
            assessor = try ProposalAssessor()
            catalogues = [.assessment: assessor.catalogue, .monitoring: catalogue]
        } catch { throw ConsoleError("\(error)") }
        guard catalogue.indicators.count <= SweepCourses.indicatorLimit else {
            throw ConsoleError(
                "the monitoring catalogue has \(catalogue.indicators.count) indicators: courses are filtered by at most \(SweepCourses.indicatorLimit)"
            )
        }
    }

    /// A route and what answers it.
    struct Endpoint: Sendable {
        let route: ConsoleRoute
        let answer: @Sendable (Request, ConsoleContext) async throws -> Response
        /// The largest body its form may have, when larger than a form's (an upload).
        var bodyLimit: Int?
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
            Endpoint(route: .init(method: .get, path: "/runs/{id}/courses", access: .signedIn), answer: coursesPage),
            Endpoint(route: .init(method: .get, path: "/runs/{id}/download/{file}", access: .signedIn), answer: download),
            Endpoint(route: .init(method: .get, path: "/runs/{id}/diff", access: .signedIn), answer: diffPage),
            Endpoint(route: .init(method: .get, path: "/runs/{id}/results/{position}", access: .signedIn), answer: resultPage),
            Endpoint(route: .init(method: .post, path: "/runs/{id}/results/{position}/review", access: .roles(Self.reviewers)), answer: submitReview),
            Endpoint(route: .init(method: .get, path: "/reviews", access: .roles(Self.reviewers)), answer: reviewsPage),
            Endpoint(route: .init(method: .post, path: "/runs/{id}/assign", access: .roles([.admin])), answer: assignRun),
            Endpoint(route: .init(method: .post, path: "/reviews/balance", access: .roles([.admin])), answer: balanceRuns),
            Endpoint(route: .init(method: .get, path: "/people", access: .roles([.admin])), answer: peoplePage),
            Endpoint(route: .init(method: .get, path: "/waivers", access: .signedIn), answer: waiversPage),
            Endpoint(route: .init(method: .post, path: "/waivers", access: .roles(Self.proposers)), answer: proposeWaiver),
            Endpoint(route: .init(method: .post, path: "/waivers/{id}/decide", access: .roles([.admin])), answer: decideWaiver),
            Endpoint(route: .init(method: .get, path: "/sanctions", access: .signedIn), answer: sanctionsPage),
            Endpoint(route: .init(method: .post, path: "/sanctions/{id}/decide", access: .roles(Self.sanctionDeciders)), answer: decideSanction),
            Endpoint(route: .init(method: .get, path: "/partner", access: .roles([.partner])), answer: partnerPage),
            Endpoint(route: .init(method: .post, path: "/partner/runs", access: .roles([.partner])), answer: startPartnerRun),
            Endpoint(
                route: .init(method: .post, path: "/partner/proposals", access: .roles([.partner])), answer: uploadProposal,
                bodyLimit: Self.proposalLimit),
        ]
    }

    /// The console's router: the security headers, the error pages and the session around every
    /// route of `endpoints`, each behind its access rule.
    public func router() -> Router<ConsoleContext> {
        let router = Router(context: ConsoleContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(views: views, logger: logger))
        router.add(middleware: SameOriginForms(publicOrigin: configuration.publicOrigin))
        router.add(middleware: SessionLoader(store: store, trustedProxies: configuration.trustedProxies, secureCookies: configuration.secureCookies))
        for endpoint in endpoints {
            let guarded = guarded(endpoint)
            router.on(RouterPath(endpoint.route.path), method: endpoint.route.method) { request, context in try await guarded(request, context) }
            // HEAD answers as GET does, without the body.
            if endpoint.route.method == .get {
                router.on(RouterPath(endpoint.route.path), method: .head) { request, context in
                    let response = try await guarded(request, context)
                    return Response(status: response.status, headers: response.headers)
                }
            }
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
                let form = try await FormFields.read(&request, limit: endpoint.bodyLimit ?? configuration.maximumFormBytes)
                guard let token = form["csrf"], ConsoleSecurity.same(token, session.formToken) else { throw ConsoleRefusal.formExpired }
            }
            return try await endpoint.answer(request, context)
        }
    }

    /// An HTML page.
    func page(_ template: String, title: String, _ values: [String: Any], context: ConsoleContext, status: HTTPResponse.Status = .ok) -> Response {
        views.page(template, title: title, values, context: context, status: status)
    }

    /// The text `key` in the request's language.
    func text(_ key: String, _ context: ConsoleContext) -> String { views.texts.text(key, context.language) }

    @Sendable func stylesheet(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: views.stylesheet))
    }

    /// Sets the language cookie and goes back to the page the switch was on, query included.
    @Sendable func switchLanguage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let language = context.parameters.get("language").flatMap(ConsoleLanguage.init(rawValue:)) else { throw ConsoleRefusal.notFound }
        var response = Response.redirect(to: Self.consolePath(referer: request.headers[.referer]) ?? "/", type: .found)
        response.setCookie(
            SessionCookie.make(SessionCookie.language, language.rawValue, maxAge: 365 * 86_400, secure: configuration.secureCookies, sameSite: .lax))
        return response
    }

    /// The path and query of `referer` when they can only lead back into this console: a path
    /// of plain characters (letters, digits, `/-_.~`; never `//`, `\`, `%` or a control
    /// character, which browsers may read as another host) and a query of URL characters, not
    /// the language switch itself. Nil otherwise.
    static func consolePath(referer: String?) -> String? {
        guard let referer, let components = URLComponents(string: referer) else { return nil }
        let path = components.percentEncodedPath
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/language/"), ConsoleSecurity.isPlain(path, also: "/-_.~") else {
            return nil
        }
        guard let query = components.percentEncodedQuery, !query.isEmpty else { return path }
        return ConsoleSecurity.isPlain(query, also: "-_.~%+=&") ? "\(path)?\(query)" : path
    }
}

/// Refuses a form another site's page sent (login CSRF, a form posted from elsewhere): the
/// browser says so in `Sec-Fetch-Site`, or its `Origin` is neither the `Host` the request was
/// sent to nor the console's public origin. Requests without either header (command-line
/// clients) still need the form's token.
struct SameOriginForms: RouterMiddleware {
    let publicOrigin: String?

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
            throw ConsoleRefusal.otherSite
        }
        if let origin = request.headers[HTTPField.Name("Origin")!] {
            let sent = URLComponents(string: origin)?.origin
            let hosts = [
                request.head.authority.map { "http://\($0.lowercased())" }, request.head.authority.map { "https://\($0.lowercased())" }, publicOrigin,
            ]
            guard let sent, hosts.contains(sent) else { throw ConsoleRefusal.otherSite }
        }
        return try await next(request, context)
    }
}

/// Reads the session cookie and the language cookie into the context, and the client's address
/// from a trusted proxy's `X-Forwarded-For` (its last entry: the one the proxy added).
struct SessionLoader: RouterMiddleware {
    let store: ResultsStore
    let trustedProxies: Set<String>
    /// Whether the cookies are `Secure` (and so named with `__Host-`).
    let secureCookies: Bool

    func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response) async throws -> Response {
        var context = context
        if trustedProxies.contains(context.address), let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let client = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !client.isEmpty
        {
            context.address = client
        }
        context.language =
            SessionCookie.value(SessionCookie.language, in: request, secure: secureCookies).flatMap(ConsoleLanguage.init(rawValue:)) ?? .id
        if let token = SessionCookie.value(SessionCookie.name, in: request, secure: secureCookies), !token.isEmpty {
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
        views.page("message", title: "\(status.code)", ["message": views.texts.text(key, context.language)], context: context, status: status)
    }
}

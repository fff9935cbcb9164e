import Foundation
import Hummingbird
import PrakerjaStore

/// Signing in and out: a form with its own token (a cookie of the same value), bcrypt, refusals
/// throttled per account and per address, a new session (a new token: never one the browser
/// brought) at every sign-in, everything in the audit trail.
extension ConsoleApplication {
    @Sendable func signInPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        if context.session != nil { return .redirect(to: "/", type: .found) }
        return signInForm(request, context, login: "", problem: nil, status: .ok)
    }

    /// The sign-in form with its token, also set as its cookie: the token the browser's cookie
    /// already holds (a second tab's form does not void the first's), or a new one.
    func signInForm(_ request: Request, _ context: ConsoleContext, login: String, problem: String?, status: HTTPResponse.Status) -> Response {
        let token =
            SessionCookie.value(SessionCookie.form, in: request, secure: configuration.secureCookies).flatMap {
                ConsoleSecurity.isToken($0) ? $0 : nil
            } ?? ConsoleSecurity.token()
        var values: [String: Any] = ["formToken": token, "login": login]
        if let problem { values["problem"] = problem }
        var response = page("sign-in", title: text("signIn", context), values, context: context, status: status)
        response.setCookie(SessionCookie.make(SessionCookie.form, token, maxAge: 3_600, secure: configuration.secureCookies))
        return response
    }

    @Sendable func signIn(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        var request = request
        let form = try await FormFields.read(&request, limit: configuration.maximumFormBytes)
        guard let token = form["csrf"], let cookie = SessionCookie.value(SessionCookie.form, in: request, secure: configuration.secureCookies),
            !cookie.isEmpty, ConsoleSecurity.same(token, cookie)
        else { throw ConsoleRefusal.formExpired }
        let login = (form["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased(), password = form["password"] ?? ""
        let address = context.address, now = Date()
        // A login that cannot name a person is refused like a wrong password, but not recorded
        // under a name of the sender's choosing.
        let recorded = ConsolePerson.problem(login: login) == nil ? login : "(not a login)"
        guard
            let attempt = try await store.beginSignIn(
                login: recorded, address: address, since: now.addingTimeInterval(-configuration.throttleWindow),
                limit: (configuration.refusalsPerAccount, configuration.refusalsPerAddress), now: now)
        else { return signInForm(request, context, login: login, problem: text("signInThrottled", context), status: .tooManyRequests) }
        let found = ConsolePerson.problem(login: login) == nil ? try await store.person(signingInAs: login) : nil
        let matches = try await Passwords.verify(password, hash: found?.passwordHash)
        guard matches, let person = found?.person, !person.disabled else {
            let reason = found.map { $0.person.disabled ? "disabled" : "wrong password" } ?? "no such person"
            try await store.refusedSignIn(login: recorded, address: address, reason: reason)
            return signInForm(request, context, login: login, problem: text("signInRefused", context), status: .unauthorized)
        }
        // A session the browser already had ends: the new one has a token of its own.
        if let old = SessionCookie.value(SessionCookie.name, in: request, secure: configuration.secureCookies), !old.isEmpty {
            try await store.endSession(tokenHash: ConsoleSecurity.hash(old), now: now)
        }
        let session = ConsoleSecurity.token()
        try await store.startSession(
            login: person.login, tokenHash: ConsoleSecurity.hash(session), formToken: ConsoleSecurity.token(),
            expiresAt: now.addingTimeInterval(configuration.sessionLifetime), attempt: attempt, address: address, now: now)
        var response = Response.redirect(to: "/", type: .found)
        response.setCookie(SessionCookie.session(session, lifetime: configuration.sessionLifetime, secure: configuration.secureCookies))
        response.setCookie(SessionCookie.cleared(SessionCookie.form, secure: configuration.secureCookies))
        return response
    }

    @Sendable func signOut(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        if let token = SessionCookie.value(SessionCookie.name, in: request, secure: configuration.secureCookies) {
            try await store.endSession(tokenHash: ConsoleSecurity.hash(token))
        }
        var response = Response.redirect(to: "/sign-in", type: .found)
        response.setCookie(SessionCookie.cleared(SessionCookie.name, secure: configuration.secureCookies))
        return response
    }
}

import Foundation
import PrakerjaClient
import PrakerjaModels

/// Single sign-on for digital platforms: consent, code for token, profile.
extension SandboxStore {
    static let ssoScopes: Set<String> = ["name", "email", "prakerjaid", "notelp"]
    static let ssoCodeLifetime: TimeInterval = 600
    static let accessTokenLifetime = 3600

    /// The consent page's decision: the redirect with a code, or why the request is refused.
    mutating func consent(
        platform: String, redirectURI: String, scope: String, state: String, participantID: String
    ) -> Result<String, SandboxFailure> {
        let scopes = Set(scope.split(separator: " ").map(String.init))
        guard !scopes.isEmpty, scopes.isSubset(of: Self.ssoScopes) else {
            return .failure(SandboxFailure(.invalidField, "scope must be some of \(Self.ssoScopes.sorted().joined(separator: " "))"))
        }
        guard !state.isEmpty else { return .failure(SandboxFailure(.emptyField, "state: a mandatory field is missing or empty")) }
        guard participants[participantID] != nil else {
            return .failure(SandboxFailure(.participantNotFound, "no recipient has prakerja_id \(Masking.keepingLast(4, of: participantID))"))
        }
        guard var redirect = URLComponents(string: redirectURI), ["http", "https"].contains(redirect.scheme?.lowercased() ?? ""),
            !(redirect.host ?? "").isEmpty
        else { return .failure(SandboxFailure(.invalidRedirectURI, "redirect_uri is not an absolute http(s) URL")) }
        let code = Self.token()
        ssoGrants[code] = SSOGrant(platformCode: platform, participantID: participantID, scopes: scopes, expiresAt: now + Self.ssoCodeLifetime)
        redirect.queryItems = (redirect.queryItems ?? []) + [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: state)]
        return .success(redirect.string!)
    }

    mutating func exchange(_ request: SSOTokenRequest, platform: String) throws(SandboxFailure) -> SSOToken {
        try Self.requireFilled(["code": request.code])
        guard let grant = ssoGrants[request.code], grant.platformCode == platform, now <= grant.expiresAt else {
            throw SandboxFailure(.invalidSSOCode, "the code is unknown, expired, or was issued to another platform")
        }
        guard !grant.used else { throw SandboxFailure(.ssoCodeUsed, "the code was already exchanged") }
        ssoGrants[request.code]!.used = true
        let token = Self.token()
        ssoSessions[token] = SSOSession(
            platformCode: platform, participantID: grant.participantID, scopes: grant.scopes,
            expiresAt: now + TimeInterval(Self.accessTokenLifetime))
        return SSOToken(accessToken: token, tokenType: "Bearer", expiresIn: Self.accessTokenLifetime, refreshToken: Self.token())
    }

    mutating func profile(_ request: SSOProfileRequest, platform: String) throws(SandboxFailure) -> UserProfile {
        try Self.requireFilled(["access_token": request.accessToken])
        guard let session = ssoSessions[request.accessToken], session.platformCode == platform, now <= session.expiresAt,
            let participant = participants[session.participantID]
        else { throw SandboxFailure(.invalidAccessToken, "the access token is unknown, expired, or another platform's") }
        let scoped = { (scope: String, value: String) in session.scopes.contains(scope) ? value : nil }
        return UserProfile(
            dpUserID: "DPU-" + String(Catalogue.code(seed: "\(platform)|\(participant.prakerjaID)").prefix(8)),
            email: scoped("email", participant.email), name: scoped("name", participant.name),
            noPrakerja: scoped("prakerjaid", participant.prakerjaID), phoneNumber: scoped("notelp", participant.phone.e164))
    }
}

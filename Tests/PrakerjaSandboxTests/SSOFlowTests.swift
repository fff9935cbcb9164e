import Foundation
import PrakerjaClient
import PrakerjaSandbox
import Testing

@Suite struct SSOFlowTests {
    @Test func consentCodeTokenAndProfile() async throws {
        try await SandboxHarness.run { h in
            let consent = h.dp.ssoConsentURL(redirectURI: "https://dp.example.id/sso/callback", state: "xyz", scope: ["name", "email"])
            #expect(consent.hasPrefix(h.sandbox.baseURL + "/sso/authorize?client_id=DPMAJU01"))
            let chooser = try await AsyncHTTPClientTransport.shared.send(
                TransportRequest(method: "GET", url: consent, headers: [], body: []),
                timeout: .seconds(30))
            #expect(chooser.status == 200)
            #expect(String(decoding: chooser.body, as: UTF8.self).contains("login_hint=4001000000000001"))
            let back = try await h.visit(consent + "&login_hint=4001000000000001")
            #expect(back.queryItems?.first { $0.name == "state" }?.value == "xyz")
            let code = try #require(back.queryItems?.first { $0.name == "code" }?.value)

            await expectFailure(.invalidSSOCode) { () async throws(PrakerjaAPIError) in try await h.otherDP.exchangeSSOCode(code) }
            let token = try await h.dp.exchangeSSOCode(code)
            #expect(token.tokenType == "Bearer")
            #expect(token.expiresIn == 3600)
            await expectFailure(.ssoCodeUsed) { () async throws(PrakerjaAPIError) in try await h.dp.exchangeSSOCode(code) }

            let profile = try await h.dp.userProfile(accessToken: token.accessToken)
            #expect(profile.name == "Siti Rahmawati")
            #expect(profile.email == "siti.rahmawati@example.id")
            #expect(profile.noPrakerja == nil, "only the consented scopes are shared")
            #expect(profile.phoneNumber == nil, "only the consented scopes are shared")
            #expect(profile.dpUserID.hasPrefix("DPU-"))
            await expectFailure(.invalidAccessToken) { () async throws(PrakerjaAPIError) in
                try await h.otherDP.userProfile(accessToken: token.accessToken)
            }
            await expectFailure(.invalidAccessToken) { () async throws(PrakerjaAPIError) in try await h.dp.userProfile(accessToken: "nope") }
            await expectFailure(.invalidSSOCode) { () async throws(PrakerjaAPIError) in try await h.dp.exchangeSSOCode("unknown") }
        }
    }

    /// A consent link written as a form encodes it (Java's `URLEncoder`, PHP's `http_build_query`):
    /// spaces as `+`, a plus as `%2B`. The consent is recorded in the call log, like attendance.
    @Test func consentReadsAFormEncodedQuery() async throws {
        try await SandboxHarness.run { h in
            let query =
                "client_id=DPMAJU01&redirect_uri=https%3A%2F%2Fdp.example.id%2Fsso%2Fcallback&scope=name+email+prakerjaid+notelp"
                + "&state=a%2Bb+c&login_hint=4001000000000001"
            let back = try await h.visit("\(h.sandbox.baseURL)/sso/authorize?\(query)")
            #expect(back.host == "dp.example.id")
            #expect(back.queryItems?.first { $0.name == "state" }?.value == "a+b c")
            let code = try #require(back.queryItems?.first { $0.name == "code" }?.value)
            let profile = try await h.dp.userProfile(accessToken: try await h.dp.exchangeSSOCode(code).accessToken)
            #expect(profile.noPrakerja == "4001000000000001")
            #expect(profile.phoneNumber != nil)
            let log = try await AsyncHTTPClientTransport.shared.send(
                TransportRequest(method: "GET", url: h.sandbox.baseURL + "/_sandbox/log", headers: [], body: []), timeout: .seconds(30))
            #expect(String(decoding: log.body, as: UTF8.self).contains("/sso/authorize"))
        }
    }

    @Test func consentRefusesUnknownClientsScopesAndRedirects() async throws {
        try await SandboxHarness.run { h in
            for query in [
                "client_id=LPKOPI01&redirect_uri=https://x.id/cb&scope=name&state=s&login_hint=4001000000000001",
                "client_id=DPMAJU01&redirect_uri=https://x.id/cb&scope=salary&state=s&login_hint=4001000000000001",
                "client_id=DPMAJU01&redirect_uri=ftp://x.id/cb&scope=name&state=s&login_hint=4001000000000001",
                "client_id=DPMAJU01&redirect_uri=https://x.id/cb&scope=name&state=s&login_hint=4009999999999999",
            ] {
                let response = try await AsyncHTTPClientTransport.shared.send(
                    TransportRequest(method: "GET", url: "\(h.sandbox.baseURL)/sso/authorize?\(query)", headers: [], body: []), timeout: .seconds(30))
                #expect(response.status == 400, "\(query)")
            }
        }
    }
}

/// `sso/token` request: the code the participant brought back from the consent page.
public struct SSOTokenRequest: Codable, Sendable, Hashable {
    public let code: String

    public init(code: String) { self.code = code }
}

/// Tokens for a participant who consented to share their profile.
public struct SSOToken: Codable, Sendable, Hashable {
    public let accessToken: String
    public let tokenType: String
    public let expiresIn: Int
    public let refreshToken: String

    public init(accessToken: String, tokenType: String, expiresIn: Int, refreshToken: String) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", refreshToken = "refresh_token"
    }
}

/// `sso/profile` request.
public struct SSOProfileRequest: Codable, Sendable, Hashable {
    public let accessToken: String

    public init(accessToken: String) { self.accessToken = accessToken }

    enum CodingKeys: String, CodingKey { case accessToken = "access_token" }
}

/// The participant's profile, limited to the scopes they consented to.
public struct UserProfile: Codable, Sendable, Hashable {
    public let dpUserID: String
    public let email: String?
    public let name: String?
    public let noPrakerja: String?
    public let phoneNumber: String?

    public init(dpUserID: String, email: String?, name: String?, noPrakerja: String?, phoneNumber: String?) {
        self.dpUserID = dpUserID
        self.email = email
        self.name = name
        self.noPrakerja = noPrakerja
        self.phoneNumber = phoneNumber
    }

    enum CodingKeys: String, CodingKey {
        case dpUserID = "dp_user_id", email, name, noPrakerja = "no_prakerja", phoneNumber = "phone_number"
    }
}

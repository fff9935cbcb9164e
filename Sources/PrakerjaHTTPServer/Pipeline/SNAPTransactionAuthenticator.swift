import HTTPTypes
import Hummingbird
import PrakerjaSigning

/// A SNAP transaction call: the mandatory `X-EXTERNAL-ID` (at most 36 characters) and `CHANNEL-ID`, a bearer token this
/// server issued to the partner named in `X-PARTNER-ID`, and HMAC-SHA512 with the client secret
/// over the method, path, token, body digest and timestamp, inside the window; a signed request or
/// an `X-EXTERNAL-ID` seen before is a duplicate.
package struct SNAPTransactionAuthenticator: RequestAuthenticator {
    let secrets: [String: String]
    let policy: VerificationPolicy
    /// The client a live token was issued to, or nil.
    let tokenOwner: @Sendable (String) -> String?

    /// SNAP BI's (and the contract's) longest X-EXTERNAL-ID.
    static let maximumExternalIDLength = 36

    package init(secrets: [String: String], policy: VerificationPolicy, tokenOwner: @escaping @Sendable (String) -> String?) {
        self.secrets = secrets
        self.policy = policy
        self.tokenOwner = tokenOwner
    }

    package func authenticate(_ request: Request, body: [UInt8]) throws(AuthenticationFailure) -> Authentication {
        let headers = request.headers
        for name in [HTTPField.Name.snapExternalID, .snapChannelID] where (headers.value(name) ?? "").isEmpty {
            throw AuthenticationFailure(.missingMandatoryHeader(name.rawName))
        }
        if let externalID = headers.value(.snapExternalID), externalID.utf8.count > Self.maximumExternalIDLength {
            throw AuthenticationFailure(.malformedHeader(HTTPField.Name.snapExternalID.rawName))
        }
        let partnerID = headers.value(.snapPartnerID)
        guard let token = SNAPSymmetricSignature.bearerToken(from: headers.value(.authorization)), let owner = tokenOwner(token),
            partnerID == nil || owner == partnerID
        else { throw AuthenticationFailure(.invalidToken) }
        do throws(SignatureError) {
            let caller = try SNAPSymmetricSignature.verify(
                partnerID: partnerID, accessToken: token, timestamp: headers.value(.snapTimestamp), signature: headers.value(.snapSignature),
                externalID: headers.value(.snapExternalID), method: request.method.rawValue, path: request.uri.path, body: body,
                policy: policy, clientSecret: { secrets[$0] })
            return Authentication(caller: caller)
        } catch let error where error.code == .replayed {
            // A request signed again with the same X-EXTERNAL-ID is the same transaction sent twice.
            throw AuthenticationFailure(.signature(.duplicateExternalID(headers.value(.snapExternalID) ?? "")))
        } catch {
            throw AuthenticationFailure(.signature(error))
        }
    }
}

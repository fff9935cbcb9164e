import HTTPTypes
import Hummingbird
import PrakerjaSigning

/// SNAP's B2B access-token request: SHA256withRSA over `X-CLIENT-KEY|X-TIMESTAMP` with the
/// client's registered public key, inside the policy's window, each signature accepted once.
package struct SNAPTokenRequestAuthenticator: RequestAuthenticator {
    let publicKeys: [String: SNAPPublicKey]
    let policy: VerificationPolicy

    package init(publicKeys: [String: SNAPPublicKey], policy: VerificationPolicy) {
        self.publicKeys = publicKeys
        self.policy = policy
    }

    package func authenticate(_ request: Request, body: [UInt8]) throws(AuthenticationFailure) -> Authentication {
        let headers = request.headers
        do throws(SignatureError) {
            let clientID = try SNAPAsymmetricSignature.verifyToken(
                clientID: headers.value(.snapClientKey), timestamp: headers.value(.snapTimestamp), signature: headers.value(.snapSignature),
                policy: policy, publicKey: { publicKeys[$0] })
            return Authentication(caller: clientID)
        } catch {
            throw AuthenticationFailure(.signature(error))
        }
    }
}

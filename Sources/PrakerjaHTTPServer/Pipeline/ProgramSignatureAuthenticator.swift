import HTTPTypes
import Hummingbird
import PrakerjaSigning

/// The program's scheme (HMAC-SHA1 over client code, timestamp, method, target and body) for the
/// clients it knows, inside the policy's window, each signed request accepted once; lenient as
/// the program is (`ProgramSignature.verifyLeniently`) when asked, strict otherwise.
package struct ProgramSignatureAuthenticator: RequestAuthenticator {
    /// What the signature covers of the request line: the integration API signs the path; the
    /// role APIs sign the target as sent, query included.
    package enum SignedTarget: Sendable { case path, pathAndQuery }

    let signers: [String: ProgramSignature]
    let policy: VerificationPolicy
    let target: SignedTarget
    let lenient: Bool

    /// - Parameters:
    ///   - keys: each client code's sign key.
    ///   - lenient: accept what the program's own verifier accepts beyond the scheme's letter, and say so.
    package init(keys: [String: String], policy: VerificationPolicy, target: SignedTarget, lenient: Bool = false) {
        self.signers = Dictionary(uniqueKeysWithValues: keys.map { ($0.key, ProgramSignature(clientCode: $0.key, signKey: $0.value)) })
        self.policy = policy
        self.target = target
        self.lenient = lenient
    }

    package func authenticate(_ request: Request, body: [UInt8]) throws(AuthenticationFailure) -> Authentication {
        let headers = request.headers
        let path = target == .path ? request.uri.path : (request.head.path ?? request.uri.description)
        do throws(SignatureError) {
            if lenient {
                let verified = try ProgramSignature.verifyLeniently(
                    clientCode: headers.value(.programClientCode), timestamp: headers.value(.programTimestamp),
                    signature: headers.value(.programSignature),
                    method: request.method.rawValue, path: path, body: body, policy: policy, signer: { signers[$0] })
                return Authentication(caller: verified.clientCode, tolerated: verified.tolerated)
            }
            let caller = try ProgramSignature.verify(
                clientCode: headers.value(.programClientCode), timestamp: headers.value(.programTimestamp),
                signature: headers.value(.programSignature),
                method: request.method.rawValue, path: path, body: body, policy: policy, signer: { signers[$0] })
            return Authentication(caller: caller)
        } catch {
            throw AuthenticationFailure(.signature(error))
        }
    }
}

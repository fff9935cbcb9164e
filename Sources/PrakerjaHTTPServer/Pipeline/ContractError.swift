import Hummingbird
import PrakerjaSigning

/// One contract's error form (the program's envelope, the role APIs' `{"error": ...}`, SNAP's
/// response code and message): every refusal of a server is one type that knows its status and
/// writes its own body, so middleware anywhere in the pipeline refuses a request in the form of
/// the contract it serves.
package protocol ContractError: HTTPResponseError, Sendable {
    /// The refusal of a body over `limit` bytes.
    static func bodyTooLarge(limit: Int) -> Self
    /// The refusal of a body the connection failed to deliver.
    static func unreadableBody(_ reason: String) -> Self
    /// The refusal of a request that did not authenticate.
    static func unauthenticated(_ failure: AuthenticationFailure) -> Self
    /// The refusal of a body that is not JSON, or not the operation's request (`DecodingError`).
    static func undecodableBody(_ error: any Error) -> Self
    /// The refusal of a method and path the contract does not have.
    static func noSuchRoute(method: String, path: String) -> Self
    /// The answer for an error a handler threw that is not the contract's own: a refusal the
    /// contract knows how to say (a role's `RoleServiceError`), or else its internal error.
    static func answering(_ error: any Error) -> Self
    /// The body of the response, in the contract's form.
    var encodedBody: [UInt8] { get }
}

extension ContractError {
    package func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status, encodedBody)
    }
}

/// Why a request did not authenticate: its signature, or a header or token the scheme requires
/// beside the signature.
package struct AuthenticationFailure: Error, Sendable, CustomStringConvertible {
    package enum Reason: Sendable {
        /// The signature scheme refused the request.
        case signature(SignatureError)
        /// A header the scheme requires beside the signature is missing or empty (SNAP's
        /// `X-EXTERNAL-ID` and `CHANNEL-ID`).
        case missingMandatoryHeader(String)
        /// A header the scheme requires beside the signature breaks its format (SNAP's
        /// `X-EXTERNAL-ID` over 36 characters).
        case malformedHeader(String)
        /// The bearer token was never issued, has expired, or belongs to another client.
        case invalidToken
    }

    package let reason: Reason

    package init(_ reason: Reason) { self.reason = reason }

    package var description: String {
        switch reason {
        case .signature(let error): error.description
        case .missingMandatoryHeader(let name): "missing header \(name)"
        case .malformedHeader(let name): "header \(name) breaks its format"
        case .invalidToken: "the access token is not one this partner issued, or has expired"
        }
    }
}

import Hummingbird
import PrakerjaSigning

/// A request context for a signed JSON endpoint: the body, read once within the limit, and who
/// signed the request. The adapters are generic over it, so a partner mounts them in an
/// application whose context is their own, as long as it carries these two.
public protocol SignedRequestContext: RequestContext {
    /// The request body as read by the body limit (empty before it, and for a GET).
    var requestBody: [UInt8] { get set }
    /// The client code or client ID that signed the request, once its signature is verified.
    var caller: String? { get set }
    /// What a lenient verifier tolerated to accept the request; a context that does not keep it
    /// (the default) drops it.
    var signatureTolerances: [SignatureTolerance] { get set }
}

extension SignedRequestContext {
    public var signatureTolerances: [SignatureTolerance] {
        get { [] }
        set {}
    }
}

/// The signed-request context the kit's own servers use.
public struct SignedJSONContext: SignedRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestBody: [UInt8] = []
    public var caller: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }
}

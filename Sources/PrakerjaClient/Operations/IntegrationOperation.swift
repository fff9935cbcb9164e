/// One endpoint of the program's integration API: its path, who may call it, and its message types.
///
/// The same values drive the client, the sandbox's router, `prakerja api` and the tests that hold
/// the code to `Specs/prakerja-integration.openapi.yaml`, so an endpoint is described once.
public struct IntegrationOperation<Request: Codable & Sendable, Response: Codable & Sendable>: AnyIntegrationOperation {
    /// The spec's `operationId`, also the `prakerja api` name: `redeem-status`.
    public let id: String
    public let path: String
    public let role: ClientRole
    /// Whether a retry can never change state twice (status and quota queries).
    public let isSafeToRetry: Bool

    public var requestType: any (Codable & Sendable).Type { Request.self }
    public var responseType: any (Codable & Sendable).Type { Response.self }

    init(_ id: String, _ path: String, role: ClientRole, safeToRetry: Bool = false) {
        self.id = id
        self.path = "/api/v1/integration/" + path
        self.role = role
        self.isSafeToRetry = safeToRetry
    }
}

/// An operation with its types erased, for lists and lookups.
public protocol AnyIntegrationOperation: Sendable {
    var id: String { get }
    var path: String { get }
    var role: ClientRole { get }
    var isSafeToRetry: Bool { get }
    var requestType: any (Codable & Sendable).Type { get }
    var responseType: any (Codable & Sendable).Type { get }
}

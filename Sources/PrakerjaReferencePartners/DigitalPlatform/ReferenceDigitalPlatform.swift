import Foundation
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaSigning

/// A digital platform that serves the digital-platform contract through the SDK's adapter,
/// selling the reference training provider's courses, with switchable defects.
public struct ReferenceDigitalPlatform: Sendable {
    public let store: ReferenceDigitalPlatformStore
    public let configuration: RoleAdapterConfiguration

    /// - Parameter catalogue: the provider data it sells (the reference provider's, generated around now, by default).
    public init(defects: Set<DigitalPlatformDefect> = [], catalogue: ReferenceCatalogue = .generate(now: Date()), clock: SigningClock = .system) {
        self.store = ReferenceDigitalPlatformStore(catalogue: catalogue, defects: defects)
        self.configuration = RoleAdapterConfiguration(clients: [ReferenceCredentials.program], clock: clock)
    }

    public func router() -> Router<SignedJSONContext> {
        let defects = store.defects
        var roleDefects: [any MiddlewareProtocol<Request, Response, SignedJSONContext>] = []
        if defects.contains(.unmaskedNames) { roleDefects.append(UnmaskedNames(keys: ["reviewer", "participant"])) }
        if defects.contains(.completionFeedSkips) { roleDefects.append(CompletionFeedSkips()) }
        if defects.contains(.signatureOverDecodedTarget) { roleDefects.append(SignatureOverDecodedTarget()) }
        if defects.contains(.unissuedCursorFails) { roleDefects.append(ServerErrorOnBadInput.roleErrorForm { _, _, field in field == "cursor" }) }
        return SignedRoleRouter.make(
            DigitalPlatformAdapter(service: store, configuration: configuration),
            defects: .init(defects.map(\.rawValue)), clock: configuration.clock,
            roleDefects: roleDefects)
    }

    public static func programClient(baseURL: String, clock: SigningClock = .system) -> DigitalPlatformClient {
        DigitalPlatformClient(baseURL: baseURL, credentials: ReferenceCredentials.program, clock: clock)
    }
}

import Foundation
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaPartners
import PrakerjaPartnersServer
import PrakerjaSigning

/// A training institution that serves the training-provider contract through the SDK's adapter,
/// over 53 generated courses in every learning method, with switchable defects.
public struct ReferenceTrainingProvider: Sendable {
    public let store: ReferenceTrainingProviderStore
    public let configuration: RoleAdapterConfiguration

    /// - Parameter now: the reference time the schedules and progress are generated around.
    public init(defects: Set<TrainingProviderDefect> = [], now: Date = Date(), clock: SigningClock = .system) {
        self.init(defects: defects, catalogue: ReferenceCatalogue.generate(now: now), clock: clock)
    }

    /// A provider serving `catalogue` (a larger one for benchmarks).
    public init(defects: Set<TrainingProviderDefect> = [], catalogue: ReferenceCatalogue, clock: SigningClock = .system) {
        self.store = ReferenceTrainingProviderStore(catalogue: catalogue, defects: defects)
        self.configuration = RoleAdapterConfiguration(clients: [ReferenceCredentials.program], clock: clock)
    }

    public func router() -> Router<SignedJSONContext> {
        let defects = store.defects
        var roleDefects: [any MiddlewareProtocol<Request, Response, SignedJSONContext>] = []
        if defects.contains(.schemaViolation) { roleDefects.append(TrainingProviderDefectMiddleware()) }
        if defects.contains(.unmaskedHolder) { roleDefects.append(UnmaskedNames(keys: ["holder"])) }
        if defects.contains(.unknownParameterAfterFirstPage) {
            roleDefects.append(LaterPagesIgnoreUnknownParameters(path: TrainingProviderPaths.courses, accepted: ["cursor", "limit", "method"]))
        }
        if defects.contains(.longPathFails) {
            roleDefects.append(
                ServerErrorOnBadInput.roleErrorForm { request, _, _ in request.uri.path.split(separator: "/").contains { $0.count > 64 } })
        }
        return SignedRoleRouter.make(
            TrainingProviderAdapter(service: store, configuration: configuration),
            defects: .init(defects.map(\.rawValue)), clock: configuration.clock,
            roleDefects: roleDefects)
    }

    /// The program's client for this provider at `baseURL`, with the test credentials.
    public static func programClient(baseURL: String, clock: SigningClock = .system) -> TrainingProviderClient {
        TrainingProviderClient(baseURL: baseURL, credentials: ReferenceCredentials.program, clock: clock)
    }
}

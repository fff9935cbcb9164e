import Foundation
import Hummingbird
import NIOSSL
import PrakerjaConformance
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners

/// The four reference partners, running in-process on free loopback ports: what `prakerja demo`
/// and the expected-results matrix check. The digital platform sells the training provider's
/// catalogue, both generated around the same instant. The job portal is served over https, with a
/// certificate from a CA made for the run (its config trusts that CA), so the TLS checks judge a
/// real endpoint; the others speak plain http.
public enum ReferenceFleet {
    /// The defects to switch on, per partner.
    public struct Defects: Sendable {
        public var payment: Set<PaymentDefect> = []
        public var jobPortal: Set<JobPortalDefect> = []
        public var trainingProvider: Set<TrainingProviderDefect> = []
        public var digitalPlatform: Set<DigitalPlatformDefect> = []

        public init(
            payment: Set<PaymentDefect> = [], jobPortal: Set<JobPortalDefect> = [],
            trainingProvider: Set<TrainingProviderDefect> = [], digitalPlatform: Set<DigitalPlatformDefect> = []
        ) {
            self.payment = payment
            self.jobPortal = jobPortal
            self.trainingProvider = trainingProvider
            self.digitalPlatform = digitalPlatform
        }
    }

    /// The names of every partner's defect switches, by the partner's config name.
    public static let defectNames: [String: [String]] = [
        "reference-payment-partner": PaymentDefect.allCases.map(\.rawValue),
        "reference-job-portal": JobPortalDefect.allCases.map(\.rawValue),
        "reference-training-provider": TrainingProviderDefect.allCases.map(\.rawValue),
        "reference-digital-platform": DigitalPlatformDefect.allCases.map(\.rawValue),
    ]

    /// Each defect switch of a role's reference partner and the requirements of
    /// `Specs/requirements/<role>.yaml` it breaks, for every table; the integration API's are
    /// the reference LP client's (`LPClientDefect`).
    public static let defectRequirements: [String: [(name: String, requirements: [String])]] = [
        "payment-partner": PaymentDefect.allCases.map { ($0.rawValue, $0.requirements) },
        "job-portal": JobPortalDefect.allCases.map { ($0.rawValue, $0.requirements) },
        "training-provider": TrainingProviderDefect.allCases.map { ($0.rawValue, $0.requirements) },
        "digital-platform": DigitalPlatformDefect.allCases.map { ($0.rawValue, $0.requirements) },
        "integration-api": LPClientDefect.allCases.map { ($0.rawValue, $0.requirements) },
    ]

    /// `defect` of `partner` switched on, or nil if that partner has no such switch.
    public static func defects(_ partner: String, _ defect: String) -> Defects? {
        switch partner {
        case "reference-payment-partner": PaymentDefect(rawValue: defect).map { Defects(payment: [$0]) }
        case "reference-job-portal": JobPortalDefect(rawValue: defect).map { Defects(jobPortal: [$0]) }
        case "reference-training-provider": TrainingProviderDefect(rawValue: defect).map { Defects(trainingProvider: [$0]) }
        case "reference-digital-platform": DigitalPlatformDefect(rawValue: defect).map { Defects(digitalPlatform: [$0]) }
        default: nil
        }
    }

    /// Where each partner listens, by the name of its sample config in `Conformance/configs/`,
    /// and the test data that depends on when the partners were generated (a certificate is
    /// numbered by the year it was issued), as fixture keys and values.
    public struct Endpoints: Sendable {
        public let baseURLs: [String: String]
        public let liveFixtures: [String: [String: FixtureValue]]
        /// Where the kit must listen for each partner's notifications (the partner sends them there).
        public let notificationListeners: [String: NotificationListener]
        /// The CA certificate (PEM) of each partner served over https.
        public let trustRoots: [String: String]
        /// The training provider's catalogue (what a monitoring sweep takes as approved).
        public let providerCourses: [CourseDetail]
    }

    /// A fixture value: text or a list of texts.
    public enum FixtureValue: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    /// Runs the partners named in `only` (every one by default; a digital platform brings its
    /// training provider along) around `body`.
    public static func withRunning<Value: Sendable>(
        defects: Defects = Defects(), now: Date = Date(), only: Set<String>? = nil,
        _ body: @Sendable (Endpoints) async throws -> Value
    ) async throws -> Value {
        let wanted = only.map { $0.contains("reference-digital-platform") ? $0.union(["reference-training-provider"]) : $0 } ?? Set(defectNames.keys)
        var routers: [Served] = []
        var trustRoots: [String: String] = [:]
        var providerCourses: [CourseDetail] = []
        var liveFixtures: [String: [String: FixtureValue]] = [:]
        var notifications: [String: NotificationListener] = [:]
        if wanted.contains("reference-payment-partner") {
            let listener = NotificationListener(listen: "127.0.0.1:\(try LoopbackPort.unassigned())", path: "/prakerja/notifications")!
            notifications["reference-payment-partner"] = listener
            let payment = ReferencePaymentPartner(defects: defects.payment, notifyURL: listener.url)
            routers.append(Served(name: "reference-payment-partner", router: { payment.router() }))
        }
        if wanted.contains("reference-job-portal") {
            let portal = ReferenceJobPortal(defects: defects.jobPortal, now: now)
            let authority = try DemoCertificateAuthority()
            trustRoots["reference-job-portal"] = authority.pem
            routers.append(Served(name: "reference-job-portal", router: { portal.router() }, tls: try authority.server()))
        }
        if wanted.contains("reference-training-provider") {
            let provider = ReferenceTrainingProvider(defects: defects.trainingProvider, now: now)
            routers.append(Served(name: "reference-training-provider", router: { provider.router() }))
            liveFixtures["reference-training-provider"] = providerFixtures(provider.store.catalogue)
            providerCourses = provider.store.catalogue.courses
        }
        if wanted.contains("reference-digital-platform") {
            let platform = ReferenceDigitalPlatform(defects: defects.digitalPlatform, catalogue: .generate(now: now))
            routers.append(Served(name: "reference-digital-platform", router: { platform.router() }))
        }
        let fixtures = liveFixtures, listeners = notifications, roots = trustRoots, courses = providerCourses
        let served = routers
        return try await serve(served[...], [:]) { baseURLs in
            try await body(
                Endpoints(
                    baseURLs: baseURLs, liveFixtures: fixtures, notificationListeners: listeners, trustRoots: roots,
                    providerCourses: courses))
        }
    }

    /// A partner to serve: its name, its router, and its TLS configuration if it speaks https.
    struct Served: Sendable {
        let name: String
        let router: @Sendable () -> Router<SignedJSONContext>
        var tls: TLSConfiguration?
    }

    /// Serves each router on its own free port, nested, then runs `body` with every base URL.
    private static func serve<Value: Sendable>(
        _ routers: ArraySlice<Served>, _ baseURLs: [String: String],
        _ body: @Sendable ([String: String]) async throws -> Value
    ) async throws -> Value {
        guard let partner = routers.first else { return try await body(baseURLs) }
        return try await HTTPServerRunner.withRunning(partner.router(), tls: partner.tls) { url in
            var next = baseURLs
            next[partner.name] = url
            return try await serve(routers.dropFirst(), next, body)
        }
    }

    /// An issued, valid certificate, a revoked one and the sample participants' redeem codes of the provider's catalogue.
    static func providerFixtures(_ catalogue: ReferenceCatalogue) -> [String: FixtureValue] {
        func first(_ status: Certificate.Status) -> String? { catalogue.certificates.values.filter { $0.status == status }.map(\.number).min() }
        var fixtures: [String: FixtureValue] = ["progressCodes": .list(catalogue.sampleParticipants.map(\.progress.redeemCode.value))]
        if let valid = first(.valid) { fixtures["certificateNumber"] = .text(valid) }
        if let revoked = first(.revoked) { fixtures["revokedCertificateNumber"] = .text(revoked) }
        return fixtures
    }
}

extension ReferenceFleet.Endpoints {
    /// `partner`'s sample config from `directory` (`Conformance/configs`), pointed at the running
    /// partners (its own base URL and its related partners'), with the live fixtures.
    public func config(_ partner: String, configs directory: String) throws -> PartnerConfig {
        var config = try PartnerConfig.load("\(directory)/\(partner).yaml")
        point(&config, at: partner)
        config.related = config.related.map { related in
            var related = related
            // A sample config's name is its file name in words: "Reference training provider".
            point(&related, at: related.name.lowercased().replacingOccurrences(of: " ", with: "-"))
            return related
        }
        return config
    }

    private func point(_ config: inout PartnerConfig, at partner: String) {
        if let url = baseURLs[partner] { config.baseURL = url }
        if var listener = notificationListeners[partner] {
            listener.partnerID = config.notifications?.partnerID
            config.notifications = listener
        }
        if let roots = trustRoots[partner] { config.tls.trustRootsPEM = roots }
        for (key, value) in liveFixtures[partner] ?? [:] {
            switch value {
            case .text(let text): config.setFixture(key, .string(text))
            case .list(let texts): config.setFixture(key, .array(texts.map { .string($0) }))
            }
        }
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaHTTPServer
import PrakerjaModels
import ReferenceDigitalPlatform
import ReferenceJobPortal
import ReferencePaymentPartner
import ReferenceTrainingProvider

/// The four reference partners, running in-process on free loopback ports: what `prakerja demo`
/// and the expected-results matrix check. The digital platform sells the training provider's
/// catalogue, both generated around the same instant.
public enum ReferenceFleet {
    /// The defects to switch on, per partner.
    public struct Defects: Sendable {
        public var payment: Set<PaymentDefect> = []
        public var jobPortal: Set<JobPortalDefect> = []
        public var trainingProvider: Set<TrainingProviderDefect> = []
        public var digitalPlatform: Set<DigitalPlatformDefect> = []

        public init(payment: Set<PaymentDefect> = [], jobPortal: Set<JobPortalDefect> = [],
                    trainingProvider: Set<TrainingProviderDefect> = [], digitalPlatform: Set<DigitalPlatformDefect> = []) {
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
    }

    /// A fixture value: text or a list of texts.
    public enum FixtureValue: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    /// Runs the four partners around `body`.
    public static func withRunning<Value: Sendable>(defects: Defects = Defects(), now: Date = Date(),
                                                    _ body: @Sendable (Endpoints) async throws -> Value) async throws -> Value {
        let payment = ReferencePaymentPartner(defects: defects.payment)
        let portal = ReferenceJobPortal(defects: defects.jobPortal, now: now)
        let provider = ReferenceTrainingProvider(defects: defects.trainingProvider, now: now)
        let platform = ReferenceDigitalPlatform(defects: defects.digitalPlatform, catalogue: .generate(now: now))
        return try await HTTPServerRunner.withRunning(payment.router()) { paymentURL in
            try await HTTPServerRunner.withRunning(portal.router()) { portalURL in
                try await HTTPServerRunner.withRunning(provider.router()) { providerURL in
                    try await HTTPServerRunner.withRunning(platform.router()) { platformURL in
                        try await body(Endpoints(baseURLs: [
                            "reference-payment-partner": paymentURL, "reference-job-portal": portalURL,
                            "reference-training-provider": providerURL, "reference-digital-platform": platformURL,
                        ], liveFixtures: ["reference-training-provider": providerFixtures(provider.store.catalogue)]))
                    }
                }
            }
        }
    }

    /// An issued, valid certificate and six participants' redeem codes of the provider's catalogue.
    static func providerFixtures(_ catalogue: ReferenceCatalogue) -> [String: FixtureValue] {
        let issued = catalogue.certificates.values.filter { $0.status == .valid }.map(\.number).sorted()
        var fixtures: [String: FixtureValue] = ["progressCodes": .list(catalogue.participants.prefix(6).map(\.progress.redeemCode.value))]
        if let first = issued.first { fixtures["certificateNumber"] = .text(first) }
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
        for (key, value) in liveFixtures[partner] ?? [:] {
            switch value {
            case .text(let text): config.setFixture(key, .string(text))
            case .list(let texts): config.setFixture(key, .array(texts.map { .string($0) }))
            }
        }
    }
}

import Foundation
import PrakerjaHTTPServer
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

    /// Where each partner listens, by the name of its sample config in `Conformance/configs/`.
    public struct Endpoints: Sendable {
        public let baseURLs: [String: String]
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
                        ]))
                    }
                }
            }
        }
    }
}

import Foundation
import PrakerjaClient
import PrakerjaConformance
import PrakerjaModels
import PrakerjaPartners

/// What the partners publish now about one approved course: the provider's course, schedules and
/// certificate verifications, and each digital platform's listing and completions. A partner that
/// could not be read is recorded with its reason, so its indicators are errors, not violations.
public struct MonitoringSnapshot: Sendable {
    /// A value read from a partner, or why it could not be.
    public enum Observed<Value: Sendable>: Sendable {
        case seen(Value)
        /// The partner answered that it does not have it (404).
        case absent
        /// The partner could not be read (down, timing out, answering nonsense).
        case unreadable(String)

        public var value: Value? { if case .seen(let value) = self { value } else { nil } }
    }

    public struct Provider: Sendable {
        public let name: String
        public let detail: Observed<CourseDetail>
        public let schedules: Observed<[Schedule]>
        /// Verifications of a sample of the certificates the platforms' completions report.
        public let certificates: [(completion: Completion, verification: Observed<CertificateVerification>)]
        /// The verification of a well-formed number the provider never issued (nil with no completion to derive it from).
        public let forged: Observed<CertificateVerification>?
    }

    public struct Platform: Sendable {
        public let name: String
        public let listing: Observed<ListingDetail>
        /// The platform's completions of this course: the first of its feed, as many as the
        /// certificates sampled (the feed read once per sweep: `CompletionSample`).
        public let completions: Observed<[Completion]>
    }

    public let approved: CourseProposal
    public let provider: Provider
    public let platforms: [Platform]
    /// The HTTP exchanges made to read this course, by partner (config name), redacted as every
    /// exchange the kit records: the evidence a monitoring result shows. A platform's completion
    /// feed is read once for the whole sweep; its exchanges are the feed's, not the course's.
    public let exchanges: [String: [HTTPExchange]]

    init(approved: CourseProposal, provider: Provider, platforms: [Platform], exchanges: [String: [HTTPExchange]] = [:]) {
        self.approved = approved
        self.provider = provider
        self.platforms = platforms
        self.exchanges = exchanges
    }
}

/// Reads the snapshots of many courses from the partners: one client per partner (its rate limit
/// and bounds shared by every request to it), the completion feeds read once (or their samples
/// as a sweep read them), courses taken a few at a time.
public struct MonitoringSources: Sendable {
    struct PlatformSource: Sendable {
        let name: String
        let client: DigitalPlatformClient
        let completions: MonitoringSnapshot.Observed<CompletionSample>
    }

    let providers: [(name: String, code: String?, client: TrainingProviderClient)]
    let platforms: [PlatformSource]
    let sampleSize: Int

    /// Every partner read, by its config name: the providers, then the platforms.
    var partnerNames: [String] { providers.map(\.name) + platforms.map(\.name) }

    /// Whether every platform's completion feed was read: sources missing one must not be kept
    /// for later courses (the platform may answer again).
    public var readEveryFeed: Bool { unreadFeeds.isEmpty }

    /// Opens clients for the partners and reads every platform's completion feed, but those whose
    /// sample a sweep already read (`samples`, by the platform's config name).
    public static func open(
        platforms: [PartnerConfig], providers: [PartnerConfig], sampleSize: Int, samples: [String: CompletionSample] = [:]
    ) async throws(CheckError) -> MonitoringSources {
        var openedProviders: [(String, String?, TrainingProviderClient)] = []
        for config in providers {
            openedProviders.append(
                (
                    config.name, config.fixture("providerCode").flatMap { if case .string(let code) = $0 { code } else { nil } },
                    TrainingProviderClient(http: try .forPartner(config))
                ))
        }
        var openedPlatforms: [PlatformSource] = []
        for config in platforms {
            let client = DigitalPlatformClient(http: try .forPartner(config))
            let sample =
                if let read = samples[config.name] { MonitoringSnapshot.Observed.seen(read) } else {
                    await CompletionSample.read(from: client, keeping: sampleSize)
                }
            openedPlatforms.append(PlatformSource(name: config.name, client: client, completions: sample))
        }
        return MonitoringSources(providers: openedProviders, platforms: openedPlatforms, sampleSize: sampleSize)
    }

    /// The platforms' completion samples that could be read, by config name: what a sweep keeps.
    public var samples: [String: CompletionSample] {
        Dictionary(uniqueKeysWithValues: platforms.compactMap { platform in platform.completions.value.map { (platform.name, $0) } })
    }

    /// The platforms whose completion feed could not be read, with why.
    public var unreadFeeds: [(platform: String, reason: String)] {
        platforms.compactMap { platform in
            if case .unreadable(let reason) = platform.completions { (platform.name, reason) } else { nil }
        }
    }

    /// The snapshot of one approved course, with the exchanges that read it.
    public func snapshot(of approved: CourseProposal) async -> MonitoringSnapshot {
        let code = approved.course.course.code
        var exchanges: [String: [HTTPExchange]] = [:]
        var platformViews: [MonitoringSnapshot.Platform] = []
        var completions: [Completion] = []
        for platform in platforms {
            let (listing, recorded) = await ExchangeLog.recording { await Self.observe { try await platform.client.listing(courseCode: code) } }
            exchanges[platform.name] = recorded
            let mine: MonitoringSnapshot.Observed<[Completion]> =
                switch platform.completions {
                case .seen(let sample): .seen(sample.completions(of: code))
                case .absent: .absent
                case .unreadable(let reason): .unreadable(reason)
                }
            completions += mine.value ?? []
            platformViews.append(.init(name: platform.name, listing: listing, completions: mine))
        }
        let providerClient = providers.first { $0.code == approved.course.course.providerCode } ?? providers.first
        guard let (name, _, client) = providerClient else {
            let none = MonitoringSnapshot.Provider(
                name: "(no provider configured)", detail: .unreadable("no provider config was given"),
                schedules: .unreadable("no provider config was given"), certificates: [], forged: nil)
            return MonitoringSnapshot(approved: approved, provider: none, platforms: platformViews, exchanges: exchanges)
        }
        let (provider, recorded) = await ExchangeLog.recording { () async -> MonitoringSnapshot.Provider in
            let detail = await Self.observe { try await client.course(code: code) }
            let schedules = await Self.observe { try await client.schedules(courseCode: code) }
            var certificates: [(Completion, MonitoringSnapshot.Observed<CertificateVerification>)] = []
            for completion in completions.prefix(sampleSize) {
                certificates.append((completion, await Self.observe { try await client.verifyCertificate(number: completion.certificateNumber) }))
            }
            let forged: MonitoringSnapshot.Observed<CertificateVerification>? =
                if let number = completions.first?.certificateNumber {
                    await Self.observe { try await client.verifyCertificate(number: TrainingProviderSuite.forgery(of: number)) }
                } else { nil }
            return .init(name: name, detail: detail, schedules: schedules, certificates: certificates, forged: forged)
        }
        exchanges[name, default: []] += recorded
        return MonitoringSnapshot(approved: approved, provider: provider, platforms: platformViews, exchanges: exchanges)
    }

    /// What `read` returns, and the exchanges it made (the probe transport records them).
    static func observe<Value: Sendable>(_ read: () async throws -> Value) async -> MonitoringSnapshot.Observed<Value> {
        do { return .seen(try await read()) } catch {
            return (error as? PrakerjaAPIError)?.roleCode == .notFound ? .absent : .unreadable("\(error)")
        }
    }
}

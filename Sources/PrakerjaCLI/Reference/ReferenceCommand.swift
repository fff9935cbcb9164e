import ArgumentParser
import PrakerjaReferencePartners

/// `prakerja reference ROLE`: one of the kit's reference partners, served until Ctrl-C, with
/// switchable defects: the partners the conformance kit is tested against, for trying a suite by
/// hand or from a script.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Serve a reference partner (each role's contract over test data), with switchable defects.",
        discussion: """
            Each role's defects are the rules it can be told to break (Conformance/defects.md names the
            check that must catch each). The program's test credentials are printed on start.

            Examples:
              prakerja reference payment-partner --port 8181
              prakerja reference job-portal --port 8183 --defect schema-violation
              prakerja conformance run --config Conformance/configs/reference-job-portal.yaml \\
                --base-url http://127.0.0.1:8183

            A monitoring sweep of 2,000 courses, a third of them sold at another price:
              prakerja reference proposals --courses 2000 --output approved
              prakerja reference training-provider --port 8185 --courses 2000 --at 2026-12-03T08:00:00Z
              prakerja reference digital-platform --port 8187 --courses 2000 --at 2026-12-03T08:00:00Z \\
                --defect price-differs
            """,
        subcommands: [
            ReferencePaymentPartnerCommand.self, ReferenceJobPortalCommand.self, ReferenceTrainingProviderCommand.self,
            ReferenceDigitalPlatformCommand.self, ReferenceProposalsCommand.self, ReferenceFeedsCommand.self,
        ])
}

extension PaymentDefect: ExpressibleByArgument {}
extension JobPortalDefect: ExpressibleByArgument {}
extension TrainingProviderDefect: ExpressibleByArgument {}
extension DigitalPlatformDefect: ExpressibleByArgument {}

/// The banner line every reference partner prints about its defects.
func defectLine<Defect: RawRepresentable<String>>(_ defects: [Defect]) -> String {
    "Defects: \(defects.isEmpty ? "none" : Set(defects.map(\.rawValue)).sorted().joined(separator: ", "))"
}

/// `prakerja reference payment-partner`: the SNAP BI payment contract over a ledger with accounts in every KYC state.
struct ReferencePaymentPartnerCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment-partner",
        abstract: "Serve the payment contract (SNAP BI) over a test ledger.",
        discussion: "Defects: \(PaymentDefect.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var serve: ServeOptions

    @Option(name: .customLong("defect"), help: "A contract rule to break (repeatable).")
    var defects: [PaymentDefect] = []

    @Option(help: "Where to send signed disbursement notifications.")
    var notifyURL: String?

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let partner = ReferencePaymentPartner(defects: Set(defects), notifyURL: notifyURL)
        return try await serve.serve(partner.router(), name: "reference-payment-partner", io: io) { [defects] url in
            [
                "Reference payment partner listening on \(url)",
                "Program client \(TestCredentials.clientID); secret and RSA keys in Conformance/vectors/keys (test keys only)",
                defectLine(defects), "Accounts (synthetic test identities):",
            ]
                + partner.ledger.accounts.map { seeded in
                    let account =
                        switch seeded.reference {
                        case .eWallet(let phone): "e-wallet 62\(phone.nationalNumber)"
                        case .bank(let number): "account  \(number)"
                        }
                    let holder = seeded.account.holderNIK == seeded.recipientNIK ? "" : "  (held by someone else: NIK mismatch)"
                    return "  \(account)  KYC \(seeded.account.kycStatus.rawValue)  recipient NIK \(seeded.recipientNIK.digits)\(holder)"
                }
        }
    }
}

/// `prakerja reference job-portal`: the job-portal contract over 6,000 generated vacancies across the 34 provinces.
struct ReferenceJobPortalCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job-portal",
        abstract: "Serve the job-portal contract over 6,000 generated vacancies.",
        discussion: "Defects: \(JobPortalDefect.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var serve: ServeOptions

    @Option(name: .customLong("defect"), help: "A contract rule to break (repeatable).")
    var defects: [JobPortalDefect] = []

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let portal = ReferenceJobPortal(defects: Set(defects))
        return try await serve.serve(portal.router(), name: "reference-job-portal", io: io) { [defects] url in
            let vacancies = portal.store.vacancies
            let provinces = Set(vacancies.map(\.location.province.code)).count
            return [
                "Reference job portal listening on \(url)",
                "Program client \(ReferenceCredentials.program.clientCode), sign key \(ReferenceCredentials.program.signKey) (test key)",
                defectLine(defects), "\(vacancies.count) vacancies in \(provinces) provinces; try GET /v1/vacancies?location=32&jobType=full-time",
            ]
        }
    }
}

/// `prakerja reference training-provider`: the training-provider contract over 53 generated courses,
/// their schedules, participants and certificates.
struct ReferenceTrainingProviderCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training-provider",
        abstract: "Serve the training-provider contract over generated courses (53 by default).",
        discussion: "Defects: \(TrainingProviderDefect.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var serve: ServeOptions

    @Option(name: .customLong("defect"), help: "A contract rule to break (repeatable).")
    var defects: [TrainingProviderDefect] = []

    @OptionGroup var catalogue: CatalogueOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let provider = ReferenceTrainingProvider(defects: Set(defects), catalogue: try catalogue.catalogue())
        return try await serve.serve(provider.router(), name: "reference-training-provider", io: io) { [defects] url in
            let catalogue = provider.store.catalogue
            let sample = catalogue.participants[0]
            return [
                "Reference training provider \(ReferenceCatalogue.providerCode) listening on \(url)",
                "Program client \(ReferenceCredentials.program.clientCode), sign key \(ReferenceCredentials.program.signKey) (test key)",
                defectLine(defects),
                "\(catalogue.courses.count) courses, \(catalogue.participants.count) participants, \(catalogue.certificates.count) certificates",
                "Progress sample (fixtures.progressCodes): \(catalogue.sampleParticipants.map(\.progress.redeemCode.value).joined(separator: ", "))",
                "Revoked certificate (fixtures.revokedCertificateNumber): \(catalogue.certificates.values.filter { $0.status == .revoked }.map(\.number).min() ?? "-")",
                "Try GET /v1/courses, /v1/progress/\(sample.progress.redeemCode), /v1/certificates/\(sample.progress.certificateNumber ?? "-")",
            ]
        }
    }
}

/// `prakerja reference digital-platform`: the digital-platform contract, selling the reference training provider's courses.
struct ReferenceDigitalPlatformCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digital-platform",
        abstract: "Serve the digital-platform contract over the reference provider's courses.",
        discussion: "Defects: \(DigitalPlatformDefect.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var serve: ServeOptions

    @Option(name: .customLong("defect"), help: "A contract rule to break (repeatable).")
    var defects: [DigitalPlatformDefect] = []

    @OptionGroup var catalogue: CatalogueOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let platform = ReferenceDigitalPlatform(defects: Set(defects), catalogue: try catalogue.catalogue())
        return try await serve.serve(platform.router(), name: "reference-digital-platform", io: io) { [defects] url in
            let store = platform.store
            return [
                "Reference digital platform \(ReferenceDigitalPlatformStore.platformCode) listening on \(url)",
                "Program client \(ReferenceCredentials.program.clientCode), sign key \(ReferenceCredentials.program.signKey) (test key)",
                defectLine(defects), "\(store.listings.count) listings, \(store.invoices.count) invoices, \(store.completions.count) completions",
                "Try GET /v1/listings, /v1/completions, /v1/transactions/\(store.invoices.keys.sorted().first ?? "-")",
            ]
        }
    }
}

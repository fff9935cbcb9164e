// The reference training provider: the training-provider contract served by the SDK's adapter
// over 53 generated courses, their schedules, participants and certificates.
//
//   swift run reference-training-provider --port 8185 [--host 127.0.0.1] [--defect NAME]...
import ArgumentParser
import ReferencePartnerSupport
import ReferenceTrainingProvider

@main
struct ReferenceTrainingProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference-training-provider",
        abstract: "Serve the training-provider contract over 53 generated courses, with switchable defects.",
        discussion: "Defects: \(TrainingProviderDefect.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var serve: ServeOptions

    func run() async throws {
        let defects = try serve.parsedDefects(TrainingProviderDefect.self)
        let provider = ReferenceTrainingProvider(defects: defects)
        try await serve.serve(provider.router(), name: "reference-training-provider") { url in
            let catalogue = provider.store.catalogue
            let sample = catalogue.participants[0]
            return ["Reference training provider \(ReferenceCatalogue.providerCode) listening on \(url)",
                    "Program client \(ReferenceCredentials.program.clientCode), sign key \(ReferenceCredentials.program.signKey) (test key)",
                    "Defects: \(defects.isEmpty ? "none" : defects.map(\.rawValue).sorted().joined(separator: ", "))",
                    "\(catalogue.courses.count) courses, \(catalogue.participants.count) participants, \(catalogue.certificates.count) certificates",
                    "Progress sample (fixtures.progressCodes): \(catalogue.sampleParticipants.map(\.progress.redeemCode.value).joined(separator: ", "))",
                    "Try GET /v1/courses, /v1/progress/\(sample.progress.redeemCode), /v1/certificates/\(sample.progress.certificateNumber ?? "-")"]
        }
    }
}

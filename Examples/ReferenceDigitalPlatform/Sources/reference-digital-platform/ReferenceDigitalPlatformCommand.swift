// The reference digital platform: the digital-platform contract served by the SDK's adapter,
// selling the reference training provider's courses.
//
//   swift run reference-digital-platform --port 8187 [--host 127.0.0.1] [--defect NAME]...
import ArgumentParser
import ReferenceDigitalPlatform
import ReferencePartnerSupport

@main
struct ReferenceDigitalPlatformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference-digital-platform",
        abstract: "Serve the digital-platform contract over the reference provider's courses, with switchable defects.",
        discussion: "Defects: \(DigitalPlatformDefect.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var serve: ServeOptions

    func run() async throws {
        let defects = try serve.parsedDefects(DigitalPlatformDefect.self)
        let platform = ReferenceDigitalPlatform(defects: defects)
        try await serve.serve(platform.router(), name: "reference-digital-platform") { url in
            let store = platform.store
            return ["Reference digital platform \(ReferenceDigitalPlatformStore.platformCode) listening on \(url)",
                    "Program client \(ReferenceCredentials.program.clientCode), sign key \(ReferenceCredentials.program.signKey) (test key)",
                    "Defects: \(defects.isEmpty ? "none" : defects.map(\.rawValue).sorted().joined(separator: ", "))",
                    "\(store.listings.count) listings, \(store.invoices.count) invoices, \(store.completions.count) completions",
                    "Try GET /v1/listings, /v1/completions, /v1/transactions/\(store.invoices.keys.sorted().first ?? "-")"]
        }
    }
}

// The reference job portal: the job-portal contract served by the SDK's adapter over 6,000
// generated vacancies across the 34 provinces.
//
//   swift run reference-job-portal --port 8183 [--host 127.0.0.1] [--defect NAME]...
import ArgumentParser
import PrakerjaModels
import ReferenceJobPortal
import ReferencePartnerSupport

@main
struct ReferenceJobPortalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference-job-portal",
        abstract: "Serve the job-portal contract over 6,000 generated vacancies, with switchable defects.",
        discussion: "Defects: \(JobPortalDefect.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var serve: ServeOptions

    func run() async throws {
        let defects = try serve.parsedDefects(JobPortalDefect.self)
        let portal = ReferenceJobPortal(defects: defects)
        try await serve.serve(portal.router(), name: "reference-job-portal") { url in
            let vacancies = portal.store.vacancies
            let provinces = Set(vacancies.map(\.location.province.code)).count
            return ["Reference job portal listening on \(url)",
                    "Program client \(ReferenceCredentials.program.clientCode), sign key \(ReferenceCredentials.program.signKey) (test key)",
                    "Defects: \(defects.isEmpty ? "none" : defects.map(\.rawValue).sorted().joined(separator: ", "))",
                    "\(vacancies.count) vacancies in \(provinces) provinces; try GET /v1/vacancies?location=32&jobType=full-time"]
        }
    }
}

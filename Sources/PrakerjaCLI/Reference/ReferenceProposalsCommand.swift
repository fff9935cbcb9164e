import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaReferencePartners

/// `prakerja reference proposals`: the reference training provider's catalogue written as approved
/// course proposals, one JSON file per course: what `sweep monitoring --approved` and `monitor
/// --approved` read, for a sweep of the reference provider and platform at any size.
struct ReferenceProposalsCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposals",
        abstract: "Write the reference training provider's courses as approved proposals (one JSON file each).",
        discussion: """
            Give the provider and the platform the same --courses and --at, and a monitoring sweep of \
            the folder judges each course against what they serve.
            """)

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: "The folder to write the proposals to (made if missing; files of the same course code are replaced).")
    var output: String

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let courses = try catalogue.catalogue().courses
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for detail in courses {
                let proposal = CourseProposal(
                    course: detail, provider: .init(code: detail.course.providerCode, name: ReferenceCatalogue.providerName))
                try encoder.encode(proposal).write(to: folder.appending(path: "\(detail.course.code).json"), options: .atomic)
            }
        } catch {
            throw .usage("\(output): the proposals cannot be written: \(error)")
        }
        io.print("\(courses.count) approved proposals of \(ReferenceCatalogue.providerCode) written to \(output)")
        return ExitStatus.passed
    }
}

import ArgumentParser
import PrakerjaConformance
import PrakerjaKitFiles
import PrakerjaModels
import PrakerjaReferencePartners

/// `prakerja conformance requirements --role ROLE`: a contract's requirements, the checks that
/// judge each and the reference partner's defect switches that break each.
struct ConformanceRequirementsCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requirements",
        abstract: "Show a contract's requirements, the checks that judge each and the defect switches that break each.",
        discussion: """
            Reads Specs/requirements/ROLE.yaml and prints, as a Markdown table, every requirement
            with the answer it demands, its source (SNAP BI, the program, the contract, or a point
            the contract was silent on and this kit decided), the checks of the role's suite that
            judge it and the reference partner's defect switches that break it; then any gap.

            Exit codes: 0 every requirement is judged and broken, 1 a gap, 2 usage error (an
            unknown role, a table with a mistake, named with its file and key).

            Example:
              prakerja conformance requirements --role payment-partner
            """
    )

    @Option(help: "The role: payment-partner, job-portal, training-provider, digital-platform, or integration-api (its clients).")
    var role: String

    @Option(help: "The kit's folder (holding Specs/); by default the files built into prakerja.")
    var root = KitFiles.defaultRoot

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard let defects = ReferenceFleet.defectRequirements[role], let checks = RequirementCoverage.checks(judging: role) else {
            throw .usage("--role \(role): no requirement table (known: \(ReferenceFleet.defectRequirements.keys.sorted().joined(separator: ", ")))")
        }
        let table: RequirementTable
        do { table = try RequirementTable.standard(role, root: root) } catch { throw .usage("\(error)") }
        let coverage = RequirementCoverage(table: table, checks: checks, defects: defects)
        io.print(coverage.markdown)
        return coverage.gaps.isEmpty ? ExitStatus.passed : ExitStatus.failed
    }
}

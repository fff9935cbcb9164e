import Foundation
import PrakerjaConformance
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// Every requirement of a contract's table is judged by a check and broken by a defect switch
/// that the expected matrix shows caught by such a check; every check and every defect names
/// requirements the table states; `Conformance/defects.md` names the same requirements.
@Suite struct RequirementCoverageTests {
    static let roles = ["payment-partner", "job-portal", "training-provider", "digital-platform", "integration-api"]

    @Test(arguments: roles)
    func everyRequirementIsJudgedAndBroken(_ role: String) throws {
        let table = try RequirementTable.standard(role, root: Repository.root.path)
        let checks = try #require(RequirementCoverage.checks(judging: role))
        let defects = try #require(ReferenceFleet.defectRequirements[role])
        let coverage = RequirementCoverage(table: table, checks: checks, defects: defects)
        // The integration API's defect switches are its reference client's.
        let partner = role == "integration-api" ? "reference-lp-client" : "reference-\(role)"
        #expect(coverage.gaps.isEmpty, "\(coverage.gaps.joined(separator: "\n"))")

        // Proven: for each requirement, a defect that breaks it fails, in the matrix, a check that judges it.
        let expected = try ReferencePartners.Expected.load(partner)
        for row in coverage.rows {
            let proven = row.defects.contains { defect in !(expected.defects[defect] ?? []).isDisjoint(with: row.checks) }
            #expect(proven, "\(row.requirement.id): no defect of \(row.defects) is caught by a check of \(row.checks) in the matrix")
        }

        // The defect table, in the partner's section, names each switch's requirements.
        let text = try String(contentsOf: Repository.root.appending(path: "Conformance/defects.md"), encoding: .utf8)
        let sections = text.components(separatedBy: "\n## ")
        let section = try #require(sections.first { $0.contains("(`\(partner)`") }, "defects.md has a section for \(role)")
        for (name, requirements) in defects {
            let row = try #require(section.split(separator: "\n").first { $0.hasPrefix("| `\(name)` |") }, "defects.md has a row for \(name)")
            let cell = row.split(separator: "|")[1]
            for id in requirements { #expect(cell.contains("`\(id)`"), "defects.md: \(name) breaks \(id)") }
        }
    }

    /// A table with a mistake is refused naming the file, the key and the reason.
    @Test func aTableWithAMistakeIsRefusedWithItsKey() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "requirements-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cases: [(String, String)] = [
            ("role: payment-partner\ncontract: x.yaml\nrequirements:\n  - { id: PAY-A-1, statement: s, source: snap }", "/requirements/0/id"),
            (
                "role: payment-partner\ncontract: x.yaml\nrequirements:\n  - { id: PAY-AUTH-01, statement: s, source: rumour }",
                "/requirements/0/source"
            ),
            (
                "role: payment-partner\ncontract: x.yaml\nrequirements:\n  - { id: PAY-AUTH-01, statement: s, source: decided }",
                "/requirements/0/note"
            ),
            (
                "role: payment-partner\ncontract: x.yaml\nrequirements:\n  - { id: PAY-AUTH-01, statement: s, source: snap }\n"
                    + "  - { id: PAY-AUTH-01, statement: t, source: snap }", "/requirements/1/id"
            ),
            (
                "role: payment-partner\ncontract: x.yaml\nrequirements:\n  - { id: PAY-AUTH-01, statment: s, source: snap }",
                "/requirements/0/statment"
            ),
            ("role: bank\ncontract: x.yaml\nrequirements: []", "/role"),
        ]
        for (index, (yaml, key)) in cases.enumerated() {
            let file = directory.appending(path: "table-\(index).yaml")
            try Data(yaml.utf8).write(to: file)
            do {
                _ = try RequirementTable.load(file.path)
                Issue.record("\(yaml) was accepted")
            } catch {
                #expect(error.file == file.path)
                #expect(error.key == key, "\(error)")
            }
        }
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// The kit's regression matrix (`Conformance/expected/`): each clean reference partner passes
/// every required check, and each defect switch fails exactly the checks listed for it. It fails
/// when a defect goes uncaught, when a clean partner fails, and when an expected failure stops.
/// Serialized: one reference partner at a time keeps the machine free for the other suites.
@Suite(.serialized) struct ExpectedResultsMatrixTests {
    static let partners = ["reference-payment-partner", "reference-job-portal", "reference-training-provider", "reference-digital-platform"]

    static var cases: [(partner: String, defect: String?)] {
        partners.flatMap { partner in [(partner, nil)] + (ReferenceFleet.defectNames[partner] ?? []).map { (partner, $0) } }
    }

    @Test(arguments: cases.map { "\($0.partner)\($0.defect.map { " + " + $0 } ?? "")" })
    func theSuiteConcludesWhatIsExpected(_ name: String) async throws {
        let parts = name.components(separatedBy: " + ")
        let partner = parts[0], defect = parts.count > 1 ? parts[1] : nil
        let expected = try ReferencePartners.Expected.load(partner)
        let defects = try #require(defect.map { ReferenceFleet.defects(partner, $0) } ?? ReferenceFleet.Defects(), "unknown defect \(name)")
        // Latency depends on the machine (here, every case of the matrix at once), not on a defect
        // switch; it is judged only for a switch that slows the partner down, and then alone. The
        // slow checks (they wait) run for the clean partner, and alone for a switch they catch.
        let role = partner.replacingOccurrences(of: "reference-", with: "").replacingOccurrences(of: "-partner", with: "")
        let want = defect.map { expected.defects[$0] ?? [] } ?? []
        let latencyOnly = !want.isEmpty && want.allSatisfy { $0.hasPrefix("\(role).latency.") }
        let slow = Set(
            ConformanceRun.suites(for: try ReferencePartners.config(partner, baseURL: "http://127.0.0.1:1").role).flatMap(\.checks).map(\.definition)
                .filter { $0.tags.contains(Selection.slowTag) }.map(\.id))
        let selection =
            if latencyOnly { Selection(only: ["\(role).latency"]) } else if !want.isEmpty, want.isSubset(of: slow) {
                Selection(only: Array(want))
            } else { Selection(skip: ["\(role).latency"], quick: defect != nil) }
        let run = try await ReferencePartners.run(partner, defects: defects, selection: selection)
        let errors = run.checks.filter { $0.verdict == .error }
        #expect(errors.isEmpty, "\(name): the kit could not judge \(errors.map { "\($0.check.id): \($0.message)" })")
        let failed = Set(run.checks.filter { $0.verdict == .fail }.map(\.check.id))
        if let defect { #expect(!want.isEmpty, "\(partner) + \(defect) has no expected failures in Conformance/expected/\(partner).yaml") }
        let unexpected = run.checks.filter { failed.subtracting(want).contains($0.check.id) }.map { "\($0.check.id): \($0.message)" }
        #expect(unexpected.isEmpty, "\(name): unexpected failures \(unexpected)")
        #expect(want.subtracting(failed).isEmpty, "\(name): expected failures that did not happen \(want.subtracting(failed).sorted())")
        // A failed required check fails the run; a failed recommended one (latency) does not.
        let failsRequired = run.checks.contains { want.contains($0.check.id) && $0.check.severity == .required }
        #expect(run.exitCode == (failsRequired ? 1 : 0))
    }

    /// Every switch of `Conformance/defects.md` is in the matrix with the check the table names.
    @Test func theDefectTableAndTheMatrixAgree() throws {
        let table = try String(contentsOf: Repository.root.appending(path: "Conformance/defects.md"), encoding: .utf8)
        for partner in Self.partners {
            let expected = try ReferencePartners.Expected.load(partner)
            #expect(Set(expected.defects.keys) == Set(ReferenceFleet.defectNames[partner] ?? []), "\(partner): every switch, and only those")
            var section = ""
            for line in table.split(separator: "\n") {
                if line.hasPrefix("## ") { section = line.contains("`\(partner)`") ? partner : "" }
                guard section == partner, line.hasPrefix("| `") else { continue }
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                let defect = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                guard let listed = expected.defects[defect] else { continue }
                let named = cells[2].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }
                for id in named { #expect(listed.contains(id), "\(defect): defects.md names \(id), the matrix does not") }
            }
        }
    }
}

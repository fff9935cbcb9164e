import Foundation
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// `Conformance/defects.md` documents exactly the defect switches the reference partners have.
@Suite struct DefectTableTests {
    /// Each section's rows: the switch, the rule and the checks, by the reference partner it names.
    static func table() throws -> [String: [(name: String, rule: String, checks: String)]] {
        let text = try String(contentsOf: Repository.url("Conformance/defects.md"), encoding: .utf8)
        var sections: [String: [(String, String, String)]] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("## ") {
                current = line.split(separator: "`").dropFirst().first.map(String.init)
            } else if let current, line.hasPrefix("| `") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                sections[current, default: []].append((cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells[1], cells[2]))
            }
        }
        return sections
    }

    @Test func everySwitchIsDocumentedWithItsRuleAndCheck() throws {
        let table = try Self.table()
        let implemented: [String: [String]] = [
            "reference-payment-partner": PaymentDefect.allCases.map(\.rawValue),
            "reference-job-portal": JobPortalDefect.allCases.map(\.rawValue),
            "reference-training-provider": TrainingProviderDefect.allCases.map(\.rawValue),
            "reference-digital-platform": DigitalPlatformDefect.allCases.map(\.rawValue),
            "reference-lp-client": LPClientDefect.allCases.map(\.rawValue),
        ]
        // The ids of the checks that judge each: the role's suite's, the client suite's for the LP client.
        func checkPrefix(_ partner: String) -> String {
            partner == "reference-lp-client"
                ? "client" : partner.replacingOccurrences(of: "reference-", with: "").replacingOccurrences(of: "-partner", with: "")
        }
        #expect(Set(table.keys) == Set(implemented.keys), "one section per reference partner")
        for (partner, switches) in implemented {
            let rows = try #require(table[partner], "defects.md has a section for \(partner)")
            #expect(rows.map(\.name).sorted() == switches.sorted(), "\(partner): the table lists exactly its switches")
            for row in rows {
                #expect(
                    !row.rule.isEmpty,
                    "\(row.name): a rule and a check id of the role's suite")
                #expect(
                    row.checks.contains("`\(checkPrefix(partner))."),
                    "\(row.name): a rule and a check id of the role's suite")
            }
        }
    }
}

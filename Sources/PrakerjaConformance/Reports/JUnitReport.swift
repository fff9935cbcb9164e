import Foundation

/// The run as JUnit XML for a partner's CI: a `testsuite` per group, a `testcase` per check.
/// `fail` is a `<failure>`, `error` an `<error>` (the kit could not judge), `skipped` and
/// `notApplicable` are `<skipped>`; `warn` and `needsReview` pass with their message in `<system-out>`.
public enum JUnitReport {
    public static func render(_ run: RunResult) -> String { Layout().render(run) }

    /// The report's parts: `testsuites` with the run's counts, then a `testsuite` per group.
    struct Layout: ReportLayout {
        func head(_ outline: RunOutline) -> String {
            let counts = outline.counts
            return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
                + #"<testsuites name="prakerja conformance: \#(escape(outline.header.target.name))" tests="\#(counts.total)" failures="\#(counts[.fail])" errors="\#(counts[.error])" skipped="\#(counts[.skipped] + counts[.notApplicable])">"#
                + "\n"
        }

        func group(_ group: GroupResult, index: Int) -> String {
            let checks = group.checks
            let failures = checks.filter { $0.verdict == .fail }.count, errors = checks.filter { $0.verdict == .error }.count
            let skipped = checks.filter { $0.verdict == .skipped || $0.verdict == .notApplicable }.count
            let time = checks.map(\.milliseconds).reduce(0, +) / 1000
            var xml =
                #"  <testsuite name="\#(escape(group.id))" tests="\#(checks.count)" failures="\#(failures)" errors="\#(errors)" skipped="\#(skipped)" time="\#(String(format: "%.3f", time))">"#
                + "\n"
            for result in checks {
                xml +=
                    #"    <testcase classname="\#(escape(group.id))" name="\#(escape(result.check.id))" time="\#(String(format: "%.3f", result.milliseconds / 1000))""#
                let detail = escape(EvidenceText.render(result))
                switch result.verdict {
                case .fail:
                    xml +=
                        ">\n      <failure message=\"\(escape(result.message))\" type=\"\(result.fault?.rawValue ?? "partner")\">\(detail)</failure>\n    </testcase>\n"
                case .error:
                    xml +=
                        ">\n      <error message=\"\(escape(result.message))\" type=\"\(result.fault?.rawValue ?? "kit")\">\(detail)</error>\n    </testcase>\n"
                case .skipped, .notApplicable: xml += ">\n      <skipped message=\"\(escape(result.message))\"/>\n    </testcase>\n"
                case .warn, .needsReview:
                    xml += ">\n      <system-out>\(result.verdict.rawValue): \(escape(result.message))</system-out>\n    </testcase>\n"
                case .pass: xml += "/>\n"
                }
            }
            return xml + "  </testsuite>\n"
        }

        func tail(_ outline: RunOutline) -> String { "</testsuites>\n" }
    }

    /// XML-escaped text; characters XML 1.0 cannot carry are dropped.
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }
}

/// A result's evidence as plain text: for the console, JUnit and anyone reading without a browser.
public enum EvidenceText {
    public static func render(_ result: CheckResult, maximumExchanges: Int = 3) -> String {
        var lines = [
            "\(result.check.id) — \(result.verdict.rawValue)\(result.fault.map { " (\($0.rawValue))" } ?? ""): \(result.message)",
            "requirement: \(result.check.requirement)",
        ]
        for finding in result.evidence.findings {
            var line = "  - \(finding.message)"
            if let location = finding.location { line += " at \(location)" }
            if let expected = finding.expected { line += "; expected \(expected)" }
            if let actual = finding.actual { line += "; got \(actual)" }
            lines.append(line)
        }
        let exchanges = result.evidence.exchanges
        let shown = result.evidence.findings.compactMap(\.exchange).filter { exchanges.indices.contains($0) }
        let picked: [Int] = shown.isEmpty ? Array(exchanges.indices.suffix(maximumExchanges)) : Array(Set(shown).sorted().prefix(maximumExchanges))
        for index in picked {
            let exchange = exchanges[index]
            lines.append("  > \(exchange.method) \(exchange.url)\(exchange.attempt > 1 ? " (attempt \(exchange.attempt))" : "")")
            if !exchange.requestBody.isEmpty { lines.append("    \(exchange.requestBody.prefix(400))") }
            lines.append(
                "  < " + (exchange.status.map { "HTTP \($0)" } ?? "no response: \(exchange.error ?? "")")
                    + String(format: " in %.1f ms", exchange.milliseconds))
            if !exchange.responseBody.isEmpty { lines.append("    \(exchange.responseBody.prefix(400))") }
        }
        if exchanges.count > maximumExchanges { lines.append("  (\(exchanges.count) exchanges in all; the JSON and HTML reports have every one)") }
        return lines.joined(separator: "\n")
    }
}

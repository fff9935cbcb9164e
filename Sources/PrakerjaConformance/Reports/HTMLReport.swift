import Foundation

/// The run as one self-contained HTML page for the curation team: a summary, a pass-rate chart
/// per group, every check with its verdict, and each non-passing check's evidence (findings and
/// the HTTP exchanges) one click away. No script, no external file.
public enum HTMLReport {
    /// What the report allows itself wherever it is opened (served, or a file saved from a
    /// partner's CI): its own inline style and data images, nothing else: no script, no request.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"

    public static func render(_ run: RunResult) -> String {
        Layout(matrix: run.assessment.map { indicatorMatrix($0, run) } ?? "").render(run)
    }

    /// The page's parts: the header, then per suite its pass-rate chart and a table per group.
    struct Layout: ReportLayout {
        /// An assessment's indicator matrix (it needs every result: assessments are never written
        /// a group at a time).
        var matrix = ""

        func head(_ outline: RunOutline) -> String {
            let run = outline.header, counts = outline.counts
            return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="\(HTMLReport.contentSecurityPolicy)">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>\(kind(run)): \(escape(run.target.name))</title>
                <style>\(style)</style></head><body>
                <header><h1>\(kind(run)) report: \(escape(run.target.name))</h1>
                <p class="meta">role <b>\(escape(run.target.role))</b> · \(escape(run.target.baseURL)) · run \(escape(run.runID)) ·
                kit \(escape(run.kitVersion)) · \(escape(timestamp(run.startedAt)))–\(escape(timestamp(run.finishedAt)))</p>
                <p class="meta">\(run.contracts.isEmpty ? "" : "contracts: " + run.contracts.map { "\(escape($0.path)) <code>sha256 \($0.sha256.prefix(12))…</code>" }.joined(separator: ", ") + " · ")\
                \(run.selection.isEmpty ? "" : "selection: " + escape(run.selection.joined(separator: " ")))</p>
                \(run.waivers.map { $0.summary.isEmpty ? "" : "<p class=\"meta\">waivers: \(escape($0.summary))</p>" } ?? "")
                <p class="overall \(overallClass(outline))">\(overall(outline))</p>
                <ul class="counts">\(Verdict.severityOrder.filter { counts[$0] > 0 }.map { "<li class=\"\($0.rawValue)\">\(counts[$0]) \(label($0))</li>" }.joined())</ul>
                </header>
                """ + matrix
        }

        func suiteHead(_ outline: RunOutline, suite: Int) -> String {
            let header = outline.header.suites[suite]
            return "<section><h2>\(escape(header.title)) <span class=\"badge \(header.verdict.rawValue)\">\(label(header.verdict))</span></h2>\n"
                + chart(outline.groups[suite])
        }

        func group(_ group: GroupResult, index: Int) -> String {
            var html =
                "<h3 id=\"\(escape(group.id))\">\(escape(group.title)) <span class=\"badge \(group.verdict.rawValue)\">\(label(group.verdict))</span></h3>\n<table>\n"
            html += "<tr><th>verdict</th><th>check</th><th>why</th><th>time</th></tr>\n"
            for result in group.checks {
                html +=
                    "<tr class=\"\(result.verdict.rawValue)\"><td><span class=\"badge \(result.verdict.rawValue)\">\(label(result.verdict))</span>"
                html += result.proposed.map { "<br><small>proposed: \(label($0))</small>" } ?? ""
                html += result.check.severity == .recommended ? "<br><small>recommended</small>" : ""
                html += "</td><td><b>\(escape(result.check.title))</b><br><code>\(escape(result.check.id))</code></td><td>\(escape(result.message))"
                for review in result.reviews ?? [] {
                    html +=
                        "<br><small>reviewed: \(label(review.verdict)) by \(escape(review.reviewer))\(review.note.isEmpty ? "" : " (\(escape(review.note)))")</small>"
                }
                if result.verdict != .pass && result.verdict != .skipped { html += evidence(result) }
                html += "</td><td>\(String(format: "%.0f ms", result.milliseconds))</td></tr>\n"
            }
            return html + "</table>\n"
        }

        func suiteTail(_ outline: RunOutline, suite: Int) -> String { "</section>\n" }

        func tail(_ outline: RunOutline) -> String {
            "<footer>Prakerja partner kit · evidence redacted: credentials never shown, personal data masked.</footer></body></html>\n"
        }
    }

    /// The run's outcome in one sentence: an assessment's decision, a sweep's course statuses, or
    /// what a conformance run's required checks did.
    static func overall(_ outline: RunOutline) -> String {
        let run = outline.header
        if let assessment = run.assessment { return decision(assessment) }
        if let monitoring = run.monitoring {
            return "Courses: "
                + CourseStatus.allCases.map { status in "\(monitoring.courses.filter { $0.status == status }.count) \(status.rawValue)" }
                .joined(separator: ", ") + " under rule pack \(monitoring.rulePack)."
        }
        return switch outline.exitCode {
        case 0: "Every required check passed."
        case 1: "\(outline.requiredFailed) required checks failed."
        default: "The kit could not judge some required checks (network or kit faults); they are not the partner's failures."
        }
    }

    static func kind(_ run: RunResult) -> String { run.assessment != nil ? "Assessment" : run.monitoring != nil ? "Monitoring" : "Conformance" }

    /// The colour of the overall line: an assessment's decision, or the run's verdict.
    static func overallClass(_ outline: RunOutline) -> String {
        let run = outline.header
        return switch run.assessment?.decision {
        case .approve?: "pass"
        case .approveWithConditions?: "warn"
        case .reject?: "fail"
        case .awaitingReview?: "review"
        case nil:
            switch run.monitoring?.worst {
            case .violation?: "fail"
            case .awaitingReview?: "review"
            case .warning?: "warn"
            case .error?: "error"
            case .compliant?: "pass"
            case nil: run.verdict.rawValue
            }
        }
    }

    /// An assessment's decision in words.
    static func decision(_ assessment: AssessmentSummary) -> String {
        let decision =
            switch assessment.decision {
            case .approve: "Approve"
            case .approveWithConditions: "Approve with conditions"
            case .reject: "Reject"
            case .awaitingReview: "Awaiting review"
            }
        let pending = assessment.aspects.reduce(0) { $0 + $1.pending }
        let score = assessment.score.map { String(format: ", score %.0f", $0) } ?? ""
        let projected =
            assessment.decision == .awaitingReview
            ? (assessment.projected.map { " (the machine's proposals, once confirmed, make it \($0.rawValue))" } ?? "") : ""
        return "Decision: \(decision)\(projected)\(score) under rule pack \(assessment.rulePack)"
            + (assessment.provisional ? " (provisional: \(pending) indicators wait for a reviewer)." : ".")
    }

    /// The indicator matrix: one row per aspect, its score, and a cell per indicator coloured by
    /// its verdict (a reviewer's pending ones show the machine's proposal).
    static func indicatorMatrix(_ assessment: AssessmentSummary, _ run: RunResult) -> String {
        var html =
            "<section><h2>Indicator matrix</h2><table class=\"matrix\"><tr><th>aspect</th><th>score</th><th>indicators</th><th>waiting for review</th></tr>\n"
        for (aspect, group) in zip(assessment.aspects, run.suites.flatMap(\.groups)) {
            html +=
                "<tr><td><a href=\"#\(escape(group.id))\">\(escape(aspect.title))</a></td><td>\(aspect.score.map { String(format: "%.0f", $0) } ?? "–")</td><td>"
            for result in group.checks {
                let shown = result.proposed ?? result.verdict
                html +=
                    "<span class=\"cell \(shown.rawValue)\(result.verdict == .needsReview ? " pending" : "")\" title=\"\(escape(result.check.id)) \(escape(result.check.title)): \(label(result.verdict))\(result.proposed.map { " (proposed \(label($0)))" } ?? "")\">\(escape(result.check.id))</span>"
            }
            html += "</td><td>\(aspect.pending)</td></tr>\n"
        }
        return html
            + "</table><p class=\"meta\">Cells: green pass, red fail, grey not applicable; hatched cells wait for a reviewer (coloured by the machine's proposal, blue when it has none).</p></section>\n"
    }

    /// Pass rate per group, as horizontal bars.
    static func chart(_ groups: [RunOutline.Group]) -> String {
        var svg =
            "<figure class=\"chart\"><figcaption>Pass rate by group (judged checks; those waiting for review by the machine's proposal)</figcaption>\n"
        for group in groups {
            let rate = group.judged == 0 ? 0 : Double(group.passed) / Double(group.judged)
            svg += "<div class=\"bar\"><a href=\"#\(escape(group.id))\">\(escape(group.title))</a>"
            svg += "<span class=\"track\"><span class=\"fill \(rate == 1 ? "pass" : "fail")\" style=\"width:\(Int(rate * 100))%\"></span></span>"
            svg += "<span class=\"rate\">\(group.judged == 0 ? "not run" : "\(group.passed)/\(group.judged)")</span></div>\n"
        }
        return svg + "</figure>\n"
    }

    static func evidence(_ result: CheckResult) -> String {
        let exchanges = result.evidence.exchanges
        guard !result.evidence.findings.isEmpty || !exchanges.isEmpty else { return "" }
        var html =
            "<details\(result.verdict == .fail || result.verdict == .error ? " open" : "")><summary>evidence: \(result.evidence.findings.count) findings, \(exchanges.count) HTTP exchanges</summary>"
        html += "<p class=\"requirement\">requirement: \(escape(result.check.requirement))</p>"
        if !result.evidence.findings.isEmpty {
            html += "<table class=\"findings\"><tr><th>finding</th><th>where</th><th>expected</th><th>actual</th></tr>"
            for finding in result.evidence.findings {
                let link = finding.exchange.map { " <a href=\"#\(anchor(result, $0))\">exchange \($0 + 1)</a>" } ?? ""
                html += "<tr><td>\(escape(finding.message))\(link)</td><td><code>\(escape(finding.location ?? ""))</code></td>"
                html += "<td>\(escape(finding.expected ?? ""))</td><td>\(escape(finding.actual ?? ""))</td></tr>"
            }
            html += "</table>"
        }
        for (index, exchange) in exchanges.enumerated() {
            let status = exchange.status.map { "HTTP \($0)" } ?? "no response: \(exchange.error ?? "")"
            html +=
                "<details id=\"\(anchor(result, index))\" class=\"exchange\"><summary>\(index + 1). \(escape(exchange.method)) \(escape(exchange.url)) → \(escape(status))"
            html +=
                String(format: " · %.1f ms", exchange.milliseconds) + (exchange.attempt > 1 ? " · attempt \(exchange.attempt)" : "") + "</summary>"
            html +=
                "<pre>\(escape(exchange.requestHeaders.map { "\($0.name): \($0.value)" }.joined(separator: "\n")))\n\n\(escape(exchange.requestBody))</pre>"
            html +=
                "<pre>\(escape(exchange.responseHeaders.map { "\($0.name): \($0.value)" }.joined(separator: "\n")))\n\n\(escape(exchange.responseBody))</pre></details>"
        }
        return html + "</details>"
    }

    static func anchor(_ result: CheckResult, _ index: Int) -> String { "\(result.check.id)-x\(index + 1)" }

    static func label(_ verdict: Verdict) -> String {
        switch verdict {
        case .notApplicable: "n/a"
        case .needsReview: "needs review"
        default: verdict.rawValue
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        return formatter.string(from: date)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1.5em;color:#1d2433}
        h1{font-size:1.5em;margin:.2em 0}h2{border-bottom:2px solid #dde3ee;padding-bottom:.2em;margin-top:1.6em}h3{margin:1.2em 0 .4em}
        .meta{color:#5b6478;margin:.2em 0;overflow-wrap:anywhere}code{font-size:.9em;color:#3a4a6b}
        .overall{font-size:1.15em;font-weight:600;padding:.6em .9em;border-radius:6px}.overall.pass{background:#e3f6e8}
        .overall.fail{background:#fde5e5}.overall.error{background:#fff1d6}.overall.warn{background:#fff6d6}.overall.review{background:#e6eefc}
        .counts{list-style:none;padding:0;display:flex;gap:.6em;flex-wrap:wrap}.counts li{padding:.2em .6em;border-radius:4px;background:#eef1f6}
        table{border-collapse:collapse;width:100%;margin:.3em 0}th,td{text-align:left;vertical-align:top;padding:.35em .5em;border-bottom:1px solid #e6e9f0}
        th{font-weight:600;color:#5b6478;font-size:.9em}
        .badge{display:inline-block;padding:.05em .5em;border-radius:3px;font-size:.85em;font-weight:600;background:#eef1f6}
        .badge.pass,.counts .pass{background:#cdeed6;color:#14532d}.badge.fail,.counts .fail{background:#f9c9c9;color:#7f1d1d}
        .badge.error,.counts .error{background:#ffe2a8;color:#713f12}.badge.warn,.counts .warn{background:#fff0c2;color:#713f12}
        .badge.needsReview{background:#dbe4ff;color:#1e3a8a}
        details{margin:.4em 0}summary{cursor:pointer;color:#3a4a6b}pre{background:#f6f8fb;padding:.6em;overflow:auto;white-space:pre-wrap;word-break:break-all;font-size:12px;margin:.3em 0}
        .findings td{font-size:.92em;overflow-wrap:anywhere}.requirement{color:#5b6478;font-size:.9em;margin:.3em 0}
        .chart{margin:.5em 0 1em}.chart figcaption{color:#5b6478;font-size:.9em;margin-bottom:.3em}
        .bar{display:grid;grid-template-columns:220px 1fr 70px;align-items:center;gap:.6em;margin:.15em 0}.bar>a{min-width:0;overflow-wrap:anywhere}
        .track{height:12px;background:#eef1f6;border-radius:6px;overflow:hidden}.fill{display:block;height:100%}
        .fill.pass{background:#3fa66a}.fill.fail{background:#d9534f}.rate{font-variant-numeric:tabular-nums;color:#5b6478}
        footer{margin-top:2em;color:#8a93a6;font-size:.85em}
        .matrix .cell{display:inline-block;font-size:.75em;padding:.1em .3em;margin:.1em;border-radius:3px;background:#eef1f6}
        .cell.pass{background:#cdeed6}.cell.fail{background:#f9c9c9}.cell.needsReview{background:#dbe4ff}.cell.notApplicable{background:#eef1f6;color:#8a93a6}
        .cell.pending{background-image:repeating-linear-gradient(45deg,transparent,transparent 3px,rgba(255,255,255,.7) 3px,rgba(255,255,255,.7) 6px)}
        code{overflow-wrap:anywhere}
        @media (max-width:640px){table,tbody,tr,td{display:block}tr:first-child{display:none}td{border:none;padding:.15em .3em}
        tr{border-bottom:1px solid #e6e9f0;padding:.4em 0}.bar{grid-template-columns:110px 1fr 50px}}
        """
}

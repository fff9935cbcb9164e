import Foundation
import Hummingbird
import PrakerjaConformance
import PrakerjaModels
import PrakerjaStore

/// The dashboard, the runs and a run's results. A partner user sees only their partner's runs:
/// another's is "not found", never "forbidden" (its id says nothing about whether it exists).
extension ConsoleApplication {
    @Sendable func dashboard(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        // Each kind and subject's runs, newest first, in the order their latest ran.
        var runs: [String: [RunEntry]] = [:], order: [String] = []
        for entry in try await visibleRuns(context, kind: nil, limit: 1_000) {
            let key = "\(entry.kind.rawValue)/\(entry.subject)"
            if runs[key] == nil { order.append(key) }
            runs[key, default: []].append(entry)
        }
        let rows = order.compactMap { runs[$0] }
        func row(_ runs: [RunEntry]) -> [String: Any] {
            var values = runValues(runs[0], context)
            values["trend"] = runs.dropFirst().prefix(5).reversed().map { runValues($0, context) }
            return values
        }
        let partners = rows.filter { [.conformance, .client].contains($0[0].kind) }.map(row)
        let courses = rows.filter { [.assessment, .monitoring].contains($0[0].kind) }.map(row)
        return page(
            "dashboard", title: text("dashboard", context),
            ["partners": partners, "hasPartners": !partners.isEmpty, "courses": courses, "hasCourses": !courses.isEmpty], context: context)
    }

    /// The runs, newest first, 100 a page: the next page starts after the last run of this one.
    @Sendable func runsPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        let query = FormFields.parse(request.uri.query ?? "")
        let kind = query["kind"].flatMap(RunResult.Kind.init(rawValue:))
        var after: RunEntry?
        if let id = query.text("after", maximum: 80) { after = try await visibleRun(id, context) }
        let entries = try await visibleRuns(context, kind: kind, after: after, limit: Self.runsPage)
        let kinds = RunResult.Kind.allCases.map { ["value": $0.rawValue, "label": text("kind.\($0.rawValue)", context), "selected": $0 == kind] }
        var values: [String: Any] = ["runs": entries.map { runValues($0, context) }, "hasRuns": !entries.isEmpty, "kinds": kinds]
        // The first page's link has a query even without a kind: an empty link would not show.
        if after != nil { values["first"] = "kind=\(kind?.rawValue ?? "")" }
        if entries.count == Self.runsPage, let last = entries.last {
            values["next"] = FormFields.query([("kind", kind?.rawValue), ("after", last.id)])
        }
        return page("runs", title: text("runs", context), values, context: context)
    }

    /// How many runs a page of the runs lists.
    static let runsPage = 100

    @Sendable func runPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let entry = try await visibleRun(id, context) else { throw ConsoleRefusal.notFound }
        let query = FormFields.parse(request.uri.query ?? "")
        let problemsOnly = query["show"] != "all"
        let after = query["after"].flatMap { Int($0) }
        let check = query.text("check", maximum: 80), group = query.text("group", maximum: 200)
        let (groups, next) = try await store.resultsPage(
            id, after: after, limit: 200, verdicts: problemsOnly ? ResultsStore.problemVerdicts : nil, check: check, group: group)
        var values = runValues(entry, context)
        values["runID"] = id
        // A monitoring sweep's run has the sweep's id (a conformance sweep has no run of its own).
        if entry.kind == .monitoring, let sweep = try await store.sweep(id) {
            values.merge(sweepProgress(sweep, context)) { $1 }
            // Ended without its summary (its finishing item failed too): not running any more.
            if sweep.status == .finished, entry.status == .running {
                values["outcome"] = "unjudged"
                values["outcomeLabel"] = text("outcome.unjudged", context)
            }
        }
        values["problemsOnly"] = problemsOnly
        values["check"] = check ?? ""
        values["group"] = group ?? ""
        values["hasCourses"] = entry.kind == .monitoring
        let filter = FormFields.query([("show", problemsOnly ? "problems" : "all"), ("check", check), ("group", group)])
        if after != nil { values["first"] = filter }
        if let next { values["next"] = "\(filter)&after=\(next)" }
        values["groups"] = groups.map { stored -> [String: Any] in
            [
                "title": stored.group.title, "verdict": stored.group.verdict.rawValue,
                "verdictLabel": text("verdict.\(stored.group.verdict.rawValue)", context),
                "checks": zip(stored.group.checks, stored.positions).map { result, position -> [String: Any] in
                    [
                        "id": result.check.id, "title": result.check.title, "verdict": result.verdict.rawValue,
                        "verdictLabel": text("verdict.\(result.verdict.rawValue)", context), "message": result.message,
                        "position": position,
                    ]
                },
            ]
        }
        return page("run", title: entry.subject, values, context: context)
    }

    /// One result with its evidence: findings, reviews, and every HTTP exchange as the kit
    /// recorded it (secrets and personal data already redacted when it was recorded).
    @Sendable func resultPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let position = context.parameters.get("position").flatMap(Int.init),
            let entry = try await visibleRun(id, context), let (group, result) = try await store.result(id, at: position)
        else { throw ConsoleRefusal.notFound }
        let findings = result.evidence.findings.map { finding -> [String: Any] in
            ["message": finding.message, "location": finding.location ?? "", "expected": finding.expected ?? "", "actual": finding.actual ?? ""]
        }
        // A partner reads why its results were decided, not which curator decided them.
        let curator = context.session?.person.role == .partner
        let reviews = (result.reviews ?? []).map { review -> [String: Any] in
            [
                "reviewer": curator ? text("curator", context) : review.reviewer, "verdict": review.verdict.rawValue,
                "verdictLabel": text("verdict.\(review.verdict.rawValue)", context),
                "note": review.note, "when": Self.time(review.reviewedAt), "institution": review.institution ?? "", "adjudicates": review.adjudicates,
            ]
        }
        let exchanges = result.evidence.exchanges.enumerated().map { index, exchange -> [String: Any] in
            [
                "method": exchange.method, "url": exchange.url, "status": exchange.status.map(String.init) ?? (exchange.error ?? "—"),
                "milliseconds": String(format: "%.0f", exchange.milliseconds), "open": index == 0,
                "requestHeaders": exchange.requestHeaders.map { ["name": $0.name, "value": $0.value] }, "requestBody": exchange.requestBody,
                "responseHeaders": exchange.responseHeaders.map { ["name": $0.name, "value": $0.value] }, "responseBody": exchange.responseBody,
            ]
        }
        var values: [String: Any] = [
            "runID": id, "position": position, "subject": entry.subject, "group": group, "checkID": result.check.id, "checkTitle": result.check.title,
            "verdict": result.verdict.rawValue, "verdictLabel": text("verdict.\(result.verdict.rawValue)", context),
            "requirement": result.check.requirement, "severity": result.check.severity.rawValue, "message": result.message,
            "started": Self.time(result.startedAt), "milliseconds": String(format: "%.0f", result.milliseconds), "findings": findings,
            "hasFindings": !findings.isEmpty, "reviews": reviews, "hasReviews": !reviews.isEmpty, "exchanges": exchanges,
        ]
        if let proposed = result.proposed { values["proposedLabel"] = text("verdict.\(proposed.rawValue)", context) }
        values.merge(try await reviewValues(entry, result, context)) { $1 }
        return page("result", title: "\(result.check.id) · \(entry.subject)", values, context: context)
    }

    @Sendable func peoplePage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        let people = try await store.people().map { person -> [String: Any] in
            [
                "login": person.login, "name": person.name, "roleLabel": text("role.\(person.role.rawValue)", context),
                "affiliation": person.institution ?? person.partner ?? "", "state": text(person.disabled ? "disabled" : "active", context),
            ]
        }
        return page("people", title: text("people", context), ["people": people], context: context)
    }

    /// The partner whose runs (and waivers) alone the signed-in person sees: a partner user's
    /// (`""`, matching nothing, for one without a partner); nil for everyone else, who sees all.
    func partnerScope(_ context: ConsoleContext) -> String? {
        guard let person = context.session?.person, person.role == .partner else { return nil }
        return person.partner ?? ""
    }

    /// The runs the signed-in person may see, newest first: a partner user's partner's only.
    func visibleRuns(_ context: ConsoleContext, kind: RunResult.Kind?, after: RunEntry? = nil, limit: Int) async throws -> [RunEntry] {
        guard context.session != nil else { return [] }
        return try await store.runs(kind: kind, ofPartner: partnerScope(context), after: after, limit: limit)
    }

    /// The run `id` if the signed-in person may see it, else nil (shown as not found).
    func visibleRun(_ id: String, _ context: ConsoleContext) async throws -> RunEntry? {
        guard context.session != nil else { return nil }
        return try await store.runEntry(id, ofPartner: partnerScope(context))
    }

    /// What the pages show of a run: its verdict as a word and a colour, its counts as a bar.
    func runValues(_ entry: RunEntry, _ context: ConsoleContext) -> [String: Any] {
        // A course's run that exits 1 has courses to review or a decision to make, not a
        // partner's failure: its decision is shown with it.
        let judgesCourses = entry.kind == .assessment || entry.kind == .monitoring
        let outcome =
            switch (entry.status, entry.exitCode) {
            case (.running, _): "running"
            case (_, ExitStatus.passed): "passed"
            case (_, ExitStatus.failed): judgesCourses ? "attention" : "failed"
            default: "unjudged"
            }
        let counts = Verdict.severityOrder.compactMap { verdict in
            entry.counts[verdict.rawValue].map { "\($0) \(text("verdict.\(verdict.rawValue)", context))" }
        }
        return [
            "id": entry.id, "subject": entry.subject, "outcome": outcome,
            "kindLabel": text("kind.\(entry.kind.rawValue)", context)
                + (judgesCourses ? entry.outcome.flatMap { $0.isEmpty ? nil : " · \($0)" } ?? "" : ""),
            "outcomeLabel": text("outcome.\(outcome)", context), "countsText": counts.joined(separator: " · "),
            "bar": CountsBar.svg(entry.counts), "started": Self.time(entry.startedAt), "finished": entry.finishedAt.map(Self.time) ?? "—",
            "when": Self.time(entry.finishedAt ?? entry.startedAt),
        ]
    }

    /// A sweep's items by status, as a bar and in words, and why the failed ones failed (for the
    /// program's people: an item's error may name the workers' files); while it runs, the page
    /// reloads itself every few seconds (a `<meta>` refresh: no script).
    func sweepProgress(_ sweep: Sweep, _ context: ConsoleContext) -> [String: Any] {
        let items = sweep.items.filter { $0.key != SweepItem.finish }
        var counts: [String: Int] = [:]
        for item in items { counts[item.status.rawValue, default: 0] += 1 }
        // A worker process holds items under `pid@host#slot`: the workers are the processes.
        let workers = Set(sweep.items.filter { $0.status == .running }.compactMap { $0.owner?.split(separator: "#").first }).count
        var values: [String: Any] = [
            "progress": String(
                format: text("sweepProgress", context), counts["done"] ?? 0, items.count, counts["running"] ?? 0, workers, counts["failed"] ?? 0),
            "progressBar": CountsBar.svg(counts, order: ["failed", "done", "running", "waiting"]),
        ]
        if sweep.status == .running { values["refresh"] = Self.refreshSeconds }
        if context.session?.person.role != .partner {
            let failed = sweep.items.filter { $0.status == .failed }
            values["failedItems"] = failed.prefix(Self.failedItemsShown).map { ["key": $0.key, "error": $0.error ?? "", "attempts": $0.attempts] }
            values["hasFailedItems"] = !failed.isEmpty
            if failed.count > Self.failedItemsShown { values["moreFailed"] = failed.count - Self.failedItemsShown }
        }
        return values
    }

    /// How many failed items a sweep's page explains (the rest are counted).
    static let failedItemsShown = 5

    /// How often a running sweep's page reloads itself.
    static let refreshSeconds = 5

    /// A moment as the pages show it: Jakarta time (WIB), to the minute, as `prakerja runs` does.
    static func time(_ date: Date) -> String { date.jakarta("yyyy-MM-dd HH:mm") + " WIB" }
}

/// A run's counts by verdict as a bar of inline SVG, each part coloured by its verdict's class in
/// the stylesheet (no script, no inline style: the CSP allows neither).
enum CountsBar {
    /// The bar of `counts`, its parts in `order` (by default the verdicts, worst first), each of
    /// the class of its key.
    static func svg(_ counts: [String: Int], order: [String] = Verdict.severityOrder.map(\.rawValue)) -> String {
        let total = max(1, counts.values.reduce(0, +))
        var x = 0.0, rects = ""
        for key in order {
            guard let count = counts[key], count > 0 else { continue }
            let width = Double(count) * 100 / Double(total)
            rects +=
                #"<rect class="\#(key)" x="\#(String(format: "%.3f", x))" y="0" width="\#(String(format: "%.3f", width))" height="10"/>"#
            x += width
        }
        return #"<svg class="counts" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-hidden="true">"# + rects + "</svg>"
    }
}

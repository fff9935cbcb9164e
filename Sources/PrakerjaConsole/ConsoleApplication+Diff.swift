import Foundation
import Hummingbird
import PrakerjaConformance
import PrakerjaStore

/// `runs diff` in the browser: what changed from one run to a later run of the same partner,
/// course or sweep (`RunDiff`, as the command computes it), by default from the run before.
extension ConsoleApplication {
    @Sendable func diffPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let after = try await visibleRun(id, context) else { throw ConsoleRefusal.notFound }
        let asked = FormFields.parse(request.uri.query ?? "").text("with", maximum: 80)
        let earlier: RunEntry?
        if let asked {
            earlier = try await visibleRun(asked, context)
        } else {
            // The run before among those this person may see: a partner's user never compares
            // with another partner's run of the same subject (a course code another provider used).
            earlier = try await store.runs(kind: after.kind, subject: after.subject, ofPartner: partnerScope(context), after: after, limit: 1).first
        }
        var values = runValues(after, context)
        values["runID"] = id
        guard let before = earlier, before.kind == after.kind, before.subject == after.subject, before.isListed(after: after) else {
            values["message"] = text(asked == nil ? "diffNoEarlier" : "diffOtherSubject", context)
            return page("diff", title: "\(text("diff", context)) · \(after.subject)", values, context: context)
        }
        let results = max(before.results, after.results)
        guard results <= configuration.largestReport else {
            values["message"] =
                String(format: text("diffTooLarge", context), results, configuration.largestReport) + " prakerja runs diff \(before.id) \(id)"
            return page("diff", title: "\(text("diff", context)) · \(after.subject)", values, context: context)
        }
        guard let a = try await store.run(before.id)?.run, let b = try await store.run(id)?.run else { throw ConsoleRefusal.notFound }
        let diff = RunDiff(from: a, to: b)
        values["beforeID"] = before.id
        values["beforeWhen"] = Self.time(before.startedAt)
        values["unchanged"] = diff.isEmpty
        values["outcomes"] = diff.outcome
        values["hasContracts"] = !diff.contracts.isEmpty
        values["contracts"] = diff.contracts.map {
            ["path": $0.path, "before": $0.before.map { String($0.prefix(12)) } ?? "—", "after": $0.after.map { String($0.prefix(12)) } ?? "—"]
        }
        values["sections"] = [
            ("diff.newFailures", diff.newFailures), ("diff.fixes", diff.fixes), ("diff.changed", diff.changed), ("diff.drift", diff.drift),
            ("diff.added", diff.added), ("diff.removed", diff.removed),
        ].filter { !$0.1.isEmpty }.map { key, changes -> [String: Any] in
            [
                "title": "\(text(key, context)) (\(changes.count))",
                "changes": changes.map { change -> [String: Any] in
                    [
                        "check": change.check, "title": change.title, "message": change.message,
                        "before": change.before?.rawValue ?? "absent", "after": change.after?.rawValue ?? "absent",
                        "beforeLabel": change.before.map { text("verdict.\($0.rawValue)", context) } ?? "—",
                        "afterLabel": change.after.map { text("verdict.\($0.rawValue)", context) } ?? "—",
                        "gone": change.gone.map(\.summary), "new": change.new.map(\.summary), "hasGone": !change.gone.isEmpty,
                        "hasNew": !change.new.isEmpty,
                    ]
                },
            ]
        }
        return page("diff", title: "\(text("diff", context)) · \(after.subject)", values, context: context)
    }
}

import Foundation
import Hummingbird
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaStore

/// Reviewing in the console: a reviewer's queue, the verdict form on a result's page, the
/// admin's assignments (by hand or shared out evenly) and adjudications. Verdicts are recorded
/// by the store's one review recording (`ResultsStore.review`), the one `prakerja review
/// import` uses: the same rules, the same recomputed decision, the same audit trail.
extension ConsoleApplication {
    /// The people who review: the admin, assessors and monitors.
    static let reviewers: Set<ConsolePerson.Role> = [.admin, .assessor, .monitor]

    @Sendable func reviewsPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let person = context.session?.person else { throw ConsoleRefusal.forbidden }
        let tasks = try await store.reviewQueue(for: person, limit: Self.queueLimit)
        var values: [String: Any] = [:], has: [String: Bool] = [:]
        for reason in ReviewTask.Reason.allCases {
            let runs = Self.byRun(tasks.filter { $0.reason == reason }).map { mine -> [String: Any] in
                let first = mine[0]
                return [
                    "href": "/runs/\(first.runID)", "subject": first.subject, "kindLabel": text("kind.\(first.kind.rawValue)", context),
                    "count": mine.count, "tasks": mine.map { taskValues($0, context) },
                ]
            }
            values[reason.rawValue] = runs
            has[reason.rawValue] = !runs.isEmpty
        }
        values["has"] = has
        values["isAdmin"] = person.role == .admin
        values["full"] = tasks.count >= Self.queueLimit
        if person.role == .admin {
            let people = try await store.people().filter { !$0.disabled }
            let unassigned = try await store.unassigned().map { run, waiting -> [String: Any] in
                let role = ConsolePerson.Role.reviewer(of: run.kind)
                let institutions = Set(people.filter { $0.role == role }.compactMap(\.institution)).sorted()
                let choices =
                    institutions.map { ["value": "institution:\($0)", "label": $0] }
                    + people.filter { $0.role == role }.map { ["value": "person:\($0.login)", "label": "\($0.name) (\($0.login))"] }
                return [
                    "id": run.id, "subject": run.subject, "kindLabel": text("kind.\(run.kind.rawValue)", context), "waiting": waiting,
                    "choices": choices, "canAssign": !choices.isEmpty,
                ]
            }
            values["unassigned"] = unassigned
            values["hasUnassigned"] = !unassigned.isEmpty
        }
        return page("reviews", title: text("reviewQueue", context), values, context: context)
    }

    /// `tasks` by run, each run's in their order, the runs in the order of their first task.
    static func byRun(_ tasks: [ReviewTask]) -> [[ReviewTask]] {
        var order: [String] = [], runs: [String: [ReviewTask]] = [:]
        for task in tasks {
            if runs[task.runID] == nil { order.append(task.runID) }
            runs[task.runID, default: []].append(task)
        }
        return order.map { runs[$0]! }
    }

    /// One waiting result as a queue shows it: the indicator, for a sweep its course, and the
    /// verdicts it has.
    func taskValues(_ task: ReviewTask, _ context: ConsoleContext) -> [String: Any] {
        var values: [String: Any] = [
            "href": "/runs/\(task.runID)/results/\(task.position)", "checkID": task.checkID,
            "title": catalogues[task.kind]?.indicator(task.checkID)?.title.text(context.language) ?? "",
            "reviews": task.reviews.map { review -> [String: Any] in
                [
                    "reviewer": review.reviewer, "institution": review.institution ?? "", "verdict": review.verdict.rawValue,
                    "verdictLabel": text("verdict.\(review.verdict.rawValue)", context),
                ]
            },
        ]
        if task.kind == .monitoring { values["course"] = task.groupTitle }
        return values
    }

    /// How many characters a verdict's note may have.
    static let noteLimit = 2_000

    /// How many results a queue lists at once.
    static let queueLimit = 200

    /// A verdict from the form on a result's page; back to that page, which shows what it did.
    @Sendable func submitReview(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let person = context.session?.person, let id = context.parameters.get("id"),
            let position = context.parameters.get("position").flatMap(Int.init), try await visibleRun(id, context) != nil
        else { throw ConsoleRefusal.notFound }
        var request = request
        let form = try await FormFields.read(&request, limit: configuration.maximumFormBytes)
        guard let nonce = form["form"], ConsoleSecurity.isToken(nonce) else { throw ConsoleRefusal.formExpired }
        let note = form.text("note", maximum: Self.noteLimit + 1, lines: true) ?? ""
        do {
            guard note.count <= Self.noteLimit else { throw ReviewImportError(problems: [text("noteTooLong", context)]) }
            _ = try await store.review(
                runID: id, position: position, verdict: form["verdict"] ?? "", note: note, by: person, form: nonce, catalogues: catalogues)
        } catch let refusal as ReviewImportError {
            return page(
                "message", title: text("reviewRefused", context), ["message": refusal.problems.joined(separator: "; ")], context: context,
                status: .conflict)
        }
        return .redirect(to: "/runs/\(id)/results/\(position)#review", type: .found)
    }

    /// The admin gives a run to an institution or a person (`to`: `institution:UGM`, `person:sari`).
    @Sendable func assignRun(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let admin = context.session?.person, let id = context.parameters.get("id"), try await visibleRun(id, context) != nil else {
            throw ConsoleRefusal.notFound
        }
        var request = request
        let form = try await FormFields.read(&request, limit: configuration.maximumFormBytes)
        let to = form.text("to", maximum: 300) ?? ""
        let assignee: Assignee? =
            if to.hasPrefix("institution:") { .institution(String(to.dropFirst("institution:".count))) } else if to.hasPrefix("person:") {
                .person(String(to.dropFirst("person:".count)))
            } else { nil }
        do {
            guard let assignee else { throw AssignmentError(description: text("assignNobody", context)) }
            _ = try await store.assign(id, to: assignee, by: admin.login)
        } catch let refusal as AssignmentError {
            return page("message", title: text("assignRefused", context), ["message": refusal.description], context: context, status: .conflict)
        }
        return .redirect(to: "/reviews", type: .found)
    }

    /// The admin shares every unassigned run out evenly among the institutions.
    @Sendable func balanceRuns(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let admin = context.session?.person else { throw ConsoleRefusal.forbidden }
        _ = try await store.balance(by: admin.login)
        return .redirect(to: "/reviews", type: .found)
    }

    /// What a result's page shows a reviewer: the indicator's rubric, who the run is assigned
    /// to, and the verdict form when the result waits for a person and they review its kind.
    func reviewValues(_ entry: RunEntry, _ result: CheckResult, _ context: ConsoleContext) async throws -> [String: Any] {
        var values: [String: Any] = [:]
        if let indicator = catalogues[entry.kind]?.indicator(result.check.id) {
            values["rubric"] = indicator.rubric ?? indicator.criteria
            values["method"] = text("method.\(indicator.method.rawValue)", context)
        }
        switch try await store.assignment(entry.id)?.assignee {
        case .institution(let name): values["assignedTo"] = name
        case .person(let login): values["assignedTo"] = login
        case nil: break
        }
        guard let person = context.session?.person, Self.reviewers.contains(person.role),
            let position = context.parameters.get("position").flatMap(Int.init),
            try await store.reviewRefusal(for: person, runID: entry.id, position: position) == nil
        else { return values }
        let reviews = result.reviews ?? []
        values["reviewForm"] = [
            "nonce": ConsoleSecurity.token(),
            "adjudicates": person.role == .admin && result.verdict == .needsReview
                && Review.disagree(reviews, needsSecondReviewer: true, fromAnotherInstitution: true),
            "verdicts": Review.verdicts.map { verdict in
                ["value": verdict.rawValue, "label": text("verdict.\(verdict.rawValue)", context), "checked": verdict == result.proposed]
            },
        ]
        return values
    }
}

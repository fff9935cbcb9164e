import Foundation
import Hummingbird
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaStore

/// A partner's own page: its registration (the one base URL its runs reach), the conformance
/// run its users start there (one at a time, a daily number), and, for a training provider,
/// the proposals its users upload and get assessed.
extension ConsoleApplication {
    /// How long a proposal may be, uploaded or pasted.
    static let proposalLimit = 256 * 1_024

    @Sendable func partnerPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let person = context.session?.person, let name = person.partner else { throw ConsoleRefusal.notFound }
        var values: [String: Any] = ["partnerName": name]
        if let standing = try await store.partnerStanding(name) {
            let partner = standing.partner
            values["registered"] = [
                "role": text("partnerRole.\(partner.role)", context), "baseURL": partner.baseURL, "provider": partner.provider ?? "",
                "dailyRuns": partner.dailyRuns, "left": max(0, partner.dailyRuns - standing.started.count),
            ]
            values["running"] = standing.running
            values["canStart"] = standing.refusal == nil
            values["canUpload"] = partner.provider != nil
        }
        values["runs"] = try await visibleRuns(context, kind: nil, limit: 10).map { runValues($0, context) }
        return page("partner", title: name, values, context: context)
    }

    /// Queues the partner's conformance run against its registered base URL; back to its page.
    @Sendable func startPartnerRun(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let person = context.session?.person, let name = person.partner else { throw ConsoleRefusal.notFound }
        do {
            _ = try await store.startPartnerRun(name, by: person.login, id: ConformanceRun.runID(Date()))
        } catch let refusal as PartnerRefusal {
            return refused(refusal, title: "runRefused", context)
        }
        return .redirect(to: "/partner", type: .found)
    }

    /// Assesses a proposal the partner's user uploaded (a file) or pasted, as `prakerja assess`
    /// does, and records it in the history; on to its run. A proposal that is not valid, or is
    /// another provider's, is refused with every reason and nothing is recorded.
    @Sendable func uploadProposal(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let person = context.session?.person, let name = person.partner else { throw ConsoleRefusal.notFound }
        var request = request
        let form = try await FormFields.read(&request, limit: Self.proposalLimit)
        let bytes = form.files["proposal"].flatMap { $0.isEmpty ? nil : $0 } ?? form["proposalText"].map { Array($0.utf8) } ?? []
        let invalid = { (problems: [String]) in
            self.page(
                "message", title: self.text("proposalRefused", context), ["problems": problems, "hasProblems": !problems.isEmpty],
                context: context, status: .unprocessableContent)
        }
        guard !bytes.isEmpty else { return invalid([text("proposalMissing", context)]) }
        guard let partner = try await store.partner(name), let code = partner.provider else { throw ConsoleRefusal.forbidden }
        let proposal: CourseProposal
        do { proposal = try CourseProposal.parse(Data(bytes), named: "the proposal") } catch { return invalid(error.problems) }
        // Every provider the proposal names is the partner's: its provider, its course's, and the
        // course code's prefix (`REFLP01-01S1`), so it is recorded under no other provider's course.
        let named = [proposal.provider.code, proposal.course.course.providerCode, String(proposal.course.course.code.prefix { $0 != "-" })]
        if let other = named.first(where: { $0 != code }) {
            return invalid([
                text("proposalOtherProvider", context).replacingOccurrences(of: "{given}", with: other)
                    .replacingOccurrences(of: "{registered}", with: code)
            ])
        }
        let history = try await store.assessmentHistory(named: "the program's history")
        let run = try assessor.assess(proposal, source: "console: \(person.login)", history: history)
        do { try await store.submitProposal(run, by: person.login, partner: name) } catch let refusal as PartnerRefusal {
            return refused(refusal, title: "proposalRefused", context)
        }
        return .redirect(to: "/runs/\(run.runID)", type: .found)
    }

    /// A partner's refused run or proposal as a page: 403 unregistered, 409 a run going, 429 over
    /// the day's number (saying when to try again, when known).
    func refused(_ refusal: PartnerRefusal, title: String, _ context: ConsoleContext) -> Response {
        let status: HTTPResponse.Status =
            switch refusal {
            case .quotaReached, .proposalsReached: .tooManyRequests
            case .alreadyRunning: .conflict
            case .notRegistered: .forbidden
            }
        var response = page("message", title: text(title, context), ["message": refusal.description], context: context, status: status)
        if case .quotaReached(_, let next) = refusal { response.headers[.retryAfter] = "\(max(1, Int(next.timeIntervalSinceNow.rounded(.up))))" }
        return response
    }
}

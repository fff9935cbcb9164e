import Foundation
import Hummingbird
import PrakerjaConformance
import PrakerjaModels
import PrakerjaStore

/// Waivers in the console: anyone who reviews, and a partner's users for their own partner,
/// propose one (a check or indicator, the partner, a reason, a last day); the program's admin
/// approves or rejects it, never their own; each shows who proposed and decided it, when and why,
/// and whether it is live or expired. Runs are judged with the approved, live ones
/// (`prakerja waivers export`).
extension ConsoleApplication {
    /// Who may propose a waiver.
    static let proposers: Set<ConsolePerson.Role> = [.admin, .assessor, .monitor, .partner]

    @Sendable func waiversPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let person = context.session?.person else { throw ConsoleRefusal.notFound }
        let today = CalendarDate(Date())
        let partner = partnerScope(context)
        let waivers = try await store.waiverRequests(partner: partner).map { request -> [String: Any] in
            let state = request.state(on: today).rawValue
            var values: [String: Any] = [
                "id": request.id, "check": request.check, "partner": request.partner ?? text("everyPartner", context), "reason": request.reason,
                "expires": request.expires.description, "state": state, "stateLabel": text("waiver.\(state)", context),
                "proposed": "\(request.proposedBy) · \(Self.time(request.proposedAt))",
            ]
            if let decidedBy = request.decidedBy, let decidedAt = request.decidedAt {
                values["decided"] = "\(decidedBy) · \(Self.time(decidedAt))" + (request.decisionNote.map { $0.isEmpty ? "" : ": \($0)" } ?? "")
            }
            values["canDecide"] = person.role == .admin && request.status == .proposed && request.proposedBy != person.login
            return values
        }
        var values: [String: Any] = ["waivers": waivers, "hasWaivers": !waivers.isEmpty]
        if Self.proposers.contains(person.role) {
            values["proposeForm"] = ["ownPartner": partner ?? "", "isPartner": partner != nil, "earliest": today.description]
        }
        return page("waivers", title: text("waivers", context), values, context: context)
    }

    /// A proposed waiver, from the form on the waivers page; a partner's user proposes for their
    /// own partner only, whatever the form says.
    @Sendable func proposeWaiver(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let person = context.session?.person else { throw ConsoleRefusal.notFound }
        var request = request
        let form = try await FormFields.read(&request, limit: configuration.maximumFormBytes)
        let partner = person.role == .partner ? person.partner : form.text("partner", maximum: 200)
        do {
            guard let expires = form.text("expires", maximum: 20).flatMap({ try? CalendarDate($0) }) else {
                throw WaiverRefusal(description: text("waiverNoDate", context))
            }
            _ = try await store.proposeWaiver(
                check: form.text("check", maximum: 101) ?? "", partner: partner,
                reason: form.text("reason", maximum: Self.noteLimit, lines: true) ?? "",
                expires: expires, by: person.login)
        } catch let refusal as WaiverRefusal {
            return page("message", title: text("waiverRefused", context), ["message": refusal.description], context: context, status: .conflict)
        }
        return .redirect(to: "/waivers", type: .found)
    }

    /// The admin approves or rejects a proposed waiver (`decision`: approve or reject).
    @Sendable func decideWaiver(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let admin = context.session?.person, let id = context.parameters.get("id") else { throw ConsoleRefusal.notFound }
        var request = request
        let form = try await FormFields.read(&request, limit: configuration.maximumFormBytes)
        do {
            guard let decision = form["decision"], ["approve", "reject"].contains(decision) else {
                throw WaiverRefusal(description: text("waiverNoDecision", context))
            }
            _ = try await store.decideWaiver(
                id, approve: decision == "approve", note: form.text("note", maximum: Self.noteLimit, lines: true) ?? "", by: admin.login)
        } catch let refusal as WaiverRefusal {
            return page("message", title: text("waiverRefused", context), ["message": refusal.description], context: context, status: .conflict)
        }
        return .redirect(to: "/waivers", type: .found)
    }
}

import Foundation
import Hummingbird
import PrakerjaCuration
import PrakerjaModels
import PrakerjaStore

/// Sanctions in the console: every course monitoring sweeps found wanting, on its rung of the
/// rule pack's ladder, with its deadline and every step. The program's people see all of them; a
/// training provider's users see their provider's and answer them (a response is all they may
/// record); a digital platform's users see the courses they must not sell. A monitor or the admin
/// extends the deadline, closes a sanction or takes it a rung up.
extension ConsoleApplication {
    /// Who may record a decision (a partner's user only their response).
    static let sanctionDeciders: Set<ConsolePerson.Role> = [.admin, .monitor, .partner]

    /// The sanctions the signed-in person may see: a provider's users their provider's, a
    /// platform's users those forbidding sale, another partner's none.
    func visibleSanctions(_ context: ConsoleContext) async throws -> [Sanction] {
        guard let partner = partnerScope(context) else { return try await store.sanctions() }
        guard let registered = try await store.partner(partner) else { return [] }
        if let provider = registered.provider { return try await store.sanctions(provider: provider) }
        return registered.role == "digital-platform" ? try await store.sanctions().filter(\.forbidsSale) : []
    }

    @Sendable func sanctionsPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let person = context.session?.person else { throw ConsoleRefusal.notFound }
        let sanctions = try await visibleSanctions(context)
        // A platform's users are told what the list means for them (these courses are not to be
        // sold), and answer nothing: the sanction is the provider's.
        var isPlatform = false
        if let partner = partnerScope(context) { isPlatform = try await store.partner(partner)?.role == "digital-platform" }
        // A value left out (nil) is one the page does not show: no deadline on the last rung.
        let rows = sanctions.map { sanction -> [String: Any] in
            let open = sanction.status == .open
            let row: [String: Any?] = [
                "id": sanction.id, "course": sanction.course, "title": sanction.title, "provider": sanction.provider,
                "level": sanction.level.rawValue, "levelLabel": text("sanction.\(sanction.level.rawValue)", context),
                "status": sanction.status.rawValue, "statusLabel": text("sanction.\(sanction.status.rawValue)", context),
                "deadline": sanction.deadline?.description, "indicators": sanction.indicators.joined(separator: " "),
                // A sweep's step shown from what it recorded, in the page's language; a person's with what they wrote.
                "steps": sanction.steps.reversed().map { step -> [String: Any] in
                    let failing = step.indicators.isEmpty ? "" : "\(text("sanctionFailing", context)) \(step.indicators.joined(separator: " "))"
                    let shown: [String: Any?] = [
                        "when": Self.time(step.at), "action": text("sanction.step.\(step.action.rawValue)", context),
                        "level": text("sanction.\(step.level.rawValue)", context), "by": step.by,
                        "note": step.runID == nil ? step.note : failing, "deadline": step.deadline?.description,
                    ]
                    return shown.compactMapValues { $0 }
                },
                "canRespond": open && Self.sanctionDeciders.contains(person.role) && !isPlatform,
                "canDecide": open && (person.role == .admin || person.role == .monitor),
            ]
            return row.compactMapValues { $0 }
        }
        let counts = Dictionary(grouping: sanctions.filter { $0.status == .open }, by: \.level).mapValues(\.count)
        let summary = Sanction.Level.allCases.compactMap { level in
            counts[level].map { "\($0) \(text("sanction.\(level.rawValue)", context))" }
        }.joined(separator: " · ")
        return page(
            "sanctions", title: text("sanctions", context),
            [
                "sanctions": rows, "hasSanctions": !rows.isEmpty, "summary": summary.isEmpty ? false : summary,
                "isPartner": person.role == .partner, "isPlatform": isPlatform,
            ], context: context)
    }

    /// A decision on a sanction, from its form: a partner's user records a response to one of
    /// their provider's only; a monitor or the admin may also extend, close or escalate.
    @Sendable func decideSanction(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let person = context.session?.person, let id = context.parameters.get("id") else { throw ConsoleRefusal.notFound }
        var request = request
        let form = try await FormFields.read(&request, limit: configuration.maximumFormBytes)
        let note = form.text("note", maximum: Self.noteLimit, lines: true) ?? ""
        do {
            let decision: SanctionLadder.Decision
            switch form["action"] {
            case "respond": decision = .respond
            case "extend": decision = .extend(workingDays: Int(form["days"] ?? "") ?? 0)
            case "close": decision = .close
            case "escalate": decision = .escalate
            default: throw SanctionRefusal(text("sanctionNoAction", context))
            }
            if person.role == .partner {
                guard decision == .respond else { throw SanctionRefusal(text("sanctionPartnerResponds", context)) }
                let own = try await store.partner(partnerScope(context) ?? "")?.provider
                guard let own, try await store.sanction(id)?.provider == own else { throw SanctionRefusal(text("sanctionNotYours", context)) }
            }
            let calendar = try WorkingDayCalendar.indonesia()
            _ = try await store.decideSanction(id) { sanction in
                let ladder = try SanctionLadder(try RulePack.named(sanction.rulePack), calendar: calendar)
                return try ladder.decide(decision, on: sanction, note: note, by: person.login)
            }
        } catch let refusal as SanctionRefusal {
            let message = refusal.reason.map { words($0, context) } ?? refusal.description
            return page("message", title: text("sanctionRefused", context), ["message": message], context: context, status: .conflict)
        }
        return .redirect(to: "/sanctions#\(id)", type: .found)
    }

    /// A refused decision, in the person's language.
    private func words(_ reason: SanctionRefusal.Reason, _ context: ConsoleContext) -> String {
        switch reason {
        case .notOpen(let status):
            text("sanctionRefusalNotOpen", context).replacingOccurrences(of: "{status}", with: text("sanction.\(status.rawValue)", context))
        case .emptyNote: text("sanctionRefusalEmptyNote", context)
        case .noteTooLong(let limit): String(format: text("sanctionRefusalNoteTooLong", context), limit)
        case .extensionOutOfRange(let days):
            String(format: text("sanctionRefusalExtension", context), days.lowerBound, days.upperBound)
        case .lastRung: text("sanctionRefusalLastRung", context)
        case .noSuchSanction: text("sanctionRefusalNoSuchSanction", context)
        }
    }
}

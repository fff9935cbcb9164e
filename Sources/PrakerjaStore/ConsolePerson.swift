import Foundation

/// A person who signs in to the curation console, with what they may do there.
public struct ConsolePerson: Sendable, Equatable {
    /// What a person does in the console.
    public enum Role: String, CaseIterable, Sendable, Codable {
        /// The program: assigns work, adjudicates, manages people and partners.
        case admin
        /// Judges course proposals (the 52 assessment indicators), for an institution.
        case assessor
        /// Judges approved courses as they run (the 40 monitoring indicators), for an institution.
        case monitor
        /// Works for one partner (a training institution, a platform, a payment partner, a job
        /// portal) and sees only that partner's runs.
        case partner
        /// Reads everything, changes nothing.
        case viewer

        /// The role with its article, as a sentence names it: "an assessor", "a monitor".
        var named: String { (rawValue.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + rawValue }
    }

    /// The name they sign in with (lower case letters, digits, `.`, `-`, `_`, `@`).
    public let login: String
    /// Their name as shown.
    public let name: String
    public let role: Role
    /// An assessor's or monitor's institution (UI, UGM, IPB...).
    public let institution: String?
    /// A partner user's partner: the subject of that partner's runs (its config's name).
    public let partner: String?
    /// A disabled person cannot sign in; their sessions were ended when they were disabled.
    public let disabled: Bool

    public init(login: String, name: String, role: Role, institution: String? = nil, partner: String? = nil, disabled: Bool = false) {
        self.login = login
        self.name = name
        self.role = role
        self.institution = institution.map(Self.institution)
        self.partner = partner
        self.disabled = disabled
    }

    /// Why `login` cannot name a person, or nil when it can.
    public static func problem(login: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_@")
        guard (3...64).contains(login.count) else { return "a login has 3 to 64 characters" }
        guard login.allSatisfy({ allowed.contains($0) }) else { return "a login has lower-case letters, digits, '.', '-', '_' and '@' only" }
        return nil
    }

    /// An institution's name as kept and compared: compatibility characters folded (a
    /// full-width `ＵＩ` is `UI`, a no-break space a space), spaces trimmed and runs of them made
    /// one. Names that differ only in case are one institution (`sameInstitution`).
    public static func institution(_ name: String) -> String {
        name.precomposedStringWithCompatibilityMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `a` and `b` name one institution (`institution`, then case aside).
    public static func sameInstitution(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        return institution(a).lowercased() == institution(b).lowercased()
    }

    /// Why `value` cannot be a name (`field` says whose): over 200 characters, or control
    /// characters (line breaks, tabs, escapes); nil when it can.
    public static func problem(_ value: String, field: String) -> String? {
        if value.count > 200 { return "\(field) has at most 200 characters" }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            return "\(field) has no control characters (line breaks, tabs, escapes)"
        }
        return nil
    }

    /// Why this person cannot be added as they are, or nil: assessors and monitors belong to an
    /// institution, a partner user to a partner, and nobody else to either.
    public var problem: String? {
        if let problem = Self.problem(login: login) { return problem }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "a person has a name" }
        for (field, value) in [("name", name), ("institution", institution), ("partner", partner)] {
            if let value, let problem = Self.problem(value, field: "a person's \(field)") { return problem }
        }
        switch role {
        case .assessor, .monitor:
            if institution?.isEmpty ?? true { return "\(role.named) belongs to an institution (--institution)" }
            if partner != nil { return "\(role.named) does not belong to a partner" }
        case .partner:
            if partner?.isEmpty ?? true { return "a partner user belongs to a partner (--partner, the partner's name as in its runs)" }
            if institution != nil { return "a partner user does not belong to an institution" }
        case .admin, .viewer:
            if institution != nil || partner != nil { return "\(role.named) belongs to neither an institution nor a partner" }
        }
        return nil
    }
}

/// A signed-in person's session, as the store keeps it: found by the hash of the browser's token
/// (the token itself is never stored).
public struct ConsoleSession: Sendable, Equatable {
    public let person: ConsolePerson
    /// The token every form of this session carries (CSRF).
    public let formToken: String
    public let expiresAt: Date
}

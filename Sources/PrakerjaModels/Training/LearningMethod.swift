/// How a training is delivered.
///
/// In 2021: 71% self-paced (LMS), 15% webinar, 14% hybrid. Thresholds (minimum hours, hours per
/// day, trainer ratio) differ by method and live in the rule packs.
public enum LearningMethod: String, Sendable, Codable, CaseIterable, WireEnumeration {
    /// Daring LMS: recorded video and material on a learning management system.
    case selfPaced = "self-paced"
    /// Daring webinar: live online sessions with a trainer.
    case webinar
    /// Luring: in person.
    case offline
    /// Bauran: a mix of online and in-person sessions.
    case hybrid

    /// Whether participants meet a trainer at scheduled times.
    public var isLive: Bool { self != .selfPaced }

    /// The program's Indonesian label.
    public var label: String {
        switch self {
        case .selfPaced: "Daring LMS"
        case .webinar: "Daring Webinar"
        case .offline: "Luring"
        case .hybrid: "Bauran"
        }
    }
}

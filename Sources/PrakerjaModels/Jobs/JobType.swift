/// The kind of employment a vacancy offers.
public enum JobType: String, Sendable, Codable, CaseIterable, WireEnumeration {
    case fullTime = "full-time"
    case partTime = "part-time"
    case contract
    case internship
    case freelance
}

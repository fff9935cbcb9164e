import Foundation

/// One meeting of a scheduled training: attendance is verified per session.
public struct Session: Hashable, Sendable, Codable {
    /// 1 to 10, in order: the program's attendance sequences.
    public let sequence: Int
    public let startsAt: Date
    public let endsAt: Date

    /// The program's attendance sequences for sessions.
    public static let sequences = 1...10

    public init(sequence: Int, startsAt: Date, endsAt: Date) throws(FieldError) {
        guard Self.sequences.contains(sequence) else {
            throw FieldError(field: "sequence", reason: "must be between 1 and 10, got \(sequence)")
        }
        guard endsAt > startsAt else { throw FieldError(field: "endsAt", reason: "must be after startsAt") }
        guard endsAt.timeIntervalSince(startsAt) <= 24 * 3600 else {
            throw FieldError(field: "endsAt", reason: "a session must not last more than 24 hours")
        }
        self.sequence = sequence
        self.startsAt = startsAt
        self.endsAt = endsAt
    }

    public var durationMinutes: Int { Int(endsAt.timeIntervalSince(startsAt) / 60) }

    private enum CodingKeys: String, CodingKey { case sequence, startsAt, endsAt }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let sequence = try c.decode(Int.self, forKey: .sequence)
        let start = try c.decodeTimestamp(forKey: .startsAt), end = try c.decodeTimestamp(forKey: .endsAt)
        self = try c.validate { () throws(FieldError) in try Session(sequence: sequence, startsAt: start, endsAt: end) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sequence, forKey: .sequence)
        try c.encodeTimestamp(startsAt, forKey: .startsAt)
        try c.encodeTimestamp(endsAt, forKey: .endsAt)
    }
}

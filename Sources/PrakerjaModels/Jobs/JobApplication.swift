import Foundation

/// A recipient's application to a vacancy through a job portal.
///
/// In 2021, 63% of those who applied through recommendations were called for selection.
public struct JobApplication: Hashable, Sendable, Codable {
    public let id: String
    public let vacancyID: String
    public let applicant: KartuPrakerjaNumber
    public private(set) var status: ApplicationStatus
    public let submittedAt: Date
    public private(set) var updatedAt: Date

    public init(id: String, vacancyID: String, applicant: KartuPrakerjaNumber, submittedAt: Date) throws(FieldError) {
        self.id = try Identifier.validated(id, field: "id")
        self.vacancyID = try Identifier.validated(vacancyID, field: "vacancyID")
        self.applicant = applicant
        self.status = .submitted
        self.submittedAt = submittedAt
        self.updatedAt = submittedAt
    }

    /// Moves the application on; refuses a move the status machine does not allow.
    public mutating func advance(to next: ApplicationStatus, at date: Date) throws(FieldError) {
        guard status.canAdvance(to: next) else {
            throw FieldError(field: "status", reason: "cannot go from \(status.rawValue) to \(next.rawValue)")
        }
        guard date >= updatedAt else { throw FieldError(field: "updatedAt", reason: "must not go back in time") }
        status = next
        updatedAt = date
    }

    private enum CodingKeys: String, CodingKey { case id, vacancyID, applicant, status, submittedAt, updatedAt }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id), vacancy = try c.decode(String.self, forKey: .vacancyID)
        let applicant = try c.decode(KartuPrakerjaNumber.self, forKey: .applicant)
        let status = try c.decode(ApplicationStatus.self, forKey: .status)
        let submitted = try c.decodeTimestamp(forKey: .submittedAt), updated = try c.decodeTimestamp(forKey: .updatedAt)
        self = try c.validate { () throws(FieldError) in
            var application = try JobApplication(id: id, vacancyID: vacancy, applicant: applicant, submittedAt: submitted)
            guard updated >= submitted else { throw FieldError(field: "updatedAt", reason: "must not be before submittedAt") }
            application.status = status
            application.updatedAt = updated
            return application
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(vacancyID, forKey: .vacancyID)
        try c.encode(applicant, forKey: .applicant)
        try c.encode(status, forKey: .status)
        try c.encodeTimestamp(submittedAt, forKey: .submittedAt)
        try c.encodeTimestamp(updatedAt, forKey: .updatedAt)
    }
}

/// Where an application stands. `rejected` and `hired` are final.
public enum ApplicationStatus: String, Sendable, Codable, CaseIterable, WireEnumeration {
    case submitted
    case viewed
    case calledForSelection = "called-for-selection"
    case rejected
    case hired

    public var isFinal: Bool { self == .rejected || self == .hired }

    /// submitted → viewed → called for selection → hired; rejection from any open status.
    public func canAdvance(to next: ApplicationStatus) -> Bool {
        switch (self, next) {
        case (.submitted, .viewed), (.viewed, .calledForSelection), (.calledForSelection, .hired): true
        case (.submitted, .rejected), (.viewed, .rejected), (.calledForSelection, .rejected): true
        default: false
        }
    }
}

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
}

/// Where an application stands. `rejected` and `hired` are final.
public enum ApplicationStatus: String, Sendable, Codable, CaseIterable {
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

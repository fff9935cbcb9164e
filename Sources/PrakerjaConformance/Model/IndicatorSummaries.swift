import Foundation
import PrakerjaModels

// What every report and the results history show of an indicator run (an assessment of a course
// proposal or a provider, or a monitoring sweep): the shapes PrakerjaCuration fills in and the
// reporters and the store read. The judgement itself lives in PrakerjaCuration.

/// An assessment's decision.
public enum AssessmentDecision: String, Sendable, Codable {
    case approve
    case approveWithConditions = "approve-with-conditions"
    case reject
    /// Not decided yet: a critical or major indicator waits for a person.
    case awaitingReview = "awaiting-review"
}

/// An aspect's score: passed weight over judged weight (indicators not applicable, or still
/// waiting for a person, are left out), 0 to 100.
public struct AspectScore: Sendable, Codable, Hashable {
    public let aspect: String
    public let title: String
    public let score: Double?
    public let judged: Int
    public let pending: Int

    /// The values as given.
    public init(aspect: String, title: String, score: Double?, judged: Int, pending: Int) {
        (self.aspect, self.title, self.score, self.judged, self.pending) = (aspect, title, score, judged, pending)
    }
}

/// An assessment's outcome as every report shows it: the decision, the scores, the rule pack.
public struct AssessmentSummary: Sendable, Codable {
    public let proposalID: String
    public let courseCode: String
    public let courseTitle: String
    public let rulePack: String
    public let decision: AssessmentDecision
    /// The decision once reviewers confirm the machine's proposals (absent in runs stored before it existed).
    public let projected: AssessmentDecision?
    public let provisional: Bool
    public let score: Double?
    public let aspects: [AspectScore]
    /// What later proposals are compared with (absent for a provider's assessment on its own,
    /// and in runs stored before it existed).
    public let course: AssessedCourse?
    /// The provider and its details' digest when this is a provider's assessment on its own
    /// (`assess --provider`).
    public let provider: AssessedProvider?

    /// The values as given.
    public init(
        proposalID: String, courseCode: String, courseTitle: String, rulePack: String, decision: AssessmentDecision,
        projected: AssessmentDecision?, provisional: Bool, score: Double?, aspects: [AspectScore], course: AssessedCourse?,
        provider: AssessedProvider?
    ) {
        (self.proposalID, self.courseCode, self.courseTitle, self.rulePack) = (proposalID, courseCode, courseTitle, rulePack)
        (self.decision, self.projected, self.provisional, self.score, self.aspects) = (decision, projected, provisional, score, aspects)
        (self.course, self.provider) = (course, provider)
    }
}

/// The facts of an assessed course that later proposals are compared with: who proposed it, its
/// category (the KBJI 2014 sub-major group of its first occupation), its method, price and length.
public struct AssessedCourse: Sendable, Codable, Hashable {
    public let provider: String
    /// The KBJI 2014 sub-major group (two digits, `24`) of the course's first occupation.
    public let category: String?
    public let method: LearningMethod
    public let price: Int64
    public let durationMinutes: Int

    /// The values as given.
    public init(provider: String, category: String?, method: LearningMethod, price: Int64, durationMinutes: Int) {
        (self.provider, self.category, self.method, self.price, self.durationMinutes) = (provider, category, method, price, durationMinutes)
    }

    /// Rupiah per hour of learning (a course without minutes counts as one minute long).
    public var pricePerHour: Double { Double(price) * 60 / Double(max(1, durationMinutes)) }
}

/// The provider a provider's own assessment judged, and the digest of its details then.
public struct AssessedProvider: Sendable, Codable, Hashable {
    public let code: String
    public let sha256: String

    /// The values as given.
    public init(code: String, sha256: String) {
        self.code = code
        self.sha256 = sha256
    }
}

/// Where a live course stands against what was approved.
public enum CourseStatus: String, Sendable, Codable, CaseIterable {
    /// Every judged indicator passed.
    case compliant
    /// A major or minor indicator failed: the provider or platform must correct it.
    case warning
    /// A critical indicator failed.
    case violation
    /// A partner could not be read, so some indicators could not be judged (and nothing failed).
    case error
    /// A critical or major indicator waits for a person (and no critical one failed): not compliant yet.
    case awaitingReview = "awaiting-review"
}

/// What every report shows of a sweep: each course's status and each partner's counts.
public struct MonitoringSummary: Sendable, Codable {
    public struct Course: Sendable, Codable {
        public let code: String
        public let title: String
        public let status: CourseStatus
        /// The provider's code (absent in sweeps stored before it was recorded).
        public let provider: String?

        /// The values as given.
        public init(code: String, title: String, status: CourseStatus, provider: String?) {
            (self.code, self.title, self.status, self.provider) = (code, title, status, provider)
        }
    }

    public struct Partner: Sendable, Codable {
        public let name: String
        public let compliant: Int
        public let warning: Int
        public let violation: Int
        public let error: Int

        /// The values as given.
        public init(name: String, compliant: Int, warning: Int, violation: Int, error: Int) {
            (self.name, self.compliant, self.warning, self.violation, self.error) = (name, compliant, warning, violation, error)
        }
    }

    public let rulePack: String
    public let courses: [Course]
    public let partners: [Partner]

    /// The values as given.
    public init(rulePack: String, courses: [Course], partners: [Partner]) {
        (self.rulePack, self.courses, self.partners) = (rulePack, courses, partners)
    }

    /// How many courses have each status.
    public var statusCounts: [CourseStatus: Int] { courses.reduce(into: [:]) { $0[$1.status, default: 0] += 1 } }

    /// The sweep's worst course status: a violation, else a warning, else an error, else one
    /// awaiting review, else compliant.
    public var worst: CourseStatus { Self.worst(Set(courses.map(\.status))) }

    /// The worst of `statuses` (`worst`).
    public static func worst(_ statuses: Set<CourseStatus>) -> CourseStatus {
        [CourseStatus.violation, .warning, .error, .awaitingReview].first(where: statuses.contains) ?? .compliant
    }

    /// One phrase of how a sweep with these course counts came out: "3 warning, 17 compliant".
    public static func outcome(_ counts: [CourseStatus: Int]) -> String {
        CourseStatus.allCases.compactMap { status in counts[status].flatMap { $0 > 0 ? "\($0) \(status.rawValue)" : nil } }
            .joined(separator: ", ")
    }
}

import Foundation
import PrakerjaConformance
import PrakerjaModels

/// What the results history knows that a new proposal is compared with: the latest assessment of
/// every course (its decision, and its provider, category, method and price) and the latest
/// monitoring status of every live course. The competitive-price indicator reads the approved
/// courses' prices; the track-record indicator reads a provider's earlier decisions and statuses.
public struct AssessmentHistory: Sendable {
    /// Where it was read from (the results history's path), for messages.
    public let source: String
    /// The latest assessment of each course, by course code.
    public let assessments: [String: AssessmentSummary]
    /// The latest monitoring status of each course, by course code.
    public let monitored: [String: MonitoringSummary.Course]
    /// Each provider's assessments on its own (`prakerja assess --provider`), oldest first, by code.
    public let providers: [String: [RunResult]]

    /// The history from assessments, sweeps and provider assessments in the order they ran (a
    /// later one of the same course or provider replaces an earlier one).
    public init(source: String, assessments: [AssessmentSummary], sweeps: [MonitoringSummary], providers: [RunResult] = []) {
        self.source = source
        var latest: [String: AssessmentSummary] = [:]
        // A course read from a provider's endpoint is not a proposal: it decides nothing here.
        for assessment in assessments where assessment.course != nil && !assessment.proposalID.hasPrefix(CourseProposal.endpointPrefix) {
            latest[assessment.courseCode] = assessment
        }
        self.assessments = latest
        var monitored: [String: MonitoringSummary.Course] = [:]
        for sweep in sweeps { for course in sweep.courses { monitored[course.code] = course } }
        self.monitored = monitored
        var byProvider: [String: [RunResult]] = [:]
        for run in providers { if let code = run.assessment?.provider?.code { byProvider[code, default: []].append(run) } }
        self.providers = byProvider
    }

    /// Prices per hour of the courses whose latest decision approves them (with or without
    /// conditions), of `category` and `method`, approved under the rule pack `rulePack` (a scheme
    /// sets its own benefit), leaving out `course` itself.
    public func approvedPricesPerHour(category: String, method: LearningMethod, rulePack: String, excluding course: String) -> [Double] {
        assessments.values.compactMap { summary in
            guard let facts = summary.course, summary.courseCode != course, facts.category == category, facts.method == method,
                summary.rulePack == rulePack, summary.decision == .approve || summary.decision == .approveWithConditions
            else { return nil }
            return facts.pricePerHour
        }.sorted()
    }

    /// A provider's record: the latest decision on each of its courses (a course proposed again
    /// counts its earlier proposal), and the latest monitoring status of each of its live courses.
    public func record(of provider: String) -> ProviderRecord {
        let decisions = assessments.values.filter { $0.course?.provider == provider }
        let statuses = monitored.values.filter { $0.provider == provider }
        return ProviderRecord(
            decisions: Dictionary(uniqueKeysWithValues: decisions.map { ($0.courseCode, $0.decision) }),
            statuses: Dictionary(uniqueKeysWithValues: statuses.map { ($0.code, $0.status) }))
    }

    /// A provider's earlier decisions and live courses' statuses, by course code.
    public struct ProviderRecord: Sendable {
        /// The latest decision on each course, by course code.
        public let decisions: [String: AssessmentResult.Decision]
        /// The latest monitoring status of each live course, by course code.
        public let statuses: [String: CourseStatus]

        /// Whether the history knows nothing of the provider.
        public var isEmpty: Bool { decisions.isEmpty && statuses.isEmpty }

        /// "courses proposed before (latest decision each): 2 approve, 1 reject; live courses (latest sweep): 2 compliant".
        public var description: String {
            func tally<T: RawRepresentable>(_ values: some Collection<T>) -> String where T.RawValue == String {
                Dictionary(grouping: values.map(\.rawValue), by: { $0 }).sorted { $0.key < $1.key }.map { "\($0.value.count) \($0.key)" }
                    .joined(separator: ", ")
            }
            var parts: [String] = []
            if !decisions.isEmpty { parts.append("courses proposed before (latest decision each): \(tally(decisions.values))") }
            if !statuses.isEmpty { parts.append("live courses (latest sweep): \(tally(statuses.values))") }
            return parts.isEmpty ? "no earlier proposal or live course" : parts.joined(separator: "; ")
        }
    }
}

extension AssessedCourse {
    /// The facts of a proposed course.
    public init(_ proposal: CourseProposal) {
        let course = proposal.course.course
        self.init(
            provider: proposal.provider.code,
            category: proposal.course.occupations.first.map { Self.category(ofOccupation: $0.code) } ?? nil, method: course.method,
            price: course.price.amount, durationMinutes: course.durationMinutes)
    }

    /// The sub-major group of a KBJI code (`2431.03` is `24`), nil when the code has no two digits.
    static func category(ofOccupation code: String) -> String? {
        let digits = code.prefix(2)
        return digits.count == 2 && digits.allSatisfy(\.isNumber) ? String(digits) : nil
    }
}

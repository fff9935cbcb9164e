import PrakerjaConformance
import PrakerjaCuration

/// A monitoring sweep's courses as the courses page reads them, made once from the sweep's summary
/// and its problems: each course with the indicators it has a problem on (failed, could not be
/// judged, waits for a person, warns) and those it failed, as bits over the catalogue's indicators;
/// the providers; the heat map. Filtering 20,000 courses is then a pass of bit tests.
struct SweepCourses: Sendable {
    let courses: [MonitoringSummary.Course]
    /// Per course: the indicators it has a problem on, and those it failed.
    let problems: [UInt64], failures: [UInt64]
    /// The providers, sorted.
    let providers: [String]
    let heatMap: HeatMap
    /// Each indicator's bit.
    private let bits: [String: Int]

    /// The most indicators a catalogue may have for its courses to be filtered by them.
    static let indicatorLimit = UInt64.bitWidth

    init(_ summary: MonitoringSummary, problems found: [(group: String, check: String, verdict: Verdict)], catalogue: IndicatorCatalogue) {
        courses = summary.courses
        bits = Dictionary(catalogue.indicators.prefix(Self.indicatorLimit).enumerated().map { ($1.id, $0) }) { first, _ in first }
        var index: [String: Int] = [:]
        for (position, course) in courses.enumerated() { index[MonitoringResult.groupID(course.code)] = position }
        var problems = [UInt64](repeating: 0, count: courses.count), failures = problems
        for problem in found {
            guard let course = index[problem.group], let bit = bits[problem.check] else { continue }
            problems[course] |= 1 << bit
            if problem.verdict == .fail || problem.verdict == .error { failures[course] |= 1 << bit }
        }
        (self.problems, self.failures) = (problems, failures)
        providers = Set(courses.compactMap(\.provider)).sorted()
        heatMap = HeatMap(courses, failures: failures, catalogue: catalogue)
    }

    /// The bits of `indicators`.
    func mask(_ indicators: Set<String>) -> UInt64 {
        indicators.reduce(0) { mask, id in bits[id].map { mask | 1 << $0 } ?? mask }
    }

    /// The positions of the courses `filter` lists (`ignoringStatus`: whatever their status).
    func chosen(_ filter: CourseFilter, asked: UInt64, ignoringStatus: Bool = false) -> [Int] {
        courses.indices.filter { index in
            let course = courses[index]
            return (ignoringStatus || filter.status == nil || course.status == filter.status)
                && (filter.provider == nil || course.provider == filter.provider)
                && (!filter.byIndicators || problems[index] & asked != 0)
        }
    }
}

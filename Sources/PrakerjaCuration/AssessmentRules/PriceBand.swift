import Foundation
import PrakerjaConformance
import PrakerjaModels

/// Where a course's price per hour may lie, from the approved courses of the same category (KBJI
/// 2014 sub-major group of the first occupation), method and rule pack in the results history: up to the
/// rule pack's upper percentile of their prices per hour (`priceBands.upperPercentile`), drawn
/// only when there are at least `priceBands.minimumCourses` of them. With fewer, there is no
/// band, and the description says why instead of guessing.
struct PriceBand {
    /// The upper bound in rupiah per hour, nil when there is no band.
    let upper: Double?
    /// How the band was drawn, or why there is none.
    let description: String

    init(history: AssessmentHistory?, course: AssessedCourse, code: String, rules: RulePack) {
        let needed = Int(rules.number("priceBands.minimumCourses") ?? 0), percentile = rules.number("priceBands.upperPercentile") ?? 100
        let ceilingOnly = "judged against the scheme's ceiling only"
        guard let history else {
            (upper, description) = (nil, "no results history was read (--no-store): \(ceilingOnly)")
            return
        }
        guard let category = course.category else {
            (upper, description) = (nil, "no KBJI occupation to compare by: \(ceilingOnly)")
            return
        }
        let prices = history.approvedPricesPerHour(category: category, method: course.method, rulePack: rules.id, excluding: code)
        let peers = "approved \(course.method.rawValue) courses of KBJI group \(category) under \(rules.id)"
        guard prices.count >= max(1, needed) else {
            (upper, description) = (nil, "only \(prices.count) \(peers) in \(history.source), a band needs \(needed): \(ceilingOnly)")
            return
        }
        let bound = Self.percentile(prices, percentile)
        upper = bound
        description =
            "the \(Self.ordinal(percentile)) percentile of \(prices.count) \(peers) is \(Self.hourly(bound)) an hour "
            + "(median \(Self.hourly(Self.percentile(prices, 50))))"
    }

    /// The `p`th percentile (0 to 100) of sorted `values`, interpolated between neighbours.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let position = Double(values.count - 1) * min(max(p, 0), 100) / 100
        let below = Int(position.rounded(.down)), above = min(below + 1, values.count - 1)
        return values[below] + (values[above] - values[below]) * (position - Double(below))
    }

    /// Rupiah per hour as people write it, rounded to the rupiah.
    static func hourly(_ value: Double) -> String { "\(Rupiah(integerLiteral: Int64(value.rounded())))" }

    private static func ordinal(_ p: Double) -> String { "\(Int(p))th" }
}

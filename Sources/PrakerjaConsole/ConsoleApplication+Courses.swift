import Foundation
import Hummingbird
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaStore

/// A monitoring sweep's courses: how many are in each status, where the problems cluster (a heat
/// map of indicators × providers), and the courses themselves, filtered and a page at a time.
/// Read from the sweep's summary and its problems only: a 20,000-course sweep's passes are
/// never read.
extension ConsoleApplication {
    /// The courses page of the monitoring run `id`: not found for any other kind of run.
    @Sendable func coursesPage(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let entry = try await visibleRun(id, context), entry.kind == .monitoring,
            let sweep = try await sweeps.value(
                entry,
                make: { [store, catalogue] in
                    guard let summary = try await store.header(id)?.run.monitoring else { return nil }
                    return SweepCourses(summary, problems: try await store.problems(id), catalogue: catalogue)
                })
        else { throw ConsoleRefusal.notFound }
        let filter = CourseFilter(FormFields.parse(request.uri.query ?? ""))
        let asked = sweep.mask(filter.indicators(catalogue))
        let chosen = sweep.chosen(filter, asked: asked)
        let pages = max(1, (chosen.count + CourseFilter.pageSize - 1) / CourseFilter.pageSize), current = min(filter.page, pages)
        let shown = chosen.dropFirst((current - 1) * CourseFilter.pageSize).prefix(CourseFilter.pageSize).map { sweep.courses[$0] }

        var values = runValues(entry, context)
        values["runID"] = id
        values["statuses"] = statusFacets(sweep, filter: filter, asked: asked, context)
        values["providers"] = sweep.providers.map { ["value": $0, "label": $0, "selected": $0 == filter.provider] }
        values["indicators"] = catalogue.indicators.map {
            ["value": $0.id, "label": "\($0.id) · \($0.title.text(context.language))", "selected": $0.id == filter.indicator]
        }
        values["aspects"] = catalogue.aspects.map {
            ["value": $0.id, "label": $0.title.text(context.language), "selected": $0.id == filter.aspect]
        }
        values["methods"] = IndicatorCatalogue.Method.allCases.map {
            ["value": $0.rawValue, "label": text("method.\($0.rawValue)", context), "selected": $0 == filter.method]
        }
        values["courses"] = shown.map { course -> [String: Any] in
            let group = FormFields.encoded(MonitoringResult.groupID(course.code))
            return [
                "code": course.code, "title": course.title, "provider": course.provider ?? "—", "status": course.status.rawValue,
                "statusLabel": text("status.\(course.status.rawValue)", context), "results": "/runs/\(id)?show=all&group=\(group)",
            ]
        }
        values["hasCourses"] = !shown.isEmpty
        values["matching"] = String(format: text("coursesMatching", context), chosen.count, sweep.courses.count)
        var unpaged = filter
        unpaged.page = 1
        values["filtered"] = unpaged != CourseFilter()
        values["pageText"] = String(format: text("pageOf", context), current, pages)
        if current > 1 { values["previous"] = filter.query(page: current - 1) }
        if current < pages { values["next"] = filter.query(page: current + 1) }
        values["heat"] = sweep.heatMap.values(runID: id, context: context)
        return page("courses", title: "\(text("courseList", context)) · \(entry.subject)", values, context: context)
    }

    /// Each status with how many courses the other filters leave in it, as links.
    private func statusFacets(_ sweep: SweepCourses, filter: CourseFilter, asked: UInt64, _ context: ConsoleContext) -> [[String: Any]] {
        var counts: [CourseStatus: Int] = [:]
        for index in sweep.chosen(filter, asked: asked, ignoringStatus: true) { counts[sweep.courses[index].status, default: 0] += 1 }
        return CourseStatus.allCases.map { status in
            var chosen = filter
            chosen.status = filter.status == status ? nil : status
            chosen.page = 1
            return [
                "status": status.rawValue, "label": text("status.\(status.rawValue)", context), "count": counts[status] ?? 0,
                "selected": filter.status == status, "query": chosen.query(),
            ]
        }
    }

}

/// Where a sweep's failures cluster: for each indicator a course failed (or could not be judged
/// on) and each provider with such a course (the twelve with the most), how many of the
/// provider's courses failed it, as a share of the provider's courses in five shades. Each cell
/// links to those courses. (Results waiting for a person are not failures: the filters find them.)
struct HeatMap {
    struct Row {
        let indicator: IndicatorCatalogue.Indicator
        let cells: [Int]
    }

    let providers: [(code: String, courses: Int)]
    let rows: [Row]
    static let columns = 12

    /// The heat map of `courses`, each with the indicators it failed (`failures`: bits over the
    /// catalogue's indicators, as `SweepCourses` makes them).
    init(_ courses: [MonitoringSummary.Course], failures: [UInt64], catalogue: IndicatorCatalogue) {
        let indicators = Array(catalogue.indicators.prefix(SweepCourses.indicatorLimit))
        var sizes: [String: Int] = [:], cells: [String: [Int]] = [:], totals: [String: Int] = [:]
        for (course, failed) in zip(courses, failures) {
            let provider = course.provider ?? "—"
            sizes[provider, default: 0] += 1
            guard failed != 0 else { continue }
            for bit in indicators.indices where failed & 1 << bit != 0 {
                cells[provider, default: [Int](repeating: 0, count: indicators.count)][bit] += 1
                totals[provider, default: 0] += 1
            }
        }
        let chosen = totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(Self.columns).map(\.key)
        providers = chosen.map { ($0, sizes[$0] ?? 0) }
        rows = indicators.enumerated().compactMap { bit, indicator in
            let counts = chosen.map { cells[$0]?[bit] ?? 0 }
            return counts.contains { $0 > 0 } ? Row(indicator: indicator, cells: counts) : nil
        }
    }

    /// The shade of `count` problem courses among `of`: 0 (none) to 4 (a third or more).
    static func shade(_ count: Int, of total: Int) -> Int {
        guard count > 0, total > 0 else { return 0 }
        let share = Double(count) / Double(total)
        return share >= 1.0 / 3 ? 4 : share >= 0.15 ? 3 : share >= 0.05 ? 2 : 1
    }

    func values(runID: String, context: ConsoleContext) -> [String: Any] {
        [
            "hasRows": !rows.isEmpty,
            "providers": providers.map { ["code": $0.code, "courses": $0.courses] },
            "rows": rows.map { row -> [String: Any] in
                [
                    "id": row.indicator.id, "title": row.indicator.title.text(context.language),
                    "cells": zip(providers, row.cells).map { provider, count -> [String: Any] in
                        [
                            "count": count, "shade": Self.shade(count, of: provider.courses), "provider": provider.code,
                            "link": count == 0
                                ? "" : "/runs/\(runID)/courses?" + CourseFilter(provider: provider.code, indicator: row.indicator.id).query(),
                        ]
                    },
                ]
            },
        ]
    }
}

extension IndicatorCatalogue.Title {
    /// The title in `language`.
    func text(_ language: ConsoleLanguage) -> String { language == .id ? id : en }
}

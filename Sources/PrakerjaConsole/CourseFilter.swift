import PrakerjaConformance
import PrakerjaCuration

/// Which of a monitoring sweep's courses a page lists: by status, by provider, and by the
/// indicators they have a problem on (one indicator, an aspect's, a method's), a page at a time.
/// Made from the page's query; what it cannot read is left out, never an error.
struct CourseFilter: Equatable {
    var status: CourseStatus?
    var provider: String?
    var indicator: String?
    var aspect: String?
    var method: IndicatorCatalogue.Method?
    /// The page, from 1.
    var page = 1

    static let pageSize = 100

    init(
        status: CourseStatus? = nil, provider: String? = nil, indicator: String? = nil, aspect: String? = nil,
        method: IndicatorCatalogue.Method? = nil
    ) {
        (self.status, self.provider, self.indicator, self.aspect, self.method) = (status, provider, indicator, aspect, method)
    }

    init(_ query: FormFields) {
        status = query["status"].flatMap(CourseStatus.init(rawValue:))
        provider = query.text("provider", maximum: 120)
        indicator = query.text("indicator", maximum: 80)
        aspect = query.text("aspect", maximum: 80)
        method = query["method"].flatMap(IndicatorCatalogue.Method.init(rawValue:))
        page = query["page"].flatMap { Int($0) }.map { min(max($0, 1), 1_000_000) } ?? 1
    }

    /// Whether the courses are chosen by their problems.
    var byIndicators: Bool { indicator != nil || aspect != nil || method != nil }

    /// The indicators of `catalogue` this filter asks about (every one when it asks about none).
    func indicators(_ catalogue: IndicatorCatalogue) -> Set<String> {
        Set(
            catalogue.indicators.filter { item in
                (indicator == nil || item.id == indicator) && (aspect == nil || item.aspect == aspect) && (method == nil || item.method == method)
            }.map(\.id))
    }

    /// The query that asks for this filter (and `page`), URL-encoded, without the page when it is the first.
    func query(page: Int? = nil) -> String {
        let fields: [(String, String?)] = [
            ("status", status?.rawValue), ("provider", provider), ("indicator", indicator), ("aspect", aspect), ("method", method?.rawValue),
            ("page", (page ?? self.page) > 1 ? String(page ?? self.page) : nil),
        ]
        return FormFields.query(fields)
    }
}

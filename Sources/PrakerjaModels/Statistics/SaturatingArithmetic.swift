/// Sums and products of numbers partners and proposals send (minutes, seats, quizzes) that stop
/// at `Int.max` or `Int.min` instead of trapping: no number a partner writes may stop the kit, and
/// a sum that large fails whatever bound it is compared with.
extension Sequence {
    /// The sum of `value` over the elements, saturating.
    public func saturatingSum(_ value: (Element) throws -> Int) rethrows -> Int {
        try reduce(0) { $0.saturatingPlus(try value($1)) }
    }
}

extension Int {
    /// `self + other`, saturating.
    public func saturatingPlus(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self * other`, saturating.
    public func saturatingTimes(_ other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self > 0) == (other > 0) ? .max : .min) : product
    }
}

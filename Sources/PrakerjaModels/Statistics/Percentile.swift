extension Array where Element == Double {
    /// The `fraction` percentile (0.5 the median, 0.95 the p95) by nearest rank: the smallest value
    /// with at least that share of the values at or below it; 0 for no values.
    public func percentile(_ fraction: Double) -> Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))]
    }
}

import PrakerjaStore

/// What a page makes from a finished run and keeps while the run is unchanged: a 20,000-course
/// sweep's courses page reads megabytes of summary and 120,000 problems once, not on every page
/// of its courses. A value is kept with what the run's listing said when it was made (its status,
/// counts and outcome, which reviews change) and made again when that changes; the few made last
/// are kept. A run still going changes all the time: its value is made every time, never kept.
actor RunCache<Value: Sendable> {
    private var kept: [(runID: String, version: String, value: Value)] = []
    private let capacity: Int

    init(capacity: Int = 4) { self.capacity = capacity }

    /// The value for the run `entry`, kept or made by `make`.
    func value(_ entry: RunEntry, make: () async throws -> Value?) async throws -> Value? {
        let version = Self.version(entry)
        if let index = kept.firstIndex(where: { $0.runID == entry.id }) {
            let found = kept.remove(at: index)
            if found.version == version {
                kept.append(found)
                return found.value
            }
        }
        guard let value = try await make() else { return nil }
        guard entry.status == .finished else { return value }
        kept.append((entry.id, version, value))
        if kept.count > capacity { kept.removeFirst() }
        return value
    }

    static func version(_ entry: RunEntry) -> String {
        "\(entry.status.rawValue) \(entry.counts.sorted { $0.key < $1.key }) \(entry.outcome ?? "")"
    }
}

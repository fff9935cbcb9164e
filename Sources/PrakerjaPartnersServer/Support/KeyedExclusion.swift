/// Runs work for one key at a time: requests for the same key wait their turn, others run freely.
///
/// The payment adapter uses it so that concurrent requests with the same `partnerReferenceNo`
/// reach the ledger one after the other: the first pays, the rest find its record.
actor KeyedExclusion {
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    func run<Value: Sendable>(_ key: String, _ work: @Sendable () async throws -> Value) async throws -> Value {
        await acquire(key)
        do {
            let value = try await work()
            release(key)
            return value
        } catch {
            release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        if waiting[key] == nil {
            waiting[key] = []
            return
        }
        await withCheckedContinuation { waiting[key]!.append($0) }
    }

    private func release(_ key: String) {
        guard var queue = waiting[key], !queue.isEmpty else {
            waiting[key] = nil
            return
        }
        let next = queue.removeFirst()
        waiting[key] = queue
        next.resume()
    }
}

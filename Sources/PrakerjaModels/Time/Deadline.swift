/// Runs `operation` for at most `limit`: its value, or nil when the time ran out first (the
/// operation is then cancelled). Its errors are rethrown. A deadline bounds the whole operation,
/// whatever it waits on, where a socket timeout bounds only each wait.
public func withDeadline<Value: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> Value) async throws -> Value? {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}

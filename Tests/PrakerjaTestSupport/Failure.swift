/// The error `body` throws, or nil when it returns: for asserting on typed errors.
public func failure<Value, Failure: Error>(_ body: () async throws(Failure) -> Value) async -> Failure? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

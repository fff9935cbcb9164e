import Foundation

extension ContiguousBytes {
    /// `withUnsafeBytes` that keeps the closure's typed error (the Foundation one rethrows `any Error`).
    /// Inlinable, so the public signing entry points can use it and stay specialised in callers.
    @inlinable
    func withBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = withUnsafeBytes { bytes in
            Swift.Result { () throws(Failure) in try body(bytes) }
        }
        return try outcome.get()
    }
}

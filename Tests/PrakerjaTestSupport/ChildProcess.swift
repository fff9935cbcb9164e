import Foundation

/// Runs a program to its end without holding a thread of Swift's cooperative pool: the pool has
/// one thread per core, and a test that blocked one waiting for a child that calls a server in
/// the same process (the sandbox) could starve that server.
public enum ChildProcess {
    /// What the program printed (standard output and error together) and its exit status.
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
    }

    /// Runs `arguments` (the program first, found on the PATH, or a path), in `directory` when
    /// given, with `environment` added to this process's.
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let printed = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: Result(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self)))
            }
        }
    }
}

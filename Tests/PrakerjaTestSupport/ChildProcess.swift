import Foundation
import Synchronization

/// Runs a program to its end without holding any thread while it runs. Swift's cooperative pool
/// has one thread per core, and on Linux it shares its threads with Dispatch's global queues: a
/// test that blocked one (even on `DispatchQueue.global()`) waiting for a child that calls a server
/// in the same process (the sandbox, a reference partner) could starve that server. The exit is
/// learnt from `terminationHandler`; the output goes to files, read once the program has ended.
public enum ChildProcess {
    /// What the program printed (standard output, and standard error with it unless asked apart)
    /// and its exit status.
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        /// Standard error, when it was kept apart (`errorsApart`); empty otherwise.
        public let errors: String
    }

    /// Runs `arguments` (the program first, found on the PATH, or a path), in `directory` when
    /// given, with `environment` added to this process's.
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], errorsApart: Bool = false
    ) async throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "child-\(UUID().uuidString)")
        let output = scratch.appendingPathExtension("out"), errors = scratch.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        FileManager.default.createFile(atPath: output.path, contents: nil)
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let printed = try FileHandle(forWritingTo: output)
        process.standardOutput = printed
        process.standardError = errorsApart ? try FileHandle(forWritingTo: errors) : printed
        let status = try await exitStatus(of: process)
        return Result(
            status: status, output: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    /// Starts `process` and waits for its end without holding a thread; its exit status.
    public static func exitStatus(of process: Process) async throws -> Int32 {
        let (ended, ending) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            ending.yield(process.terminationStatus)
            ending.finish()
        }
        try process.run()
        for await status in ended { return status }
        return process.terminationStatus
    }
}

// What the benchmarks share: statistics, running wrk, and a bare Hummingbird baseline server.
import Foundation
import Hummingbird
import Logging
import NIOCore
import PrakerjaModels
import ServiceLifecycle

/// The median of `values` (the upper one for an even count).
public func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// The `fraction` percentile of `values` (nearest rank), as the kit computes it.
public func percentile(_ values: [Double], _ fraction: Double) -> Double { values.percentile(fraction) }

/// An integer command-line option (`--runs 3`), or `fallback`.
public func option(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    return arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? fallback
}

public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Starts `process` and waits for its end without holding any thread while it runs: Swift's
/// cooperative pool has a thread per core and, on Linux, shares its threads with Dispatch's global
/// queues; the servers a benchmark runs in its own process answer on that pool. (Waiting with
/// `waitUntilExit()`, even on `DispatchQueue.global()`, starved them: four workers' waits hung the
/// sweep benchmark's partners.) The exit is learnt from `terminationHandler`.
public func runToExit(_ process: Process) async throws {
    let (ended, ending) = AsyncStream.makeStream(of: Void.self)
    process.terminationHandler = { _ in
        ending.yield()
        ending.finish()
    }
    try process.run()
    for await _ in ended { return }
}

/// What one wrk run measured: requests per second, the non-2xx count, and this process's CPU time
/// per request served (user and system, every thread; the servers a benchmark runs live in this
/// process, wrk in its own). CPU per request varies far less than the rate on a shared machine.
public struct WrkResult: Sendable {
    public let rate: Double
    public let errors: Int
    public let cpuPerRequest: Duration
}

/// This process's CPU time so far, user and system, every thread.
public func processCPUTime() -> Duration {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let micros =
        (Int64(usage.ru_utime.tv_sec) + Int64(usage.ru_stime.tv_sec)) * 1_000_000 + Int64(usage.ru_utime.tv_usec) + Int64(usage.ru_stime.tv_usec)
    return .microseconds(micros)
}

/// Runs Debian's `wrk` with a Lua `script` against `url`.
public func wrk(url: String, script: String, connections: Int, seconds: Int) throws -> WrkResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["wrk", "-t1", "-c\(connections)", "-d\(seconds)s", "-s", script, url]
    let pipe = Pipe()
    process.standardOutput = pipe
    let cpuBefore = processCPUTime()
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let cpu = processCPUTime() - cpuBefore
    let lines = output.split(separator: "\n")
    guard process.terminationStatus == 0, let line = lines.first(where: { $0.hasPrefix("Requests/sec:") }),
        let rate = Double(line.split(separator: " ").last ?? ""),
        let served = lines.first(where: { $0.contains(" requests in ") }).flatMap({ Int($0.split(separator: " ").first ?? "") }), served > 0
    else { throw BenchmarkError("wrk failed (is Debian's wrk installed?):\n\(output)") }
    let errors = lines.first { $0.contains("Non-2xx") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    return WrkResult(rate: rate, errors: errors, cpuPerRequest: cpu / served)
}

/// Runs `body` while a bare Hummingbird server on 127.0.0.1:`port` answers `method path` with fixed bytes.
public func withBareHandler<Value: Sendable>(
    method: HTTPRequest.Method, path: String, port: Int, response: [UInt8],
    _ body: () async throws -> Value
) async throws -> Value {
    try await withServer(bareRouter(method: method, path: path, response: response), port: port, body)
}

/// A Hummingbird router whose one route, `method path`, answers with fixed bytes.
public func bareRouter(method: HTTPRequest.Method, path: String, response: [UInt8]) -> Router<BasicRequestContext> {
    let router = Router()
    router.on(RouterPath(path), method: method) { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: response)))
    }
    return router
}

/// Runs `body` while a Hummingbird server with `router` answers on 127.0.0.1:`port`.
public func withServer<Value: Sendable>(
    _ router: Router<BasicRequestContext>, port: Int, _ body: () async throws -> Value
) async throws -> Value {
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
    let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: Logger(label: "benchmark-server")))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        try await Task.sleep(for: .milliseconds(300))
        do {
            let value = try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return value
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
    }
}

// The shared history and its sweeps (issue 14), release build:
//   swift build -c release --product prakerja && swift build -c release --product sweep-benchmark
//   .build/release/sweep-benchmark [--runs 3] [--courses 20000] [--stores 1] [--scaling 1] [--scaling-courses 400]
//     [--worker-concurrency 1] [--verbose] [--keep PATH]
// PostgreSQL is the throwaway server of `.ci/postgres start` (apt-get install postgresql-15); each
// run gets a database of its own. Peak RSS is the kernel's high-water mark (/proc/PID/status).
// 1. `prakerja sweep monitoring` of --courses approved courses (20,000: ten times the program's
//    2021 catalogue) recorded in SQLite and in PostgreSQL, in turn in one run, each sweep its own
//    `prakerja` process (its peak RSS is its own); the reference platform and provider, over the
//    same generated catalogue, are served by this process. Wall time, peak RSS, and the history's
//    size after the sweep. `--keep PATH` keeps the first SQLite history (the console's load
//    script, Benchmarks/console_load.py, reads one).
// 2. Workers: a sweep of --scaling-courses courses against a platform and provider that answer
//    after 20 ms (the network), done by 1, 2 and 4 `prakerja worker` processes sharing a
//    PostgreSQL history, each judging --worker-concurrency courses at once; the wall time is from
//    queuing the sweep (which reads the platform's completion feed) to the last worker's exit.
//    One course at a time, a worker waits on the partners as a worker on a machine of its own
//    would; with more at once (`--worker-concurrency 4 --scaling-courses 2000`) the four workers,
//    both partners and PostgreSQL share this machine's cores, and the figure is the machine's.
import BenchmarkSupport
import Foundation
import Hummingbird
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaStore

/// Prints a line at once, also when the output is a file.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let runs = option("--runs", 3)
/// `--verbose`: the workers' logs (each item taken and done, with its time) after each scaling run.
let verbose = CommandLine.arguments.contains("--verbose")
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "prakerja").path
let root = FileManager.default.currentDirectoryPath
let scratch = FileManager.default.temporaryDirectory.appending(path: "sweep-benchmark-\(UUID().uuidString)")

/// Runs a command to its end; its standard output, or an error with the end of what it said.
/// (Its output goes to files: a pipe read after the process ends would stop a talkative one.) It
/// waits without holding a thread (`runToExit`): the partners this process serves to the commands
/// answer on Swift's cooperative pool.
@discardableResult
func shell(_ arguments: [String], environment: [String: String] = [:], accepting codes: Set<Int32> = [0]) async throws -> String {
    let process = Process()
    let output = scratch.appending(path: "out-\(UUID().uuidString)"), errors = scratch.appending(path: "err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: errors)
    }
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try await runToExit(process)
    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    guard codes.contains(process.terminationStatus) else {
        let problem = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        throw BenchmarkError("\(arguments.joined(separator: " ")) failed: \(problem.suffix(2000))\(text.suffix(2000))")
    }
    return text
}

/// The test PostgreSQL's URL for `database`, made afresh.
func freshDatabase(_ name: String) async throws -> String {
    let server = try await shell(["bash", "\(root)/.ci/postgres", "start"]).trimmingCharacters(in: .whitespacesAndNewlines)
    var components = URLComponents(string: server)!
    let password = try String(
        contentsOfFile: String(components.queryItems!.first { $0.name == "password" }!.value!.dropFirst(5)), encoding: .utf8
    ).trimmingCharacters(in: .newlines)
    for statement in ["DROP DATABASE IF EXISTS \(name)", "CREATE DATABASE \(name)"] {
        try await shell(
            ["psql", "-h", components.host!, "-p", "\(components.port!)", "-U", components.user!, "-d", "postgres", "-qc", statement],
            environment: ["PGPASSWORD": password])
    }
    components.path = "/\(name)"
    return components.string!
}

/// A partner config for the reference partner `name` at `url`, with room for a sweep's requests.
func config(_ name: String, at url: String) throws -> String {
    let yaml = try String(contentsOfFile: "\(root)/Conformance/configs/\(name).yaml", encoding: .utf8)
        .replacing(/baseURL: .*/, with: "baseURL: \(url)")
        .replacing(/requestsPerSecond: .*/, with: "requestsPerSecond: 10000")
        .replacingOccurrences(of: "{ file: secrets/", with: "{ file: \(root)/Conformance/configs/secrets/")
        .replacingOccurrences(of: "contract: ../../Specs/", with: "contract: \(root)/Specs/")
    let path = scratch.appending(path: "\(name).yaml").path
    try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// Answers after `delay`: the network between the kit and a partner.
/// A partner's router behind the network's latency: every request waits `delay` before it is
/// answered (ahead of the router's own middleware, which reaches only the routes added after it).
func delayed<Router: HTTPResponderBuilder>(_ router: Router, by delay: Duration) -> Intercepted<Router> {
    Intercepted(router) { _ in
        if delay > .zero { try await Task.sleep(for: delay) }
        return nil
    }
}

/// The approved proposals of `catalogue` in a folder, and the platform and provider serving it
/// (after `latency`) while `body` runs with their configs.
func withPartners(
    courses count: Int, latency: Duration?, _ body: @Sendable (_ approved: String, _ platform: String, _ provider: String) async throws -> Void
) async throws {
    let catalogue = ReferenceCatalogue.generate(now: Date(), courses: count)
    let approved = scratch.appending(path: "approved-\(count)")
    try FileManager.default.createDirectory(at: approved, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    for detail in catalogue.courses {
        let proposal = CourseProposal(course: detail, provider: .init(code: detail.course.providerCode, name: "Reference training provider"))
        try encoder.encode(proposal).write(to: approved.appending(path: "\(detail.course.code).json"))
    }
    let delay = latency ?? .zero
    try await HTTPServerRunner.withRunning(delayed(ReferenceTrainingProvider(catalogue: catalogue).router(), by: delay)) { providerURL in
        try await HTTPServerRunner.withRunning(delayed(ReferenceDigitalPlatform(catalogue: catalogue).router(), by: delay)) {
            platformURL in
            try await body(
                approved.path, try config("reference-digital-platform", at: platformURL), try config("reference-training-provider", at: providerURL))
        }
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// A sweep in its own `prakerja` process: wall seconds, and its peak RSS in MB (the kernel's
/// high-water mark, read every 50 ms while it runs) overall and before its finish began (when
/// it printed that it took the `~finish` item): the items' share and the finish's apart.
func timedSweep(_ arguments: [String]) async throws -> (seconds: Double, rss: Double, itemsRSS: Double) {
    let output = scratch.appending(path: "sweep-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    let start = ContinuousClock.now
    try process.run()
    var peak = 0.0, beforeFinish: Double?
    while process.isRunning {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        {
            peak = max(peak, kilobytes / 1024)
        }
        if beforeFinish == nil, let log = try? String(contentsOf: output, encoding: .utf8), log.contains("~finish") { beforeFinish = peak }
        try await Task.sleep(for: .milliseconds(50))
    }
    process.waitUntilExit()
    let wall = seconds(since: start)
    // 1: the sweep found courses wanting (awaiting review, warnings), which is its verdict, not a failure.
    guard [0, 1].contains(process.terminationStatus) else {
        throw BenchmarkError(
            "prakerja \(arguments.joined(separator: " ")) failed: \(((try? String(contentsOf: output, encoding: .utf8)) ?? "").suffix(2000))")
    }
    return (wall, peak, beforeFinish ?? peak)
}

func storesBenchmark() async throws {
    let count = option("--courses", 20_000)
    say("monitoring sweep of \(count) courses (40 indicators each), recorded in SQLite and in PostgreSQL, each its own process:")
    try await withPartners(courses: count, latency: nil) { approved, platform, provider in
        var figures: [String: [(seconds: Double, rss: Double, itemsRSS: Double, size: Double)]] = [:]
        for run in 1...runs {
            for kind in ["sqlite", "postgres"] {
                try await Task.sleep(for: .seconds(1.1))  // a sweep's signatures must not repeat the last one's
                let store = kind == "sqlite" ? scratch.appending(path: "run-\(run).sqlite").path : try await freshDatabase("prakerja_bench_\(run)")
                let (wall, rss, itemsRSS) = try await timedSweep([
                    "sweep", "monitoring", "--approved", approved, "--platform", platform, "--provider", provider, "--chunk", "500", "--items", "2",
                    "--concurrency", "16", "--store", store, "--report-dir", scratch.appending(path: "reports").path, "--format", "json",
                ])
                let history = try await ResultsStore.open(store)
                let size = Double(try await history.size()) / 1e6
                await history.close()
                if run == 1, kind == "sqlite", let keep = CommandLine.arguments.firstIndex(of: "--keep").map({ CommandLine.arguments[$0 + 1] }) {
                    try? FileManager.default.removeItem(atPath: keep)
                    try FileManager.default.copyItem(atPath: store, toPath: keep)
                    say("  kept the SQLite history of run 1 in \(keep)")
                }
                figures[kind, default: []].append((wall, rss, itemsRSS, size))
                say(
                    String(
                        format: "  run %d, %-8@: %6.2f s (%.2f ms a course), peak RSS %.0f MB (%.0f MB before the finish), history %.0f MB", run,
                        kind, wall, wall * 1000 / Double(count), rss, itemsRSS, size))
            }
        }
        let sqlite = figures["sqlite"]!, postgres = figures["postgres"]!
        say(
            String(
                format:
                    "  median: SQLite %.2f s, %.0f MB RSS, %.0f MB history; PostgreSQL %.2f s, %.0f MB RSS, %.0f MB history; PostgreSQL/SQLite %.2fx (target at most 2x, RSS at most 300 MB)",
                median(sqlite.map(\.seconds)), median(sqlite.map(\.rss)), median(sqlite.map(\.size)), median(postgres.map(\.seconds)),
                median(postgres.map(\.rss)), median(postgres.map(\.size)), median(postgres.map(\.seconds)) / median(sqlite.map(\.seconds))))
    }
}

func scalingBenchmark() async throws {
    let count = option("--scaling-courses", 400), concurrency = option("--worker-concurrency", 1)
    say(
        "\nworkers: a monitoring sweep of \(count) courses against partners answering after 20 ms, one PostgreSQL history, each worker judging \(concurrency) at once:"
    )
    try await withPartners(courses: count, latency: .milliseconds(20)) { approved, platform, provider in
        var walls: [Int: [Double]] = [:]
        for run in 1...runs {
            for workers in [1, 2, 4] {
                try await Task.sleep(for: .seconds(1.1))
                let store = try await freshDatabase("prakerja_bench_workers")
                let start = ContinuousClock.now
                let queued = try await shell([
                    binary, "sweep", "monitoring", "--approved", approved, "--platform", platform, "--provider", provider, "--chunk", "50",
                    "--concurrency", "\(concurrency)", "--store", store, "--report-dir", scratch.appending(path: "reports").path, "--format", "json",
                    "--queue-only",
                ])
                // "sweep ID: N ranges of courses queued in ...", after a line per platform feed read.
                guard let line = queued.split(separator: "\n").first(where: { $0.hasPrefix("sweep ") }) else {
                    throw BenchmarkError("the sweep was not queued: \(queued)")
                }
                let id = String(line.split(separator: " ")[1].dropLast())
                try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<workers {
                        group.addTask { try await shell([binary, "worker", "--store", store, "--sweep", id, "--items", "1"]) }
                    }
                    for try await log in group where verbose { say(log) }
                }
                let wall = seconds(since: start)
                // A sweep that could not judge every course (a partner's refusal taken for its
                // failure) is not a figure: its finish exits 3.
                let history = try await ResultsStore.open(store)
                let finish = try await history.sweep(id)?.items.first { $0.key == SweepItem.finish }
                await history.close()
                guard let code = finish?.exitCode, code != 3 else {
                    throw BenchmarkError(
                        "the sweep \(id) with \(workers) workers could not judge every course (finish exit code \(finish?.exitCode.map(String.init) ?? "none"))"
                    )
                }
                walls[workers, default: []].append(wall)
                say(String(format: "  run %d, %d worker%@: %.2f s", run, workers, workers == 1 ? "" : "s", wall))
            }
        }
        let one = median(walls[1]!)
        say(
            String(
                format: "  median: 1 worker %.2f s, 2 workers %.2f s (%.1fx), 4 workers %.2f s (%.1fx; target at least 3x)", one, median(walls[2]!),
                one / median(walls[2]!), median(walls[4]!), one / median(walls[4]!)))
    }
}

do {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    if option("--stores", 1) == 1 { try await storesBenchmark() }
    if option("--scaling", 1) == 1 { try await scalingBenchmark() }
} catch {
    FileHandle.standardError.write(Data("sweep-benchmark: \(error)\n".utf8))
    exit(1)
}

// The conformance kit's benchmarks (release build):
//   swift build -c release && swift run -c release conformance-benchmark [--runs 5]
// 1. A full payment-partner suite against the reference partner running as its own process:
//    wall time, requests per second and the kit's peak RSS, per run and the median; then, in the
//    same run against the same partner, schemathesis (pip install schemathesis) on the same
//    contract with the checks both tools make, signed by Benchmarks/ConformanceBenchmark/schemathesis_hooks.py.
// 2. The JSON Schema validator's throughput on the job-portal contract's vacancy pages, next to
//    Python's jsonschema and jsonschema-rs on the same schema and data (instances parsed beforehand),
//    and parsing included (the kit's parser; json.loads + jsonschema-rs). A run is `--passes` (5)
//    warm passes over the pages; the kit's runs and jsonschema-rs's alternate. `--count NAME N`
//    runs one validation N times untimed, for callgrind's instruction counts.
// 3. The assessment of one proposal on the 52 indicators (issue 6: at most 50 ms): reading and
//    validating the file against Specs/course-proposal.schema.json, then every indicator.
// 4. A monitoring sweep (issue 6: 2,000 courses, 40 indicators each, in at most 60 s at most
//    300 MB) against the reference platform and provider seeded with 1,000, 2,000 and 4,000
//    courses, served in this process (so the peak RSS counts them too); then the same sweep
//    recorded in a fresh results history (each course's 40 results written as it is judged,
//    the whole run rewritten when it finishes), as `prakerja monitor` does by default.
import BenchmarkSupport
import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import PrakerjaSchema
import PrakerjaStore

let runs = option("--runs", 5)
let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

/// The kit's peak resident set, in MB: `VmHWM` of /proc/self/status. (getrusage's ru_maxrss
/// would carry over the peak of `swift run`, which execs this program.)
func peakRSS() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
}

func suiteBenchmark() async throws {
    let partnerBinary = binDirectory.appending(path: "prakerja")
    guard FileManager.default.isExecutableFile(atPath: partnerBinary.path) else {
        throw BenchmarkError("\(partnerBinary.path) is missing: run `swift build -c release` first")
    }
    let port = 18_481
    let partner = Process()
    partner.executableURL = partnerBinary
    partner.arguments = ["reference", "payment-partner", "--port", String(port), "--notify-url", "http://127.0.0.1:18990/prakerja/notifications"]
    partner.standardOutput = FileHandle.nullDevice
    try partner.run()
    defer { partner.terminate() }
    try await Task.sleep(for: .seconds(1))
    var config = try PartnerConfig.load("Conformance/configs/reference-payment-partner.yaml")
    config.baseURL = "http://127.0.0.1:\(port)"
    config.limits.requestsPerSecond = 100_000
    print(
        String(
            format:
                "payment-partner suite (--quick: the slow checks wait by design) against reference-payment-partner (its own process), %d runs; the kit's RSS before: %.1f MB",
            runs, peakRSS()))
    var walls: [Double] = [], rates: [Double] = []
    var slowest: [CheckResult] = []
    for run in 1...runs {
        // A partner refuses a second token request signed in the same second (the RSA signature
        // would be the same: a replay), so runs start at least a second apart.
        try await Task.sleep(for: .seconds(1.1))
        let started = ContinuousClock.now
        // Quick: the slow checks wait (limits.replayWaitSeconds) by design; the measure is the work.
        let result = try await ConformanceRun.run(config, selection: Selection(quick: true))
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let requests = result.checks.map(\.evidence.exchanges.count).reduce(0, +)
        walls.append(seconds)
        rates.append(Double(requests) / seconds)
        slowest = Array(result.checks.sorted { $0.milliseconds > $1.milliseconds }.prefix(5))
        print(
            String(
                format: "  run %d: %d checks (%d passed), %d requests in %.2f s = %.0f requests/s, peak RSS %.1f MB",
                run, result.checks.count, result.counts[.pass], requests, seconds, Double(requests) / seconds, peakRSS()))
    }
    print(String(format: "  median: %.2f s, %.0f requests/s; peak RSS %.1f MB", median(walls), median(rates), peakRSS()))
    print("  the last run's slowest checks: " + slowest.map { String(format: "%@ %.0f ms", $0.check.id, $0.milliseconds) }.joined(separator: ", "))

    try await Task.sleep(for: .seconds(1.1))
    print("schemathesis on the same contract and partner (examples, coverage and fuzzing phases, 10 examples per operation, 1 worker)")
    var theirRates: [Double] = [], theirRSS: [Double] = []
    for run in 1...runs {
        try await Task.sleep(for: .seconds(1.1))  // its token request must not share a second with the last one
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "Benchmarks/ConformanceBenchmark/run_schemathesis.py", "Specs/payment-partner.openapi.yaml",
            config.baseURL, "10",
        ]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "SNAP_BASE_URL": config.baseURL, "SNAP_CLIENT_ID": "PRAKERJA-PROGRAM-01",
            "SNAP_CLIENT_SECRET_FILE": "Conformance/configs/secrets/reference-payment-client-secret",
            "SNAP_PRIVATE_KEY_FILE": "Conformance/vectors/keys/snap-test-private.pem",
        ]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = output.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        guard process.terminationStatus == 0, fields.count == 4 else {
            throw BenchmarkError("run_schemathesis.py failed (pip install schemathesis): \(output)")
        }
        theirRates.append(fields[0] / fields[1])
        theirRSS.append(fields[2])
        print(
            String(
                format: "  run %d: %.0f requests in %.2f s = %.0f requests/s, peak RSS %.1f MB, %.0f failures",
                run, fields[0], fields[1], fields[0] / fields[1], fields[2], fields[3]))
    }
    print(
        String(
            format: "  median: %.0f requests/s, peak RSS %.1f MB; the kit makes %.1fx its requests per second at %.1f MB",
            median(theirRates), median(theirRSS), median(rates) / median(theirRates), peakRSS()))
}

/// The validator benchmark's workload: the job-portal contract's `VacancyPage` and 60 pages of
/// 100 generated vacancies, as bytes, tapes and parsed values.
struct ValidatorWorkload {
    let contract: Contract
    let pointer = JSONPointer(tokens: ["components", "schemas", "VacancyPage"])
    let pages: [[UInt8]]
    let tapes: [JSONTape]
    let instances: [JSONValue]
    var bytes: Int { pages.map(\.count).reduce(0, +) }

    init() throws {
        contract = try Contract.load("Specs/job-portal.openapi.yaml")
        let vacancies = VacancyGenerator.generate(count: 6_000, now: Date(timeIntervalSince1970: 1_764_547_200))
        pages = try stride(from: 0, to: vacancies.count, by: 100).map { start in
            try StreamingJSONEncoder().encode(Page(items: Array(vacancies[start..<min(start + 100, vacancies.count)]), nextCursor: "c\(start)"))
        }
        instances = try pages.map { try JSONValue.parse($0) }
        tapes = try pages.map { page in try JSONTape(parsing: page) ?? { throw BenchmarkError("a page is not JSON") }() }
    }

    /// The pages found invalid by the fast path (`isValid` on a tape: yes or no, as jsonschema-rs's `is_valid`).
    func invalidTapes() -> Int { tapes.count { !contract.isValid($0, against: pointer) } }
    /// The same, each page parsed first.
    func invalidParsing() -> Int { pages.count { !(JSONTape(parsing: $0).map { contract.isValid($0, against: pointer) } ?? false) } }
    /// Every error of every page (the evaluation that reports them, on parsed values).
    func errors() -> Int { instances.reduce(0) { $0 + contract.validate($1, against: pointer).count } }
}

func validatorBenchmark() throws {
    let workload = try ValidatorWorkload()
    let bytes = workload.bytes
    print(
        String(
            format:
                "\nJSON Schema validator: %d job-portal VacancyPage instances (100 vacancies each), %.1f MB; a run validates them %d times warm, each kit run followed by one of each Rust run",
            workload.pages.count, Double(bytes) / 1e6, option("--passes", 5)))
    // The same schema document and data for Python's validators.
    let directory = FileManager.default.temporaryDirectory.appending(path: "validator-benchmark")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(workload.contract.document.serialized.utf8).write(to: directory.appending(path: "contract.json"))
    try Data(workload.pages.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").utf8).write(
        to: directory.appending(path: "pages.jsonl"))
    func python(_ engine: String, runs: Int, passes: Int) throws -> [Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "Benchmarks/ConformanceBenchmark/validate.py", directory.appending(path: "contract.json").path,
            workload.pointer.description, directory.appending(path: "pages.jsonl").path, String(runs), engine, String(passes),
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let rates = output.split(separator: "\n").compactMap { Double($0.split(separator: " ").first ?? "") }
        guard process.terminationStatus == 0, !rates.isEmpty else {
            throw BenchmarkError("python3 validate.py \(engine) failed (pip install jsonschema jsonschema-rs): \(output)")
        }
        return rates
    }
    // Each run validates every page `passes` times, after one untimed pass (in Python too).
    let passes = option("--passes", 5)
    func rate(_ work: () -> Int) -> (rate: Double, count: Int) {
        _ = work()
        let started = ContinuousClock.now
        var count = 0
        for _ in 0..<passes { count += work() }
        return (Double(bytes * passes) / seconds(since: started) / 1e6, count / passes)
    }
    // Kit and Rust alternate run by run, so a slow spell of this machine falls on both.
    var swiftRates: [Double] = [], parsingRates: [Double] = [], reportingRates: [Double] = [], rust: [Double] = [], rustParsing: [Double] = []
    for run in 1...runs {
        let fast = rate(workload.invalidTapes), parsing = rate(workload.invalidParsing), reporting = rate(workload.errors)
        swiftRates.append(fast.rate)
        parsingRates.append(parsing.rate)
        reportingRates.append(reporting.rate)
        rust += try python("jsonschema-rs", runs: 1, passes: passes)
        rustParsing += try python("jsonschema-rs-parsing", runs: 1, passes: passes)
        print(
            String(
                format:
                    "  run %d: kit %.2f MB/s (%d invalid), jsonschema-rs %.2f MB/s; parsing included: kit %.2f MB/s (%d invalid), json.loads + jsonschema-rs %.2f MB/s; every error reported %.2f MB/s (%d errors)",
                run, fast.rate, fast.count, rust.last!, parsing.rate, parsing.count, rustParsing.last!, reporting.rate, reporting.count))
    }
    let jsonschema = try python("jsonschema", runs: runs, passes: 1)
    for (run, rate) in jsonschema.enumerated() { print(String(format: "  jsonschema run %d: %.2f MB/s", run + 1, rate)) }
    print(
        String(
            format: "  median: kit %.2f MB/s, jsonschema %.2f MB/s (%.1fx), jsonschema-rs %.2f MB/s (%.2fx; target at least 1.0x)",
            median(swiftRates), median(jsonschema), median(swiftRates) / median(jsonschema), median(rust), median(swiftRates) / median(rust)))
    print(
        String(
            format: "  median of per-run ratios (each kit run beside the jsonschema-rs run after it): %.2fx; parsing included %.2fx",
            median(zip(swiftRates, rust).map { $0 / $1 }), median(zip(parsingRates, rustParsing).map { $0 / $1 })))
    print(
        String(
            format: "  parsing included: kit %.2f MB/s, json.loads + jsonschema-rs %.2f MB/s (%.2fx)", median(parsingRates), median(rustParsing),
            median(parsingRates) / median(rustParsing)))
    print(String(format: "  every error reported (the kit's validate on parsed values): %.2f MB/s", median(reportingRates)))
}

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func assessmentBenchmark() throws {
    // The kit's fixtures and the adversarial set, each under its own rule pack, cycled to 2,000
    // proposals a run: read, validated against the schema and judged on the 52 indicators, as one
    // `prakerja assess` command does them (without writing reports).
    let files = try ["Conformance/fixtures/proposals", "Conformance/fixtures/adversarial"].flatMap { folder in
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
    }
    let catalogue = try IndicatorCatalogue.standard(.assessment), reference = try ReferenceData.standard()
    let packs = try Dictionary(uniqueKeysWithValues: ["2021", RulePack.defaultID].map { ($0, try RulePack.named($0)) })
    let batch = 2_000
    print("\nassessment (read, validate against the schema, 52 indicators), \(batch) proposals a run cycling \(files.count) files:")
    func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
    var totals: [Double] = []
    for run in 1...runs {
        var reading = Duration.zero, judging = Duration.zero
        for index in 0..<batch {
            let read = ContinuousClock.now
            let proposal = try CourseProposal.load(files[index % files.count])
            let judge = ContinuousClock.now
            let rules = packs[proposal.expected?.rulePack ?? RulePack.defaultID]!
            _ = try Assessment.run(catalogue, AssessmentInput(proposal: proposal, rules: rules, reference: reference))
            reading += judge - read
            judging += ContinuousClock.now - judge
        }
        let total = seconds(reading + judging)
        totals.append(total)
        print(
            String(
                format: "  run %d: %.2f s, %.2f ms per proposal (reading and validating %.2f ms, judging %.2f ms)", run, total,
                total * 1e3 / Double(batch), seconds(reading) * 1e3 / Double(batch), seconds(judging) * 1e3 / Double(batch)))
    }
    print(
        String(
            format: "  median: %.2f s for %d proposals (target under 10 s), %.2f ms per proposal (target under 5 ms)", median(totals), batch,
            median(totals) * 1e3 / Double(batch)))
}

func monitoringBenchmark() async throws {
    print("\nmonitoring sweep (40 indicators per course) against the reference platform and provider, in-process:")
    // --courses N sweeps one size only; --recording 0 (unrecorded only), 1 (recorded only), 2 (both).
    let sizes = option("--courses", 0) > 0 ? [option("--courses", 0)] : [1_000, 2_000, 4_000]
    let recording = option("--recording", 2)
    for count in sizes {
        let now = Date()
        let catalogue = ReferenceCatalogue.generate(now: now, courses: count)
        let provider = ReferenceTrainingProvider(catalogue: catalogue), platform = ReferenceDigitalPlatform(catalogue: catalogue)
        let approved = catalogue.courses.map {
            CourseProposal(course: $0, provider: .init(code: $0.course.providerCode, name: "Reference training provider"))
        }
        let rules = try RulePack.named(RulePack.defaultID), reference = try ReferenceData.standard()
        let monitoring = try IndicatorCatalogue.standard(.monitoring)
        try await HTTPServerRunner.withRunning(provider.router()) { providerURL in
            try await HTTPServerRunner.withRunning(platform.router()) { platformURL in
                var providerConfig = try PartnerConfig.load("Conformance/configs/reference-training-provider.yaml")
                var platformConfig = try PartnerConfig.load("Conformance/configs/reference-digital-platform.yaml")
                providerConfig.baseURL = providerURL
                platformConfig.baseURL = platformURL
                providerConfig.limits.requestsPerSecond = 100_000
                platformConfig.limits.requestsPerSecond = 100_000
                var walls: [Double] = [], recordedWalls: [Double] = []
                for recorded in [false, true] where recording == 2 || (recording == 1) == recorded {
                    for run in 1...runs {
                        try await Task.sleep(for: .seconds(1.1))  // a sweep's signatures must not repeat the last one's
                        let historyPath = FileManager.default.temporaryDirectory.appending(path: "benchmark-\(UUID().uuidString)/history.sqlite").path
                        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: historyPath).deletingLastPathComponent().path) }
                        let started = ContinuousClock.now
                        let sources = try await MonitoringSources.open(platforms: [platformConfig], providers: [providerConfig], sampleSize: 5)
                        var journal: RunJournal? = nil, store: ResultsStore? = nil
                        let header = MonitoringResult.header(source: "benchmark", courses: count, rulePack: rules.id, startedAt: Date())
                        if recorded {
                            store = try await ResultsStore.open(historyPath)
                            journal = try await store!.begin(header).journal
                        }
                        let result = try await Monitoring.run(
                            monitoring, approved: approved, sources: sources, rules: rules, reference: reference, concurrency: 16,
                            journal: journal)
                        if let store {
                            try await store.finish(result.runResult(source: "benchmark", runID: header.runID, startedAt: header.startedAt))
                        }
                        let elapsed = ContinuousClock.now - started
                        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                        if recorded { recordedWalls.append(seconds) } else { walls.append(seconds) }
                        let compliant = result.courses.filter { $0.status == .compliant }.count
                        let size = recorded ? (try FileManager.default.attributesOfItem(atPath: historyPath)[.size] as? Int ?? 0) : 0
                        print(
                            String(
                                format: "  %5d courses, %@ run %d: %.2f s (%.2f ms a course), %d compliant, peak RSS so far %.1f MB%@",
                                count, recorded ? "recorded" : "unrecorded", run, seconds, seconds * 1000 / Double(count), compliant, peakRSS(),
                                recorded ? String(format: ", history %.1f MB", Double(size) / 1e6) : ""))
                    }
                }
                if !recordedWalls.isEmpty {
                    print(String(format: "  %5d courses recorded in the history: median %.2f s", count, median(recordedWalls)))
                }
                if !walls.isEmpty { print(String(format: "  %5d courses: median %.2f s", count, median(walls))) }
            }
        }
    }
}

// Independent evidence for the validator: `--differential N [SEED]` has differential.py break N
// documents of each schema below (one mutation each, as a careless or hostile partner would) and
// judge them with jsonschema-rs, then judges each with the kit's fast path (`isValid` on a tape) and
// its full evaluation (every error, on parsed values); prints every disagreement, exits 1 if any.
// The schemas: the job portal's `VacancyPage` (seeded with the benchmark's pages), the three
// monitoring feeds (seeded with the adversarial feed fixtures), and every component schema of the
// five contracts (N / 20 documents each, seeded from the schema's own examples and bounds).
if let index = CommandLine.arguments.firstIndex(of: "--differential") {
    let count = index + 1 < CommandLine.arguments.count ? CommandLine.arguments[index + 1] : "3000"
    let seed = index + 2 < CommandLine.arguments.count ? CommandLine.arguments[index + 2] : "2026"
    let directory = FileManager.default.temporaryDirectory.appending(path: "validator-differential-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = { (name: String) in directory.appending(path: name).path }

    /// Breaks `count` documents from the seeds, and returns the disagreements found.
    func differential(
        _ name: String, schema: String, pointer: String, seeds: String, count: String = count, quiet: Bool = false,
        fast: (JSONTape) -> Bool, full: (JSONValue) -> [String]
    ) throws -> (disagreements: Int, invalid: Int, documents: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "Benchmarks/ConformanceBenchmark/differential.py", schema, pointer, seeds, file("mutated.jsonl"),
            file("verdicts.jsonl"), count, seed,
        ]
        if quiet { process.standardOutput = FileHandle.nullDevice }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError("differential.py failed (pip install jsonschema-rs)") }
        let documents = try String(contentsOfFile: file("mutated.jsonl"), encoding: .utf8).split(separator: "\n")
        let verdicts = try String(contentsOfFile: file("verdicts.jsonl"), encoding: .utf8).split(separator: "\n")
        guard documents.count == verdicts.count else {
            throw BenchmarkError("differential.py wrote \(documents.count) documents, \(verdicts.count) verdicts")
        }
        var disagreements = 0, invalid = 0
        for (document, verdictLine) in zip(documents, verdicts) {
            let verdict = try JSONValue.parse(Array(verdictLine.utf8))
            guard case .bool(let expected) = verdict["valid"], case .string(let mutation) = verdict["mutation"] else {
                throw BenchmarkError("a verdict line is not {mutation, valid}: \(verdictLine)")
            }
            let bytes = Array(document.utf8)
            let fastValid = JSONTape(parsing: bytes).map(fast) ?? false
            let errors = full(try JSONValue.parse(bytes))
            if !expected { invalid += 1 }
            guard fastValid != expected || errors.isEmpty != expected else { continue }
            disagreements += 1
            print(
                "  disagreement (\(name)): \(mutation): jsonschema-rs \(expected ? "valid" : "invalid"), fast path \(fastValid ? "valid" : "invalid"), "
                    + "full evaluation \(errors.isEmpty ? "valid" : "invalid: \(errors.prefix(2).joined(separator: "; "))")")
        }
        if !quiet {
            print(
                "validator differential, \(name): \(documents.count) broken documents (\(invalid) invalid by jsonschema-rs), \(disagreements) disagreements"
            )
        }
        return (disagreements, invalid, documents.count)
    }

    let workload = try ValidatorWorkload()
    try Data(workload.contract.document.serialized.utf8).write(to: URL(fileURLWithPath: file("contract.json")))
    try Data(workload.pages.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").utf8).write(
        to: URL(fileURLWithPath: file("pages.jsonl")))
    var disagreements = try differential(
        "job-portal VacancyPage (the benchmark's pages)", schema: file("contract.json"), pointer: workload.pointer.description,
        seeds: file("pages.jsonl"),
        fast: { workload.contract.isValid($0, against: workload.pointer) },
        full: { workload.contract.validate($0, against: workload.pointer).map { "\($0)" } }
    ).disagreements
    for (feed, seeds) in [("complaint", "complaints"), ("survey-answer", "survey"), ("enrolment", "enrolments")] {
        var registry = SchemaRegistry()
        let uri = try registry.addFile("Specs/feeds/\(feed).schema.json")
        let validator = JSONSchemaValidator(registry: registry, assertFormats: true)
        disagreements += try differential(
            feed, schema: "Specs/feeds/\(feed).schema.json", pointer: "", seeds: "Conformance/fixtures/feeds-adversarial/\(seeds).jsonl",
            fast: { validator.isValid($0, against: uri) }, full: { validator.validate($0, against: uri).map { "\($0)" } }
        ).disagreements
    }
    // Every component schema of every contract, seeded from the schema itself (no documents to hand).
    let perSchema = String(max((Int(count) ?? 3000) / 20, 100))
    for name in ["payment-partner", "training-provider", "digital-platform", "job-portal", "prakerja-integration"] {
        let contract = try Contract.load("Specs/\(name).openapi.yaml")
        try Data(contract.document.serialized.utf8).write(to: URL(fileURLWithPath: file("\(name).json")))
        guard case .object(let schemas) = contract.document["components"]?["schemas"] else { continue }
        var found = 0, invalid = 0, documents = 0
        for schema in schemas {
            let pointer = JSONPointer(tokens: ["components", "schemas", schema.key])
            let outcome = try differential(
                "\(name) \(schema.key)", schema: file("\(name).json"), pointer: pointer.description, seeds: "synthesize",
                count: perSchema, quiet: true, fast: { contract.isValid($0, against: pointer) },
                full: { contract.validate($0, against: pointer).map { "\($0)" } })
            (found, invalid, documents) = (found + outcome.disagreements, invalid + outcome.invalid, documents + outcome.documents)
        }
        print(
            "validator differential, \(name): \(schemas.count) component schemas, \(documents) broken documents (\(invalid) invalid by jsonschema-rs), \(found) disagreements"
        )
        disagreements += found
    }
    exit(disagreements == 0 ? 0 : 1)
}

// Instruction counts: `--count NAME N` runs one validation of the workload N times, untimed, for
// `valgrind --tool=callgrind` (the counts at N and at 0 differ by N passes over the 60 pages).
if let index = CommandLine.arguments.firstIndex(of: "--count") {
    let workload = try ValidatorWorkload()
    let operations: [String: () -> Int] = [
        "is-valid": workload.invalidTapes, "parse-and-validate": workload.invalidParsing, "validate": workload.errors,
    ]
    guard index + 2 < CommandLine.arguments.count, let operation = operations[CommandLine.arguments[index + 1]],
        let count = Int(CommandLine.arguments[index + 2])
    else {
        print("--count takes one of \(operations.keys.sorted().joined(separator: ", ")) and a number of passes")
        exit(2)
    }
    var sink = 0
    for _ in 0..<count { sink &+= operation() }
    print(sink)
    exit(0)
}

print(String(format: "the kit's RSS at start: %.1f MB", peakRSS()))
do {
    if option("--suite", 1) == 1 { try await suiteBenchmark() }
    if option("--validator", 1) == 1 { try validatorBenchmark() }
    if option("--assessment", 1) == 1 { try assessmentBenchmark() }
    if option("--monitoring", 1) == 1 { try await monitoringBenchmark() }
} catch {
    FileHandle.standardError.write(Data("conformance-benchmark: \(error)\n".utf8))
    exit(1)
}

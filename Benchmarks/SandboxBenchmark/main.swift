// The sandbox under load, and the client's own cost, each next to its bare baseline in one run.
//
//   swift run -c release sandbox-benchmark [--runs 3] [--seconds 5] [--connections 32] [--calls 3000]
//
// 1. wrk (Debian's `wrk`) posts signed `redeem-code/status` requests to the sandbox, with
//    signature verification, the replay guard and the state actor on, and the same requests to a
//    bare Hummingbird handler returning the same JSON. Every request is a distinct signed request
//    (a nonce field the endpoint ignores), so none is refused as a replay. Target: the sandbox
//    serves at least 80% of the bare handler's requests per second. Between the two, the same
//    requests to the sandbox's work written plainly on Hummingbird (`PlainServer.swift`: swift-crypto,
//    Foundation's JSON coders, a set against replays), the peer for what the kit's pipeline costs
//    beyond the work itself. Each server's CPU per request is printed too (steadier than the rates).
// 2. `PrakerjaClient.redeemStatus` against a raw AsyncHTTPClient POST of pre-signed requests to
//    the same endpoint, sequentially. Target: the client's time per call at most 1.1x the raw call's.
// 3. `--count client|raw N`: instruction counts for callgrind (see below); `--count codec N`: N
//    times the sandbox's own JSON work for one status call (decode the request, encode the
//    answer), without a server, so callgrind (which cannot run NIO's threads here) can count it;
//    `--count concurrent N`: N client calls from 32 tasks at once, timed (calls per second): the
//    client keeps each host's exchanges on one event loop, which must not cost concurrent callers.
//    `--count pipeline N`: N signed status requests through the sandbox's routes in this process
//    (middleware, signature, state, JSON; no socket, no NIO thread), so callgrind can count the
//    request path; `--count bare N`: the same requests through the bare handler's router.
import AsyncHTTPClient
import BenchmarkSupport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PrakerjaClient
import PrakerjaModels
import PrakerjaSandbox
import PrakerjaSigning
import ServiceLifecycle

let runs = option("--runs", 3), seconds = option("--seconds", 5), connections = option("--connections", 32), calls = option("--calls", 3000)
let path = Operations.redeemStatus.path
let lp = try SandboxClient(role: .lp, code: "LPBENCH01", signKey: "lp-bench-sign-key-01")
/// Enough LPs that sequential client calls never repeat a signed request within a second.
let clientLPs = try (0..<600).map { try SandboxClient(role: .lp, code: String(format: "LPC%04d", $0), signKey: "lp-client-key-\($0)") }
let statusCalls: [(RedeemCode, AttendanceSequence)] = try [
    (RedeemCode("PRAT-TC1-001-200"), .session(1)), (RedeemCode("PRAT-TC1-999-200"), .postTest), (RedeemCode("PRAT-TC2-001-200"), .session(1)),
    (RedeemCode("PRAT-TC2-999-200"), .postTest), (RedeemCode("PRAT-TC2-999-200"), .session(3)),
]

/// A wrk script that sends the pre-signed requests in `file`, one per line: `timestamp signature nonce`.
func wrkScript(file: String) -> String {
    """
    local requests = {}
    local index = 0
    for line in io.lines("\(file)") do
      local ts, sig, nonce = line:match("(%S+) (%S+) (%S+)")
      local body = '{"redeem_code":"PRAT-TC1-001-200","sequence":1,"nonce":' .. nonce .. '}'
      requests[#requests + 1] = wrk.format("POST", "\(path)",
        {["Content-Type"] = "application/json", client_code = "\(lp.code)", timestamp = ts, signature = sig}, body)
    end
    request = function()
      index = index + 1
      return requests[(index - 1) % #requests + 1]
    end
    """
}

/// Writes `count` distinct signed requests (nonces from `first`), signed now.
func writeRequests(count: Int, first: Int, to file: String) throws {
    let signer = ProgramSignature(clientCode: lp.code, signKey: lp.signKey)
    let timestamp = String(Int(Date().timeIntervalSince1970))
    var text = ""
    text.reserveCapacity(count * 64)
    for nonce in first..<(first + count) {
        let body = #"{"redeem_code":"PRAT-TC1-001-200","sequence":1,"nonce":\#(nonce)}"#
        text += "\(timestamp) \(signer.signature(timestamp: timestamp, method: "POST", path: path, body: Array(body.utf8))) \(nonce)\n"
    }
    try text.write(toFile: file, atomically: true, encoding: .utf8)
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prakerja-sandbox-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

let configuration = SandboxConfiguration(port: 0, clients: [lp] + clientLPs)
/// Instruction counts: `--count client|raw N` makes N sequential calls (the client's, or raw
/// AsyncHTTPClient's with requests signed beforehand) against the sandbox in this process, untimed
/// and without wrk, for `valgrind --tool=callgrind` (the counts at N and at 0 differ by N calls:
/// the client's own cost is the difference between the two kinds).
let counting: (kind: String, calls: Int)? = CommandLine.arguments.firstIndex(of: "--count").flatMap { index in
    guard index + 2 < CommandLine.arguments.count, let calls = Int(CommandLine.arguments[index + 2]) else { return nil }
    return (CommandLine.arguments[index + 1], calls)
}

/// `count` requests for the raw client, each distinct (client code and body vary), signed at `signedAt`.
func rawRequests(_ count: Int, baseURL: String, signedAt: Int, round: Int) throws -> [HTTPClientRequest] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try (0..<count).map { index in
        let credentials = clientLPs[index % clientLPs.count]
        let (code, sequence) = statusCalls[(index / clientLPs.count + round) % statusCalls.count]
        let body = try encoder.encode(RedeemStatusRequest(redeemCode: code, sequence: sequence))
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        let signed = ProgramSignature(clientCode: credentials.code, signKey: credentials.signKey)
            .headers(timestamp: String(signedAt), method: "POST", path: path, body: body)
        for field in signed.fields { request.headers.add(name: field.name, value: field.value) }
        request.body = .bytes(ByteBuffer(data: body))
        return request
    }
}

if let (kind, count) = counting, kind == "codec" {
    let request = Array(#"{"redeem_code":"PRAT-TC1-001-200","sequence":1,"nonce":12345}"#.utf8)
    let answer = RedeemStatus(
        redeemCode: "PRAT-TC1-001-200", courseCode: "LPBENCH01-C1", invoiceCode: "INV-TEST-TC1-001-200", scheduleCode: "LPBENCH01-C1-A",
        status: .active, attendanceStatus: .notVerified, redeemAt: nil, dpPlatform: "DPSANDBOX01",
        scheduleStartEnd: "2026-12-01 09:00:00 - 2026-12-01 12:00:00", courseType: .webinar, courseTypeLabel: "Webinar",
        courseLearningMethod: "webinar", isOnlineAttendance: true, sequence: 1)
    var bytes = 0
    for _ in 0..<count {
        let decoded = try CompactJSONDecoder().decode(RedeemStatusRequest.self, from: request)
        bytes += try StreamingJSONEncoder().encode(SuccessEnvelope(message: "OK", data: answer)).count + decoded.redeemCode.value.utf8.count
    }
    print("codec: \(count) calls, \(bytes) bytes")
    exit(0)
}

if let (kind, count) = counting, kind == "pipeline" || kind == "bare" {
    let signer = ProgramSignature(clientCode: lp.code, signKey: lp.signKey)
    let timestamp = String(Int(Date().timeIntervalSince1970) - 10)
    /// A distinct status request (its nonce), signed as wrk's are, as the server would receive it.
    func request(_ nonce: Int) -> Request {
        let body = Array(#"{"redeem_code":"PRAT-TC1-001-200","sequence":1,"nonce":\#(nonce)}"#.utf8)
        var fields: HTTPFields = [.contentType: "application/json", .contentLength: String(body.count)]
        for field in signer.headers(timestamp: timestamp, method: "POST", path: path, body: body).fields {
            fields.append(HTTPField(name: HTTPField.Name(field.name)!, value: field.value))
        }
        return Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: path, headerFields: fields),
            body: RequestBody(buffer: ByteBuffer(bytes: body)))
    }
    let sandbox = InProcessResponder(Sandbox(configuration: configuration).router)
    let sample = try await sandbox.respond(to: request(-1))
    guard sample.status == .ok else { throw BenchmarkError("the sandbox answered \(sample.status): \(String(decoding: sample.body, as: UTF8.self))") }
    let responder = kind == "pipeline" ? sandbox : InProcessResponder(bareRouter(method: .post, path: path, response: sample.body))
    _ = try await responder.respond(to: request(-2))
    let requests = (0..<count).map(request)
    // Off the main actor, so the requests follow one another on one thread without a hop each.
    let (bytes, elapsed) = try await Task.detached {
        var bytes = 0
        let start = ContinuousClock.now
        for request in requests {
            let answer = try await responder.respond(to: request)
            guard answer.status == .ok else { throw BenchmarkError("answered \(answer.status)") }
            bytes += answer.body.count
        }
        return (bytes, ContinuousClock.now - start)
    }.value
    print(
        String(
            format: "%@: %d status requests answered in process, %d bytes, %.2f µs each", kind, count, bytes,
            elapsed / .microseconds(1) / Double(max(count, 1))))
    exit(0)
}

try await Sandbox.withRunning(configuration) { sandbox in
    if let (kind, count) = counting, kind == "concurrent" {
        let clients = clientLPs.map { sandbox.client(for: $0, retryPolicy: .never) }
        _ = try await clients[0].redeemStatus(code: statusCalls[0].0, sequence: statusCalls[0].1)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<32 {
                group.addTask {
                    for index in stride(from: task, to: count, by: 32) {
                        let (code, sequence) = statusCalls[(index / clientLPs.count + 2) % statusCalls.count]
                        _ = try await clients[index % clients.count].redeemStatus(code: code, sequence: sequence)
                    }
                }
            }
            try await group.waitForAll()
        }
        print("concurrent: \(count) calls in 32 tasks, \(Double(count) / ((ContinuousClock.now - start) / .seconds(1))) calls/s")
        return
    }
    if let (kind, count) = counting {
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: AsyncHTTPClientTransport.recommendedConfiguration)
        let clients = clientLPs.map { sandbox.client(for: $0, retryPolicy: .never) }
        // One call of each before counting, so connections and caches are made outside the count.
        _ = try await clients[0].redeemStatus(code: statusCalls[0].0, sequence: statusCalls[0].1)
        let raw = try rawRequests(count + 1, baseURL: sandbox.baseURL, signedAt: Int(Date().timeIntervalSince1970) - 10, round: 1)
        _ = try await http.execute(raw[count], timeout: .seconds(10)).body.collect(upTo: 1 << 20)
        for index in 0..<count {
            if kind == "client" {
                let (code, sequence) = statusCalls[(index / clientLPs.count + 2) % statusCalls.count]
                _ = try await clients[index % clients.count].redeemStatus(code: code, sequence: sequence)
            } else {
                _ = try await http.execute(raw[index], timeout: .seconds(10)).body.collect(upTo: 1 << 20)
            }
        }
        try await http.shutdown()
        return
    }
    // The bare handler answers with exactly what the sandbox answers.
    let sample = try await sandbox.client(for: lp, retryPolicy: .never).send(
        Operations.redeemStatus, RedeemStatusRequest(redeemCode: try RedeemCode("PRAT-TC1-001-200"), sequence: .session(1)))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let bareBody = Array(try encoder.encode(SuccessEnvelope(message: "OK", data: sample)))
    let plain = plainRouter(path: path, signKeys: [lp.code: lp.signKey], answers: [sample.redeemCode: sample])
    try await withServer(plain, port: 18_182) {
        try await withBareHandler(method: .post, path: path, port: 18_181, response: bareBody) {

            print("sandbox-benchmark: wrk -t1 -c\(connections) -d\(seconds)s, \(runs) runs each, alternating; median")
            var sandboxRates: [Double] = [], plainRates: [Double] = [], bareRates: [Double] = [], errors = 0
            var sandboxCPU: [Double] = [], plainCPU: [Double] = [], bareCPU: [Double] = []
            for run in 0..<runs {
                let file = directory.appendingPathComponent("requests-\(run).txt").path
                try writeRequests(count: 400_000, first: run * 400_000, to: file)
                let script = directory.appendingPathComponent("script-\(run).lua").path
                try wrkScript(file: file).write(toFile: script, atomically: true, encoding: .utf8)
                let measured = try wrk(url: sandbox.baseURL, script: script, connections: connections, seconds: seconds)
                let plain = try wrk(url: "http://127.0.0.1:18182", script: script, connections: connections, seconds: seconds)
                let bare = try wrk(url: "http://127.0.0.1:18181", script: script, connections: connections, seconds: seconds)
                errors += measured.errors + plain.errors
                sandboxRates.append(measured.rate)
                plainRates.append(plain.rate)
                bareRates.append(bare.rate)
                sandboxCPU.append(measured.cpuPerRequest / .microseconds(1))
                plainCPU.append(plain.cpuPerRequest / .microseconds(1))
                bareCPU.append(bare.cpuPerRequest / .microseconds(1))
                print(
                    String(
                        format: "  run %d: sandbox %6.0f req/s %5.1f µs CPU/req   plain %6.0f req/s %5.1f µs   bare handler %6.0f req/s %5.1f µs",
                        run + 1, measured.rate, sandboxCPU.last!, plain.rate, plainCPU.last!, bare.rate, bareCPU.last!))
            }
            // Runs alternate, so each run's ratio compares the servers under the same machine load.
            func ratio(_ server: [Double], _ peer: [Double]) -> Double { median(zip(server, peer).map { $0 / $1 }) * 100 }
            print(
                String(
                    format:
                        "redeem-code/status: sandbox %.0f req/s, the same work plainly %.0f req/s, bare Hummingbird %.0f req/s (medians); "
                        + "sandbox / bare %.0f%% (target at least 80%%), sandbox / plain %.0f%%%@",
                    median(sandboxRates), median(plainRates), median(bareRates), ratio(sandboxRates, bareRates), ratio(sandboxRates, plainRates),
                    errors > 0 ? " WARNING: \(errors) non-2xx" as NSString : "" as NSString))
            // Server CPU per request (this process, every server; wrk is another process): steadier than
            // the rates on a shared machine, and the rates' inverse ratio while the servers are CPU-bound.
            print(
                String(
                    format:
                        "server CPU per request: sandbox %.1f µs, plain %.1f µs, bare %.1f µs (medians); bare / sandbox %.0f%%, plain / sandbox %.0f%%",
                    median(sandboxCPU), median(plainCPU), median(bareCPU), ratio(bareCPU, sandboxCPU), ratio(plainCPU, sandboxCPU)))

            // The client's overhead over a raw AsyncHTTPClient call, sequentially, to the same sandbox endpoint.
            guard calls <= clientLPs.count * statusCalls.count else {
                throw BenchmarkError("--calls may be at most \(clientLPs.count * statusCalls.count): more would repeat a signed request (a replay)")
            }
            let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: AsyncHTTPClientTransport.recommendedConfiguration)
            let clients = clientLPs.map { sandbox.client(for: $0, retryPolicy: .never) }
            var clientTimes: [Double] = [], rawTimes: [Double] = []
            // Each run's raw requests carry a second of their own, before any the clients sign: read
            // from the clock per run, two runs a second apart could sign the same request (a replay).
            let signedAt = Int(Date().timeIntervalSince1970) - 10
            for run in 0..<runs {
                // Pre-signed raw requests, each distinct (client code and body vary), built before timing.
                let raw = try rawRequests(calls, baseURL: sandbox.baseURL, signedAt: signedAt - run, round: run)
                let rawStart = ContinuousClock.now
                for request in raw {
                    let response = try await http.execute(request, timeout: .seconds(10))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    guard response.status == .ok else { throw BenchmarkError("raw call answered \(response.status)") }
                }
                rawTimes.append((ContinuousClock.now - rawStart) / .seconds(1) / Double(calls))
                let clientStart = ContinuousClock.now
                for index in 0..<calls {
                    let (code, sequence) = statusCalls[(index / clientLPs.count + run + 1) % statusCalls.count]
                    _ = try await clients[index % clients.count].redeemStatus(code: code, sequence: sequence)
                }
                clientTimes.append((ContinuousClock.now - clientStart) / .seconds(1) / Double(calls))
                print(
                    String(
                        format: "  run %d: PrakerjaClient %.1f µs/call   raw AsyncHTTPClient %.1f µs/call", run + 1,
                        clientTimes.last! * 1e6, rawTimes.last! * 1e6))
            }
            try await http.shutdown()
            print(
                String(
                    format: "client overhead: %.1f µs/call vs %.1f µs/call raw (medians); median of per-run ratios %.2fx (target at most 1.1x)",
                    median(clientTimes) * 1e6, median(rawTimes) * 1e6, median(zip(clientTimes, rawTimes).map { $0 / $1 })))
        }
    }
}

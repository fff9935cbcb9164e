// The partner adapters under load, each next to a bare Hummingbird handler in the same run.
//
//   swift run -c release partner-benchmark [--runs 5] [--requests 5000] [--seconds 5] [--connections 32]
//
// 1. Job portal latency: sequential signed filtered searches (five dimensions and keywords, 20 per
//    page) over the reference portal's 6,000 vacancies on loopback, each timed from send to the
//    last body byte, and the same requests to a bare handler returning a page of the same size.
//    Target: p95 under 5 ms.
// 2. Payment throughput: wrk posts signed e-money top-ups (each with its own partnerReferenceNo and
//    X-EXTERNAL-ID, HMAC-SHA512 signed, bearer token) to the reference payment partner, with the
//    ledger, idempotency and replay guard on, and the same requests to a bare handler.
//    Target: at least 2,000 top-ups per second.
import AsyncHTTPClient
import BenchmarkSupport
import Foundation
import NIOCore
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import PrakerjaSigning

let runs = option("--runs", 5), requests = option("--requests", 5_000), seconds = option("--seconds", 5), connections = option("--connections", 32)
let http = HTTPClient(
    eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(timeout: .init(connect: .seconds(5), read: .seconds(30))))

// MARK: 1. Job portal search latency

/// Distinct realistic searches: every province with each job type, then combinations of the other dimensions.
func searches() -> [JobSearchFilter] {
    var filters: [JobSearchFilter] = []
    for province in Province.existing(in: 2021) {
        for type in [JobType.fullTime, .contract, .partTime] {
            filters.append(JobSearchFilter(locations: [try! RegionCode(province.code)], jobTypes: [type]))
        }
    }
    let industries = ["C", "G", "I", "J", "N"].map { try! Industry(section: $0) }
    for (index, industry) in industries.enumerated() {
        filters.append(
            JobSearchFilter(
                educations: [.sma, .d3], industries: [industry],
                salary: try! SalaryRange(minimum: Rupiah(Int64(3_000_000 + index * 500_000)), maximum: 8_000_000)))
        filters.append(JobSearchFilter(locations: [try! RegionCode("32"), try! RegionCode("31")], industries: [industry], keyword: "staf"))
    }
    filters.append(
        JobSearchFilter(
            locations: [try! RegionCode("33")], educations: [.smp, .sma], industries: [try! Industry(section: "C")],
            salary: try! SalaryRange(minimum: 3_000_000, maximum: 5_000_000), jobTypes: [.fullTime], keyword: "jahit"))
    filters.append(JobSearchFilter(keyword: "barista"))
    return filters
}

/// One fixed moment all search signatures count back from (never "now" again, or batches would overlap).
let anchor = Int(Date().timeIntervalSince1970) + 250

/// `count` distinct signed GETs: targets cycle, and each cycle is signed a second earlier than the
/// last, from `firstSecond` before the anchor (all inside the verifier's ±300 s window).
func signedSearches(_ targets: [String], count: Int, firstSecond: Int, base: String) -> [HTTPClientRequest] {
    let signer = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)
    return (0..<count).map { index in
        let target = targets[index % targets.count]
        var request = HTTPClientRequest(url: base + target)
        let timestamp = String(anchor - firstSecond - index / targets.count)
        for field in signer.headers(timestamp: timestamp, method: "GET", path: target, body: [UInt8]()).fields {
            request.headers.add(name: field.name, value: field.value)
        }
        return request
    }
}

/// Sends `batch` one after another; each request's time from send to the last byte, in milliseconds.
func timeSequentially(_ batch: [HTTPClientRequest]) async throws -> [Double] {
    var times: [Double] = []
    times.reserveCapacity(batch.count)
    for request in batch {
        let start = ContinuousClock.now
        let response = try await http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        guard response.status == .ok else { throw BenchmarkError("\(request.url) answered \(response.status): \(String(buffer: body))") }
        times.append((ContinuousClock.now - start) / .milliseconds(1))
    }
    return times
}

let portal = ReferenceJobPortal()
let filters = searches()
let targets = filters.map { ProgramSignedClient.target(JobPortalPaths.vacancies, query: VacancySearchQuery.items($0) + [("limit", "20")]) }
let perCycle = max(1, requests / targets.count + 1)
guard (runs + 1) * perCycle + 10 < 480 else {
    throw BenchmarkError("too many requests for distinct signatures inside the 300 s window; lower --requests or --runs")
}
try await HTTPServerRunner.withRunning(portal.router()) { portalURL in
    let sample = try await http.execute(signedSearches([targets[0]], count: 1, firstSecond: 490, base: portalURL)[0], timeout: .seconds(10))
    let sampleBody = Array(buffer: try await sample.body.collect(upTo: 1 << 22))
    try await withBareHandler(method: .get, path: JobPortalPaths.vacancies, port: 18_281, response: sampleBody) {
        print(
            "partner-benchmark: job portal, \(filters.count) distinct filtered searches over \(portal.store.vacancies.count) vacancies, "
                + "20 per page, \(requests) sequential requests per run, \(runs) runs; latency in ms")
        _ = try await timeSequentially(signedSearches(targets, count: min(500, requests), firstSecond: 0, base: portalURL))  // warm-up: seconds 0-4
        var portalP95: [Double] = [], bareP95: [Double] = []
        for run in 0..<runs {
            let first = (run + 1) * perCycle + 10
            let portalTimes = try await timeSequentially(signedSearches(targets, count: requests, firstSecond: first, base: portalURL))
            let bareTimes = try await timeSequentially(signedSearches(targets, count: requests, firstSecond: first, base: "http://127.0.0.1:18281"))
            portalP95.append(percentile(portalTimes, 0.95))
            bareP95.append(percentile(bareTimes, 0.95))
            print(
                String(
                    format: "  run %d: adapter p50 %.2f p95 %.2f p99 %.2f   bare handler p50 %.2f p95 %.2f p99 %.2f", run + 1,
                    percentile(portalTimes, 0.5), portalP95.last!, percentile(portalTimes, 0.99),
                    percentile(bareTimes, 0.5), bareP95.last!, percentile(bareTimes, 0.99)))
        }
        print(
            String(
                format: "job portal filtered search: p95 %.2f ms (median of runs; target under 5 ms), bare Hummingbird p95 %.2f ms",
                median(portalP95), median(bareP95)))
    }
}

// MARK: 2. Payment top-up throughput

/// Pre-signed top-ups for wrk.
enum TopUpLoad {
    /// The top-up body for a reference: prefix, reference, suffix; byte for byte what the wrk script sends.
    static let prefix = #"{"partnerReferenceNo":""#
    static let suffix =
        #"","customerNumber":"6281234567801","customerName":"Siti Rahmawati","amount":{"value":"600000.00","currency":"IDR"},"feeAmount":{"value":"0.00","currency":"IDR"},"transactionDate":"2026-11-29T10:00:00+07:00","notes":"Insentif Kartu Prakerja","additionalInfo":{"nik":"3273014508950001","incentiveMonth":1}}"#

    /// Writes `count` signed top-ups, one per line: `timestamp signature externalID reference`.
    static func write(count: Int, run: Int, token: String, to file: String) throws {
        let signer = SNAPSymmetricSignature(clientSecret: TestCredentials.clientSecret)
        let timestamp = SNAPTimestamp.format(Date())
        var text = ""
        text.reserveCapacity(count * 160)
        for index in 0..<count {
            let reference = "BENCH-\(run)-\(index)"
            let body = Array((prefix + reference + suffix).utf8)
            let signature = try signer.signature(
                method: "POST", path: PaymentPartnerAdapterPath.topUp, accessToken: token, body: body, timestamp: timestamp)
            text += "\(timestamp) \(signature) \(String(format: "%020d", run * 10_000_000 + index)) \(reference)\n"
        }
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }

    static func script(file: String, token: String) -> String {
        """
        local requests = {}
        local index = 0
        for line in io.lines("\(file)") do
          local ts, sig, ext, ref = line:match("(%S+) (%S+) (%S+) (%S+)")
          local body = '\(prefix)' .. ref .. '\(suffix)'
          requests[#requests + 1] = wrk.format("POST", "\(PaymentPartnerAdapterPath.topUp)",
            {["Content-Type"] = "application/json", ["Authorization"] = "Bearer \(token)", ["X-TIMESTAMP"] = ts, ["X-SIGNATURE"] = sig,
             ["X-PARTNER-ID"] = "\(TestCredentials.clientID)", ["X-EXTERNAL-ID"] = ext, ["CHANNEL-ID"] = "95221"}, body)
        end
        request = function()
          index = index + 1
          return requests[(index - 1) % #requests + 1]
        end
        """
    }
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prakerja-partner-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

let payment = ReferencePaymentPartner()
try await HTTPServerRunner.withRunning(payment.router()) { paymentURL in
    let program = ReferencePaymentPartner.programClient(baseURL: paymentURL)
    let token = try await program.accessToken()
    let sample = try await program.signedCall(
        path: PaymentPartnerAdapterPath.topUp, body: Array((TopUpLoad.prefix + "BENCH-SAMPLE" + TopUpLoad.suffix).utf8))
    guard sample.status == 200 else { throw BenchmarkError("the sample top-up answered \(sample.status)") }
    try await withBareHandler(method: .post, path: PaymentPartnerAdapterPath.topUp, port: 18_282, response: sample.body) {
        print(
            "partner-benchmark: payment, wrk -t1 -c\(connections) -d\(seconds)s, signed top-ups, each a new partnerReferenceNo and X-EXTERNAL-ID; \(runs) runs, alternating"
        )
        var rates: [Double] = [], bareRates: [Double] = [], errors = 0
        for run in 0..<runs {
            let file = directory.appendingPathComponent("topups-\(run).txt").path
            try TopUpLoad.write(count: 150_000, run: run, token: token, to: file)
            let script = directory.appendingPathComponent("topups-\(run).lua").path
            try TopUpLoad.script(file: file, token: token).write(toFile: script, atomically: true, encoding: .utf8)
            let measured = try wrk(url: paymentURL, script: script, connections: connections, seconds: seconds)
            rates.append(measured.rate)
            errors += measured.errors
            bareRates.append(try wrk(url: "http://127.0.0.1:18282", script: script, connections: connections, seconds: seconds).rate)
            print(
                String(
                    format: "  run %d: adapter %8.0f top-ups/s (%d non-2xx)   bare handler %8.0f req/s", run + 1, measured.rate, measured.errors,
                    bareRates.last!))
        }
        let credited = payment.ledger.credited(to: .eWallet(try PhoneNumber("081234567801")))
        print(
            String(
                format: "payment top-up: %.0f signed top-ups/s (median; target at least 2000), bare Hummingbird %.0f req/s; %@ credited%@",
                median(rates), median(bareRates), credited.description as NSString,
                errors > 0 ? " WARNING: \(errors) non-2xx" as NSString : "" as NSString))
    }
}
try await http.shutdown().get()

/// The adapter's top-up path.
enum PaymentPartnerAdapterPath {
    static let topUp = "/v1.0/emoney/topup"
}

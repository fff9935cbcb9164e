import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning

/// The groups every program-signed role shares: the contract's schemas and error form, the
/// scheme's security rules, negative data for the role's request bodies, and latency. Each role
/// supplies its contract's name, a cheap read to probe with, and a tour of its operations.
struct ProgramSignedChecks: Sendable {
    /// The role's check-id prefix (`job-portal`) and contract file.
    let prefix: String
    let contract: String
    /// The id prefix of the role's requirements (`JOB`, `Specs/requirements/job-portal.yaml`).
    let requirementPrefix: String
    /// A cheap signed read: the operation and its target.
    let probe: (operation: String, target: String)
    /// The n-th read for latency samples: distinct targets, so no two are the same signed request.
    let latencyTarget: @Sendable (Int) -> String
    /// One call of every operation, successes and refusals, for the spec checks.
    let tour: @Sendable (ProgramSignedProbe) async throws -> [ProbeAnswer]
    /// Valid bodies for the operations that take one, for negative data.
    let bodies: @Sendable (ProgramSignedProbe) async throws -> [(operation: String, target: String, body: JSONValue)]
    /// Reads with query parameters the contract forbids (out of range, wrong type, unknown value).
    let badQueries: [(operation: String, target: String)]
    /// Config inputs the tour and the bodies need.
    let inputs: [String]
    /// The requirement (without the role's prefix) that refusals carry no personal data.
    let refusalPrivacy: String
    /// Calls a real flow gets refused (a conflict, say), for the personal-data check of refusals.
    var refused: @Sendable (ProgramSignedProbe) async throws -> [ProbeAnswer] = { _ in [] }

    /// A definition in the role's suite, judging the requirements `requirements` (their ids
    /// without the role's prefix: `AUTH-01` is `JOB-AUTH-01` for the job portal).
    func define(
        _ id: String, _ title: String, requirements: [String], severity: Severity = .required, tags: [String], inputs: [String] = []
    ) -> CheckDefinition {
        let ids = requirements.map { "\(requirementPrefix)-\($0)" }
        return CheckDefinition(
            id: "\(prefix).\(id)", title: title, requirement: "\(contract): \(ids.joined(separator: ", "))", severity: severity, tags: tags,
            inputs: inputs, requirements: ids)
    }

    var specGroup: CheckGroup {
        let tour = tour
        return CheckGroup(
            id: "\(prefix).spec", title: "Spec conformance",
            checks: [
                Check(
                    define(
                        "spec.response-schema", "Every response matches the contract's schema for its status", requirements: ["SPEC-01"],
                        tags: ["spec"], inputs: inputs),
                    judgesTheRun: true
                ) { context in
                    // The run's tour, its exchanges this check's evidence; then every answer the
                    // other checks got (a later page, another course's detail, a refusal).
                    let toured = try await Self.sharedTour(tour, try ProgramSignedProbe(context)).adopted(by: context)
                    return toured.judgedAgainstSchemas(of: context.contract, alsoFinding: context.contract.problemsWithAnswersSeen(in: context))
                },
                Check(
                    define(
                        "spec.unknown-parameter-refused",
                        "An unknown query parameter is refused with 400 invalid_parameter naming it, on every operation",
                        requirements: ["SPEC-02"], tags: ["spec", "negative"], inputs: inputs)
                ) { context in
                    let signed = try ProgramSignedProbe(context)
                    let reads = try await Self.reads(tour, signed, probe: probe)
                    var findings: [Finding] = []
                    // `colour=blue` on every read; on the first, also `colour` with no value, a cache
                    // buster (`_=...`: no name is skipped for its first character) and a declared
                    // parameter's name in another case (`Limit`): names are compared exactly.
                    var probes = reads.map { (read: $0, name: "colour", pair: "colour=blue") }
                    if let first = reads.first {
                        probes.append((first, "colour", "colour="))
                        probes.append((first, "_", "_=\(Int(Date().timeIntervalSince1970))"))
                        let operation = try signed.operation(first.operation)
                        if let (name, schema) = operation.queryParameters.first, let initial = name.first, initial.isLowercase {
                            let other = initial.uppercased() + name.dropFirst()
                            probes.append((first, other, "\(other)=\(Self.acceptedValue(schema))"))
                        }
                    }
                    for (read, name, pair) in probes {
                        let target = RequestTarget.appending(pair, to: read.target)
                        let answer = try await signed.call(read.operation, target, body: read.body)
                        findings += context.contract.problems(with: answer.response, of: answer.operation, exchange: answer.exchange)
                        let error = answer.json?["error"]
                        let code = answer.roleErrorCode ?? "no error code"
                        let named = [error?["field"], error?["message"]].contains {
                            if case .string(let text)? = $0 { text.contains(name) } else { false }
                        }
                        let location = "\(read.operation): \(target)"
                        if answer.status != 400 {
                            findings.append(
                                answer.finding(
                                    "an unknown parameter was not refused", location: location, expected: "HTTP 400", actual: "HTTP \(answer.status)")
                            )
                        } else if code != "invalid_parameter" {
                            findings.append(
                                answer.finding(
                                    "refused, but not as an invalid parameter", location: location, expected: "invalid_parameter", actual: code))
                        } else if !named {
                            findings.append(
                                answer.finding(
                                    "refused without naming the parameter", location: location, expected: "field or message naming \(name)",
                                    actual: error.map(\.serialized) ?? "no error object"))
                        }
                    }
                    return .judge(
                        findings,
                        pass:
                            "refused with 400 invalid_parameter naming it on \(reads.count) reads, later pages included, and without a value, as a cache buster (`_`) or in another case"
                    ) {
                        _ in
                        findings.summary
                    }
                },
                Check(
                    define(
                        "spec.unknown-route-refused",
                        "An unknown path (outside the API too, a known one with a slash more or in upper case), or a known path with another method, is 404 not_found in the error form",
                        requirements: ["SPEC-04"], tags: ["spec", "negative"])
                ) { [probe, tour] context in
                    let signed = try ProgramSignedProbe(context)
                    let known = try signed.operation(probe.operation)
                    let path = known.template.split(separator: "/").prefix(1).joined(separator: "/")
                    let unknownPath = "/\(path)/no-such-resource-\(context.runToken.prefix(8))/deeper"
                    var probes: [(method: String, target: String, what: String)] = [("GET", unknownPath, "an unknown path")]
                    // Another method on the probe's read and on every operation the tour reached.
                    let reads: [(operation: String, target: String)] =
                        [probe] + (try await Self.reads(tour, signed, probe: probe)).map { ($0.operation, $0.target) }
                    for read in reads {
                        let template = try signed.operation(read.operation).template
                        if let method = ["DELETE", "PUT", "PATCH"].first(where: { method in
                            !context.contract.operations.contains { $0.method == method && $0.matches(read.target) }
                        }), !probes.contains(where: { $0.what == "\(method) on \(template)" }) {
                            probes.append((method, read.target, "\(method) on \(template)"))
                        }
                    }
                    // A path outside the API's prefix (a web server's own page answers it), and the
                    // probe's path with a slash more or in upper case: paths are compared exactly.
                    probes.append(("GET", "/no-such-prefix-\(context.runToken.prefix(8))", "a path outside the API"))
                    let (probePath, query) = RequestTarget.split(probe.target)
                    probes.append((known.method, probePath + "/" + query, "\(known.template) with a trailing slash"))
                    if probePath.uppercased() != probePath {
                        probes.append((known.method, probePath.uppercased() + query, "\(known.template) in upper case"))
                    }
                    var findings: [Finding] = []
                    for (method, target, what) in probes {
                        let headers = await signed.signer.headers(method: method, path: target, body: []).fields
                        let answer = try await ProbeAnswer.send(
                            TransportRequest(method: method, url: context.config.baseURL + target, headers: headers, body: []),
                            as: known, in: context)
                        let code = answer.roleErrorCode ?? "no error code in the contract's form"
                        if answer.status != 404 || code != "not_found" {
                            findings.append(
                                answer.finding(
                                    "\(what) was answered HTTP \(answer.status), \(code)", location: "\(method) \(target)",
                                    expected: "HTTP 404, not_found", actual: "HTTP \(answer.status), \(code)"))
                        }
                    }
                    return .judge(findings, pass: probes.map(\.what).joined(separator: ", ") + ": each 404 not_found") { _ in findings.summary }
                },
            ])
    }

    /// Calls made once for the run and shared by every check that needs them, with the exchanges
    /// they made: checks running at once would otherwise send the same requests together, and a
    /// signer makes a repeated request unique only by waiting for the next second.
    struct SharedCalls: Sendable {
        let answers: [ProbeAnswer]
        let exchanges: [HTTPExchange]

        /// The answers, their exchanges appended to the running check's evidence.
        func adopted(by context: CheckContext) -> [ProbeAnswer] {
            let offset = context.nextExchange
            for exchange in exchanges { ExchangeLog.current?.append(exchange) }
            return answers.map { $0.recorded(at: $0.exchange + offset) }
        }
    }

    /// The calls `make` makes, made once per run under `key`.
    static func shared(
        _ key: String, _ signed: ProgramSignedProbe, _ make: @escaping @Sendable (ProgramSignedProbe) async throws -> [ProbeAnswer]
    ) async throws -> SharedCalls {
        try await signed.context.once(key) {
            let (answers, exchanges) = try await ExchangeLog.recording { try await make(signed) }
            return SharedCalls(answers: answers, exchanges: exchanges)
        }
    }

    /// The run's tour.
    static func sharedTour(
        _ tour: @escaping @Sendable (ProgramSignedProbe) async throws -> [ProbeAnswer], _ signed: ProgramSignedProbe
    ) async throws -> SharedCalls {
        try await shared("program-signed-tour", signed, tour)
    }

    /// The first successful call of each operation the tour makes, and the next page of each
    /// paged one, or the probe's read when none succeeded: what the checks that try every
    /// operation try.
    static func reads(
        _ tour: @escaping @Sendable (ProgramSignedProbe) async throws -> [ProbeAnswer], _ signed: ProgramSignedProbe,
        probe: (operation: String, target: String)
    ) async throws -> [(operation: String, target: String, body: [UInt8])] {
        let baseURL = signed.context.config.baseURL
        let accepted = try await sharedTour(tour, signed).answers.firstAccepted
        var reads = accepted.map {
            (operation: $0.operation.id, target: String($0.request.url.dropFirst(baseURL.count)), body: $0.request.body)
        }
        // A later page of each paged read: a rule kept on the first page only is a rule broken.
        for answer in accepted where answer.operation.queryParameters.contains(where: { $0.name == "cursor" }) {
            guard case .string(let cursor)? = answer.json?["nextCursor"] else { continue }
            let target = String(answer.request.url.dropFirst(baseURL.count))
            let encoded = ProgramSignedClient.percentEncoded(cursor)
            reads.append((answer.operation.id, RequestTarget.appending("cursor=\(encoded)", to: target), []))
        }
        return reads.isEmpty ? [(probe.operation, probe.target, [])] : reads
    }

    /// Every group, in report order, with the role's own groups after spec and security.
    func groups(_ roleGroups: [CheckGroup]) -> [CheckGroup] {
        [specGroup, securityGroup, TLSChecks.group(prefix: prefix)] + roleGroups + [negativeGroup, refusalsGroup, latencyGroup]
    }

    var securityGroup: CheckGroup {
        let probe = probe, tour = tour, latencyTarget = latencyTarget
        /// A finding unless `answer` is 401 with the error `code`.
        @Sendable func refusal(_ answer: ProbeAnswer, _ what: String, code: String) -> Finding? {
            let got = answer.roleErrorCode ?? "no error code"
            guard answer.status != 401 || got != code else { return nil }
            return answer.finding(
                "\(what) was answered HTTP \(answer.status), \(got)", expected: "HTTP 401, \(code)", actual: "HTTP \(answer.status), \(got)")
        }
        @Sendable func refused(
            _ context: CheckContext, _ what: String, code: String, _ tamperings: [ProgramSignedProbe.Tampering],
            sent: [(target: String, tampering: ProgramSignedProbe.Tampering)] = []
        ) async throws -> CheckOutcome {
            let signed = try ProgramSignedProbe(context)
            var findings: [Finding] = []
            for (target, tampering) in tamperings.map({ (probe.target, $0) }) + sent {
                let answer = try await signed.call(probe.operation, target, tampering: tampering)
                if let finding = refusal(answer, what, code: code) { findings.append(finding) }
            }
            return .judge(findings, pass: "\(what) was refused with HTTP 401, \(code)") { _ in findings.summary }
        }
        return CheckGroup(
            id: "\(prefix).security", title: "Security",
            checks: [
                Check(
                    define(
                        "security.unauthenticated-refused", "A call missing any of the program's signature headers is refused",
                        requirements: ["AUTH-01"], tags: ["security"])
                ) { context in
                    // Each header missing on the probe's read; all three missing on every operation.
                    let signed = try ProgramSignedProbe(context)
                    var findings: [Finding] = []
                    for header in [ProgramSignature.clientCodeHeader, ProgramSignature.timestampHeader, ProgramSignature.signatureHeader] {
                        let answer = try await signed.call(probe.operation, probe.target, tampering: .init(without: header))
                        if let finding = refusal(answer, "a call without \(header)", code: "unauthenticated") { findings.append(finding) }
                    }
                    // Every read the tour had accepted, every operation it called and was refused, and
                    // one thing that does not exist of every GET of one thing: a missing signature is
                    // refused before anything is looked up.
                    var reads = try await Self.reads(tour, signed, probe: probe)
                    let baseURL = context.config.baseURL
                    for answer in try await Self.sharedTour(tour, signed).answers.firstOfEachOperation
                    where !reads.contains(where: { $0.operation == answer.operation.id }) {
                        reads.append((answer.operation.id, String(answer.request.url.dropFirst(baseURL.count)), answer.request.body))
                    }
                    for operation in context.contract.operations where operation.method == "GET" {
                        if let nothing = operation.pathOfNothing(token: context.runToken) { reads.append((operation.id, nothing, [])) }
                    }
                    for read in reads {
                        let answer = try await signed.call(read.operation, read.target, body: read.body, tampering: .init(unauthenticated: true))
                        if var finding = refusal(answer, "\(read.operation) without any signature header", code: "unauthenticated") {
                            finding.location = "\(read.operation): \(read.target)"
                            findings.append(finding)
                        }
                    }
                    return .judge(
                        findings, pass: "a call missing any signature header was refused with HTTP 401, unauthenticated, on \(reads.count) calls"
                    ) {
                        _ in findings.summary
                    }
                },
                Check(
                    define(
                        "security.bad-signature-refused",
                        "A call with a forged signature, or one wrong in its last digit or in upper-case hex, is refused",
                        requirements: ["AUTH-02"], tags: ["security"])
                ) { context in
                    // Forged; right but for its last digit; over everything but the timestamp; over the
                    // path without the query that was sent; over the query decoded where it was
                    // sent percent-encoded (`limit=%31` signed as `limit=1`).
                    let path = probe.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? probe.target
                    let encoded = ProgramSignedProbe.encodingFirstQueryValue(probe.target)
                    return try await refused(
                        context,
                        "a call with a forged signature, one wrong in its last digit, the right one in upper-case hex, one leaving out the timestamp or the body sent, one over the path without its query, or one over the decoded query",
                        code: "invalid_signature",
                        [
                            // The body is signed byte for byte as sent: one the signature leaves out is tampering.
                            // (This one and the upper-case one stamped when no other call is, so that
                            // neither is the signature or spelling of a call the partner has already seen.)
                            .init(timestamp: Date().addingTimeInterval(-155), unsignedBody: Array(#"{"tampered":true}"#.utf8)),
                            .init(signature: String(repeating: "0f", count: 20)), .init(lastDigitChanged: true),
                            .init(timestamp: Date().addingTimeInterval(-150), upperCased: true),
                            .init(signedTimestamp: ""),
                        ]
                            + (path == probe.target ? [] : [.init(signedTarget: path)]),
                        sent: encoded.map { [($0, .init(signedTarget: probe.target))] } ?? [])
                },
                Check(
                    define(
                        "security.stale-timestamp-refused",
                        "A call correctly signed just over 300 s ago, 10 minutes ago, or 310 s ahead of the clock, or stamped in milliseconds, is refused",
                        requirements: ["AUTH-03"],
                        tags: ["security"])
                ) { context in
                    // A timestamp is Unix seconds: now in milliseconds is a time thousands of years ahead.
                    try await refused(
                        context, "a call correctly signed 310 s or 600 s ago, or 310 s ahead, or stamped now in milliseconds",
                        code: "stale_timestamp",
                        [-310.0, -600, 310, 4_294_967_296].map { .init(timestamp: Date().addingTimeInterval($0)) } + [.init(inMilliseconds: true)])
                },
                Check(
                    define(
                        "security.replayed-request-refused",
                        "The same signed call sent twice is refused the second time, on every operation, whatever the first answer was",
                        requirements: ["AUTH-04"], tags: ["security"], inputs: inputs)
                ) { [tour, latencyTarget] context in
                    // Each operation's accepted call of the run's tour, sent again exactly as it was.
                    let signed = try ProgramSignedProbe(context)
                    let accepted = try await Self.sharedTour(tour, signed).answers.firstAccepted
                    guard let first = accepted.first else { throw CheckError.partner("no call of the tour was accepted, so none could be replayed") }
                    var findings: [Finding] = []
                    for original in accepted {
                        let replay = try await ProbeAnswer.send(original.request, as: original.operation, in: context)
                        if let finding = refusal(replay, "the replay of \(original.operation.id)", code: "replayed") { findings.append(finding) }
                    }
                    // A partner must remember what it accepted for the whole window, not the last
                    // few requests: the first call again, after a dozen others. Targets past the
                    // latency check's samples, so the two never send one request at once.
                    // And by the call's timestamp, not by when it arrived: a call signed 200 s ago is
                    // inside the window, so a memory that drops signatures by their age (a minute,
                    // say) must not have dropped it.
                    let aged = try await signed.call(
                        probe.operation, latencyTarget(Self.agedReplaySample),
                        tampering: .init(timestamp: Date().addingTimeInterval(-Self.agedReplaySeconds)))
                    guard aged.status < 300 else {
                        throw CheckError.partner(
                            "a call correctly signed \(Int(Self.agedReplaySeconds)) s ago (inside the 300 s window) was answered HTTP \(aged.status)")
                    }
                    for sample in 0..<12 { _ = try await signed.call(probe.operation, latencyTarget(sample + 30)) }
                    let late = try await ProbeAnswer.send(first.request, as: first.operation, in: context)
                    if let finding = refusal(late, "the replay of the first call after a dozen others", code: "replayed") { findings.append(finding) }
                    let agedAgain = try await ProbeAnswer.send(aged.request, as: aged.operation, in: context)
                    if let finding = refusal(agedAgain, "the replay of a call signed \(Int(Self.agedReplaySeconds)) s ago", code: "replayed") {
                        findings.append(finding)
                    }
                    // Nor by the newest timestamp it has seen: a call signed 250 s ahead (inside the
                    // window) must not push out one signed 100 s ago. That one closes its
                    // connection, so its replay comes on another (a memory per connection is none).
                    let (olderOperation, unclosed) = try await signed.request(
                        probe.operation, latencyTarget(Self.agedReplaySample + 2), tampering: .init(timestamp: Date().addingTimeInterval(-100)))
                    var olderRequest = unclosed
                    olderRequest.headers.append(("Connection", "close"))
                    let older = try await ProbeAnswer.send(olderRequest, as: olderOperation, in: context)
                    let ahead = try await signed.call(
                        probe.operation, latencyTarget(Self.agedReplaySample + 3), tampering: .init(timestamp: Date().addingTimeInterval(250)))
                    if older.status < 300, ahead.status < 300 {
                        let again = try await ProbeAnswer.send(older.request, as: older.operation, in: context)
                        if let finding = refusal(again, "the replay of a call signed 100 s ago, after one signed 250 s ahead", code: "replayed") {
                            findings.append(finding)
                        }
                    } else {
                        let refused = older.status < 300 ? ahead : older
                        findings.append(
                            refused.finding(
                                "a call correctly signed inside the window was refused", location: probe.operation,
                                expected: "HTTP 2xx (signed 100 s ago, or 250 s ahead)", actual: "HTTP \(refused.status)"))
                    }
                    // And at once: copies of one new call sent together are answered once (a
                    // memory checked and then written without a lock answers each).
                    let (operation, request) = try await signed.request(
                        probe.operation, latencyTarget(Self.agedReplaySample + 4), tampering: .init(timestamp: Date().addingTimeInterval(-30)))
                    let copies = try await withThrowingTaskGroup(of: ProbeAnswer.self) { group in
                        for _ in 0..<Self.simultaneousCopies { group.addTask { try await ProbeAnswer.send(request, as: operation, in: context) } }
                        return try await group.reduce(into: [ProbeAnswer]()) { $0.append($1) }
                    }
                    let answered = copies.filter { $0.status < 300 }
                    if answered.count > 1 {
                        findings.append(
                            answered[1].finding(
                                "\(answered.count) of \(copies.count) copies of one call, sent together, were answered",
                                location: probe.operation, expected: "one answered, the others HTTP 401, replayed",
                                actual: "\(answered.count) answered HTTP 2xx"))
                    }
                    // Whatever the first answer was: a call refused (an unknown parameter; a thing
                    // that does not exist) is remembered too, or its replay is answered again.
                    var refusedOnce = [
                        (
                            try await signed.call(
                                probe.operation, RequestTarget.appending("colour=blue", to: latencyTarget(Self.agedReplaySample + 5))),
                            "a call refused for an unknown parameter"
                        )
                    ]
                    if let detail = context.contract.operations.first(where: { $0.method == "GET" && $0.template.contains("{") }),
                        let target = detail.pathOfNothing(token: context.runToken)
                    {
                        refusedOnce.append((try await signed.call(detail.id, target), "a call for a \(detail.template) that does not exist"))
                    }
                    for (first, what) in refusedOnce where (400..<500).contains(first.status) && first.status != 401 {
                        let again = try await ProbeAnswer.send(first.request, as: first.operation, in: context)
                        if let finding = refusal(again, "the replay of \(what) (HTTP \(first.status) the first time)", code: "replayed") {
                            findings.append(finding)
                        }
                    }
                    return .judge(
                        findings,
                        pass:
                            "the replay was refused with HTTP 401, replayed, on \(accepted.count) operations, of a call signed 200 s ago, of one signed before a call stamped ahead, of \(Self.simultaneousCopies) copies sent together, and of calls refused the first time"
                    ) { _ in
                        findings.summary
                    }
                },
                Check(
                    define(
                        "security.replay-remembered-for-the-window",
                        "A signed call sent again limits.replayWaitSeconds (65 s) and 300 other calls after the original, its timestamp still inside the window, is refused",
                        requirements: ["AUTH-04"], tags: ["security", Selection.slowTag])
                ) { [latencyTarget] context in
                    // A memory kept for a while after each call arrived (a cache with a minute's
                    // expiry) is no memory for the window: the original is stamped so that, when
                    // it is sent again after the wait, its timestamp is about 200 s old.
                    let signed = try ProgramSignedProbe(context)
                    let wait = context.config.replayWait
                    let stamped = Date().addingTimeInterval(-max(0, Self.agedReplaySeconds - wait.milliseconds / 1000))
                    let original = try await signed.call(
                        probe.operation, latencyTarget(Self.agedReplaySample + 1), tampering: .init(timestamp: stamped))
                    guard original.status < 300 else {
                        throw CheckError.partner("the original call, correctly signed, was answered HTTP \(original.status)")
                    }
                    // Meanwhile, other calls: a memory of the last few hundred signatures is no
                    // memory for the window either. Each is distinct by its target and timestamp.
                    let resume = ContinuousClock.now + wait
                    // (Targets past the ones the other replay probes stamp in the past, so no filler
                    // is ever one of their calls.)
                    for filler in 0..<Self.callsDuringTheWait where ContinuousClock.now < resume {
                        let stampedAt = Date().addingTimeInterval(-Double(120 + filler / 40 * 7))
                        _ = try await signed.call(probe.operation, latencyTarget(10 + filler % 40), tampering: .init(timestamp: stampedAt))
                    }
                    try await Task.sleep(until: resume)
                    let again = try await ProbeAnswer.send(original.request, as: original.operation, in: context)
                    let what =
                        "the replay of a call \(Int(wait.milliseconds / 1000)) s and \(Self.callsDuringTheWait) other calls after the original (its timestamp \(Int(Date().timeIntervalSince(stamped))) s old)"
                    let findings = [refusal(again, what, code: "replayed")].compactMap { $0 }
                    return .judge(findings, pass: "\(what) was refused with HTTP 401, replayed") { _ in findings.summary }
                },
            ])
    }

    var negativeGroup: CheckGroup {
        let bodies = bodies, badQueries = badQueries, tour = tour, probe = probe
        return CheckGroup(
            id: "\(prefix).negative", title: "Negative data",
            checks: [
                Check(
                    define(
                        "negative.invalid-payloads-refused",
                        "Query parameters, path parameters and bodies that break the contract get 4xx, never 2xx or 5xx; an unissued cursor or text that is no UTF-8 never 5xx",
                        requirements: ["SPEC-03"], tags: ["negative", "spec"], inputs: inputs)
                ) { context in
                    let signed = try ProgramSignedProbe(context)
                    var findings: [Finding] = []
                    var queries = 0, sent = 0
                    // The role's own forbidden reads, then one broken parameter at a time on each
                    // operation's successful call (its bounds, values and lengths, from the contract).
                    var forbidden = badQueries, unissued: [(operation: String, target: String, what: String)] = []
                    for read in try await Self.reads(tour, signed, probe: probe) where read.body.isEmpty {
                        let operation = try signed.operation(read.operation)
                        forbidden += context.contract.negativeQueries(for: operation, valid: read.target).map { (read.operation, $0.target) }
                        forbidden += context.contract.negativePaths(for: operation, valid: read.target).map { (read.operation, $0.target) }
                        if operation.queryParameters.contains(where: { $0.name == "cursor" }) {
                            unissued +=
                                (Self.unissuedCursors.map { RequestTarget.appending("cursor=\($0)", to: read.target) }
                                + Self.tamperedCursors(in: read.target))
                                .map { (read.operation, $0, "a cursor the partner never issued") }
                        }
                        // Bytes that are no UTF-8 text in a text parameter: refused or read somehow, never a failure.
                        for (name, schema) in operation.queryParameters where schema["type"]?.text == "string" && name != "cursor" {
                            unissued.append(
                                (read.operation, RequestTarget.setting(name, to: "%FF", in: read.target), "a parameter of bytes that are no UTF-8"))
                        }
                        // A parameter given twice (the contracts refuse it rather than pick one).
                        if let query = read.target.split(separator: "?", maxSplits: 1).dropFirst().first,
                            let first = query.split(separator: "&").first
                        {
                            forbidden.append((read.operation, "\(read.target)&\(first)"))
                        }
                    }
                    // Each target once: the same signed request again would wait for the next second.
                    var targets: Set<String> = []
                    forbidden = forbidden.filter { targets.insert($0.target).inserted }
                    unissued = unissued.filter { targets.insert($0.target).inserted }
                    for (operationID, target) in forbidden {
                        let answer = try await signed.call(operationID, target)
                        queries += 1
                        if !(400..<500).contains(answer.status) {
                            findings.append(
                                answer.finding(
                                    "a forbidden query was not refused", location: target, expected: "HTTP 4xx", actual: "HTTP \(answer.status)"))
                        }
                    }
                    // A cursor the partner never issued, or text that is no UTF-8: refused, or even
                    // answered, but never a failure.
                    for (operationID, target, what) in unissued {
                        let answer = try await signed.call(operationID, target)
                        queries += 1
                        if answer.status >= 500 {
                            findings.append(
                                answer.finding(
                                    "\(what) made it fail", location: target, expected: "HTTP 400 invalid_parameter", actual: "HTTP \(answer.status)")
                            )
                        }
                    }
                    for (operationID, target, valid) in try await bodies(signed) {
                        for payload in context.contract.negativePayloads(for: try signed.operation(operationID), from: valid, limit: 80) {
                            let answer = try await signed.call(operationID, target, body: Array(payload.body.serialized.utf8))
                            sent += 1
                            guard !(400..<500).contains(answer.status) else { continue }
                            findings.append(
                                answer.finding(
                                    answer.status >= 500 ? "an invalid body made the partner fail" : "an invalid body was accepted",
                                    location: "\(operationID): \(payload.description)", expected: "HTTP 4xx", actual: "HTTP \(answer.status)"))
                        }
                    }
                    guard queries + sent > 0 else { return .notApplicable("the contract has no parameters or request bodies to break") }
                    let tried = [(queries, "forbidden queries and paths"), (sent, "invalid bodies")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
                        .joined(separator: " and ")
                    return .judge(findings, pass: "\(tried), each refused with 4xx") { "\($0) of \(tried) not refused" }
                }
            ])
    }

    /// A value `schema` (a query parameter's) accepts: its enumeration's first value, an integer
    /// inside its bounds, or a word.
    static func acceptedValue(_ schema: JSONValue) -> String {
        if case .array(let values)? = schema["enum"], case .string(let first)? = values.first { return ProgramSignedClient.percentEncoded(first) }
        if schema["type"]?.text == "integer" { return String(Contract.valueInRange(schema)) }
        return "x"
    }

    /// How old the timestamp of a replay the replay checks send is: well inside the 300 s window,
    /// well past a memory that drops signatures a minute after their timestamp.
    static let agedReplaySeconds = 200.0
    /// The latency target of the replay checks' own originals (past the dozen the replay check
    /// sends); the next few are the replay checks' other originals.
    static let agedReplaySample = 50
    /// How many copies of one new call the replay check sends together.
    static let simultaneousCopies = 5
    /// How many other calls the slow replay check sends while it waits, at most (forty targets
    /// of the latency samples at eight timestamps each).
    static let callsDuringTheWait = 300

    /// Cursors no partner issued, each already percent-encoded: words, base64 of JSON, a
    /// negative and an oversized offset, SQL, an emoji.
    static let unissuedCursors = ["not-a-cursor", "eyJ4IjoxfQ", "-1", "99999999999999999999", "%27%20OR%201%3D1--", "%F0%9F%92%A5"]

    /// `target` with the cursor it carries (one the partner issued, on a later page's read)
    /// tampered with: its digits as letters, its last character gone, a character more, doubled.
    /// Each looks like the partner's own, so a partner that parses before it validates fails on it.
    static func tamperedCursors(in target: String) -> [String] {
        guard let range = target.range(of: "cursor=") else { return [] }
        let rest = target[range.upperBound...]
        let end = rest.firstIndex(of: "&") ?? rest.endIndex
        guard let issued = String(rest[..<end]).removingPercentEncoding, issued.count > 1 else { return [] }
        let variants = [
            String(issued.map { $0.isNumber ? "x" : $0 }), String(issued.dropLast()), issued + "~", issued + issued,
        ]
        return variants.filter { $0 != issued }.map { variant in
            target[..<range.upperBound] + (ProgramSignedClient.percentEncoded(variant)) + rest[end...]
        }
    }

    var latencyGroup: CheckGroup {
        let probe = probe, latencyTarget = latencyTarget
        return CheckGroup(
            id: "\(prefix).latency", title: "Latency",
            checks: [
                Check(
                    define(
                        "latency.objective", "Reads meet the latency objective (p50 and p95), on every read operation",
                        requirements: ["PERF-01"], severity: .recommended, tags: ["latency"])
                ) { [tour] context in
                    let signed = try ProgramSignedProbe(context)
                    var samples: [String: [Double]] = [:]
                    for sample in 0..<context.config.latency.samples {
                        let answer = try await signed.call(probe.operation, latencyTarget(sample))
                        samples[probe.operation, default: []].append(context.exchanges[answer.exchange].milliseconds)
                    }
                    // Every other read the tour reached, as many times: an operation slow on its own
                    // (a detail that loads its reviews one by one) is no quicker for the list being
                    // quick. Each sample signed at another second, 41 s back and earlier, so that
                    // none is a replay of another.
                    for read in try await Self.reads(tour, signed, probe: probe)
                    where read.body.isEmpty && read.operation != probe.operation && samples[read.operation] == nil {
                        for sample in 0..<context.config.latency.samples {
                            let answer = try await signed.call(
                                read.operation, read.target, tampering: .init(timestamp: Date().addingTimeInterval(-Double(41 + sample))))
                            samples[read.operation, default: []].append(context.exchanges[answer.exchange].milliseconds)
                        }
                    }
                    return Latency.judge(samples, objective: context.config.latency)
                }
            ])
    }
}

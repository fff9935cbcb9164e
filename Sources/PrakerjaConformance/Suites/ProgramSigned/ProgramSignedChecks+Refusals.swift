import PrakerjaModels

extension ProgramSignedChecks {
    /// Refusals are where personal data leaks ("applicant 4001… already applied"): the tour's
    /// refusals, the role's refused flows (a conflict), an unknown parameter and one broken path
    /// and query parameter on each read and a few broken bodies on each operation that takes one, each searched for
    /// e-mail addresses, phone numbers and NIK or card numbers.
    var refusalsGroup: CheckGroup {
        let tour = tour, probe = probe, bodies = bodies, refused = refused
        return CheckGroup(
            id: "\(prefix).refusals", title: "Refusals",
            checks: [
                Check(
                    define(
                        "refusals.no-personal-data", "No refusal carries personal data: an e-mail address, a phone number, a NIK or card number",
                        requirements: [refusalPrivacy], tags: ["privacy", "negative"], inputs: inputs)
                ) { context in
                    let signed = try ProgramSignedProbe(context)
                    var answers = try await Self.sharedTour(tour, signed).adopted(by: context).filter { $0.status >= 400 }
                    answers += try await refused(signed)
                    // Other targets than the unknown-parameter and negative checks send, in another
                    // order: the same signed request from two checks at once would wait for the
                    // next second, and two checks in step would wait at every call.
                    for read in try await Self.reads(tour, signed, probe: probe).reversed() where read.body.isEmpty {
                        let operation = try signed.operation(read.operation)
                        let unknown = RequestTarget.appending("flavour=vanilla", to: read.target)
                        let broken =
                            [unknown] + context.contract.negativePaths(for: operation, valid: read.target).suffix(1).map(\.target)
                            + context.contract.negativeQueries(for: operation, valid: read.target).suffix(1).map(\.target)
                            + Self.carryingPersonalData(read.target, operation)
                        for target in broken { answers.append(try await signed.call(read.operation, target)) }
                    }
                    for (operationID, target, valid) in try await bodies(signed) {
                        for payload in context.contract.negativePayloads(for: try signed.operation(operationID), from: valid, limit: 6) {
                            answers.append(try await signed.call(operationID, target, body: Array(payload.body.serialized.utf8)))
                        }
                    }
                    // A refusal may name what it refuses, never what a person is: the values the
                    // kit sent (a NIK as a code, an e-mail as a filter) must not come back.
                    let refusals = answers.filter { $0.status >= 400 }
                    var findings: [Finding] = []
                    for answer in refusals {
                        for match in PersonalDataInText.matches(in: String(decoding: answer.response.body, as: UTF8.self)) {
                            findings.append(
                                answer.finding(
                                    "a refusal carries a \(match.what)", location: "\(answer.operation.id): HTTP \(answer.status)",
                                    expected: "no personal data", actual: match.masked))
                        }
                    }
                    guard !refusals.isEmpty else { return .notApplicable("no call was refused") }
                    return .judge(Array(findings.prefix(20)), pass: "\(refusals.count) refusals, none with personal data") { _ in
                        "\(findings.count) pieces of personal data in refusals"
                    }
                }
            ])
    }

    /// `target` (a read of `operation`) with its first path parameter a NIK, and then an
    /// e-mail address; with a query parameter (a text one where there is one) an e-mail
    /// address; and with an unknown parameter `nik` a NIK: values a partner refuses, whose
    /// refusals must not repeat them.
    static func carryingPersonalData(_ target: String, _ operation: ContractOperation) -> [String] {
        let (path, query) = RequestTarget.split(target)
        var targets: [String] = []
        let template = operation.template.split(separator: "/", omittingEmptySubsequences: false)
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.count == template.count, let index = template.firstIndex(where: { $0.hasPrefix("{") }) {
            for value in ["3273014508950001", "budi.santoso%40example.id"] {
                segments[index] = value
                targets.append(segments.joined(separator: "/") + query)
            }
        }
        // A text parameter where there is one (a filter), or else the first.
        let text = operation.queryParameters.first { $0.schema["type"]?.text == "string" && $0.name != "cursor" }
        if let (name, _) = text ?? operation.queryParameters.first {
            targets.append(RequestTarget.setting(name, to: "budi.santoso%40example.id", in: target))
        }
        targets.append(RequestTarget.appending("nik=3273014508950001", to: target))
        return targets
    }
}

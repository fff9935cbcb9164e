import PrakerjaClient
import PrakerjaModels

/// One response a suite got, parsed where it is JSON, with the operation it answered and the
/// index of its exchange in the check's evidence.
struct ProbeAnswer: Sendable {
    let operation: ContractOperation
    /// What was sent.
    let request: TransportRequest
    let response: TransportResponse
    let json: JSONValue?
    let exchange: Int

    var status: Int { response.status }

    func text(_ key: String) -> String? { if case .string(let text)? = json?[key] { text } else { nil } }

    /// A role API refusal's `error.code` (`invalid_parameter`), if it has one.
    var roleErrorCode: String? { if case .string(let code)? = json?["error"]?["code"] { code } else { nil } }

    /// The same answer, its exchange at `index` of another evidence.
    func recorded(at index: Int) -> ProbeAnswer {
        ProbeAnswer(operation: operation, request: request, response: response, json: json, exchange: index)
    }

    /// A finding about this answer.
    func finding(_ message: String, location: String? = nil, expected: String? = nil, actual: String? = nil) -> Finding {
        Finding(message, location: location ?? "\(operation.method) \(operation.template)", expected: expected, actual: actual, exchange: exchange)
    }

    /// Sends `request` through the run's transport as the answer to `operation`. A transport
    /// failure propagates: the runner classifies it (too large is the partner's, the rest transient).
    static func send(_ request: TransportRequest, as operation: ContractOperation, in context: CheckContext) async throws -> ProbeAnswer {
        let exchange = context.nextExchange
        let response = try await context.transport.send(request, timeout: context.config.limits.requestTimeout)
        return ProbeAnswer(
            operation: operation, request: request, response: response, json: try? JSONValue.parse(response.body), exchange: exchange)
    }
}

extension [ProbeAnswer] {
    /// The first successful call of each operation: where the checks that probe every operation start from.
    var firstAccepted: [ProbeAnswer] {
        filter { (200..<300).contains($0.status) }.firstOfEachOperation
    }

    /// The first call of each operation, whatever its answer: where a check that must hold
    /// before anything is looked up (a missing signature) starts from.
    var firstOfEachOperation: [ProbeAnswer] {
        var seen: Set<String> = []
        return filter { seen.insert($0.operation.id).inserted }
    }

    /// Every answer against the contract's schema for its operation and status: the
    /// `spec.response-schema` check of every suite.
    /// - Parameter seen: what else the run found against the schemas (the other checks' answers).
    func judgedAgainstSchemas(of contract: Contract, alsoFinding seen: [Finding] = []) -> CheckOutcome {
        let findings = flatMap { contract.problems(with: $0.response, of: $0.operation, exchange: $0.exchange) } + seen
        return .judge(
            findings,
            pass: "\(count) responses over \(Set(map(\.operation.id)).count) operations match the contract"
                + (seen.isEmpty ? ", and so does every other answer of the run" : "")
        ) {
            "\($0) differences from the contract's schemas"
        }
    }
}

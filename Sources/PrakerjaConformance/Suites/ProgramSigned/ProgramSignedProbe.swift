import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning

/// How the suites of the roles that verify the program's header scheme (training provider,
/// digital platform, job portal) call a partner: signed by the kit, so a check can send exactly
/// the wrong thing (no signature, a forged one, a stale timestamp, a replay).
struct ProgramSignedProbe: Sendable {
    let context: CheckContext
    let signer: UniqueProgramSigner
    let scheme: ProgramSignature
    /// The typed clients' HTTP layer, on the run's transport.
    let http: ProgramSignedClient

    init(_ context: CheckContext) throws {
        guard case .program(let clientCode, let signKey) = context.config.credentials else {
            throw CheckError.kit("this suite needs the program's credentials (clientCode, signKey)")
        }
        self.context = context
        self.scheme = ProgramSignature(clientCode: clientCode, signKey: signKey)
        // One signer for the run, sharing what it sent with every client of this partner in the
        // process (a monitoring sweep's, the demo's next step): no two are one signed request (a replay).
        self.signer = context.shared("program-signer") {
            UniqueProgramSigner(clientCode: clientCode, signKey: signKey, destination: context.config.baseURL)
        }
        let signer = signer
        self.http = context.shared("program-signed-client") {
            ProgramSignedClient(
                baseURL: context.config.baseURL, signer: signer, transport: context.transport, timeout: context.config.limits.requestTimeout)
        }
    }

    /// What a check may change about a signed call.
    struct Tampering: Sendable, Equatable {
        var timestamp: Date?
        var signature: String?
        /// Leave out all three headers of the scheme.
        var unauthenticated = false
        /// Leave out this one header of the scheme (the others right).
        var without: String?
        /// The right signature with its last hex digit changed: half a signature is no signature.
        var lastDigitChanged = false
        /// Sign this target (a path without the query sent, say) but send the call's.
        var signedTarget: String?
        /// Sign this timestamp text (the empty one: a signature that leaves the timestamp out) but send the current one.
        var signedTimestamp: String?
        /// The right signature in upper-case hex (the scheme's one spelling is lower case).
        var upperCased = false
        /// The timestamp in milliseconds (13 digits), signed as sent: a millisecond clock's value.
        var inMilliseconds = false
        /// A body sent that the signature leaves out (it is signed over the call's own body).
        var unsignedBody: [UInt8]?
    }

    func operation(_ id: String) throws -> ContractOperation {
        guard let operation = context.contract.operation(id: id) else { throw CheckError.kit("the contract has no operation \(id)") }
        return operation
    }

    /// A signed call of `operationID` at `target` (path and query, as sent and signed).
    func call(_ operationID: String, _ target: String, body: [UInt8] = [], tampering: Tampering = Tampering()) async throws -> ProbeAnswer {
        let (operation, request) = try await request(operationID, target, body: body, tampering: tampering)
        return try await ProbeAnswer.send(request, as: operation, in: context)
    }

    /// The call `call` sends, not sent.
    func request(
        _ operationID: String, _ target: String, body: [UInt8] = [], tampering: Tampering = Tampering()
    ) async throws -> (ContractOperation, TransportRequest) {
        let operation = try operation(operationID)
        var headers =
            if tampering != Tampering() {
                scheme.headers(
                    timestamp: String(Int64((tampering.timestamp ?? Date()).timeIntervalSince1970 * (tampering.inMilliseconds ? 1000 : 1))),
                    method: operation.method,
                    path: tampering.signedTarget ?? target,
                    body: body
                ).fields
            } else {
                await signer.headers(method: operation.method, path: target, body: body).fields
            }
        if let signature = tampering.signature {
            headers = headers.map { $0.name == ProgramSignature.signatureHeader ? ($0.name, signature) : $0 }
        }
        if let signedTimestamp = tampering.signedTimestamp {
            let signature = scheme.signature(timestamp: signedTimestamp, method: operation.method, path: tampering.signedTarget ?? target, body: body)
            headers = headers.map { $0.name == ProgramSignature.signatureHeader ? ($0.name, signature) : $0 }
        }
        if tampering.lastDigitChanged {
            headers = headers.map { header in
                guard header.name == ProgramSignature.signatureHeader, let last = header.value.last else { return header }
                return (header.name, header.value.dropLast() + (last == "0" ? "1" : "0"))
            }
        }
        if tampering.upperCased {
            headers = headers.map { $0.name == ProgramSignature.signatureHeader ? ($0.name, $0.value.uppercased()) : $0 }
        }
        if let without = tampering.without { headers.removeAll { $0.name == without } }
        if tampering.unauthenticated {
            let scheme = [ProgramSignature.clientCodeHeader, ProgramSignature.timestampHeader, ProgramSignature.signatureHeader]
            headers.removeAll { scheme.contains($0.name) }
        }
        return (
            operation,
            TransportRequest(method: operation.method, url: context.config.baseURL + target, headers: headers, body: tampering.unsignedBody ?? body)
        )
    }

    /// The answer's body as `Value`, or the partner's fault naming what is wrong.
    func decode<Value: Decodable>(_ type: Value.Type, _ answer: ProbeAnswer) throws -> Value {
        do { return try ProgramSignedClient.decode(answer.response) } catch {
            throw CheckError.partner("\(answer.operation.id): \(error)")
        }
    }

    /// `target` with the first character of its first query value percent-encoded (`limit=1` as
    /// `limit=%31`): the same request to a partner that decodes before it reads, another target
    /// to one that verifies what was sent. Nil when there is no such character.
    static func encodingFirstQueryValue(_ target: String) -> String? {
        guard let query = target.firstIndex(of: "?"), let equals = target[query...].firstIndex(of: "=") else { return nil }
        let position = target.index(after: equals)
        guard position < target.endIndex, let byte = target[position].asciiValue, target[position] != "%", target[position] != "&" else { return nil }
        return target[..<position] + String(format: "%%%02X", byte) + target[target.index(after: position)...]
    }

    /// `path?query`, encoded as the typed clients encode it.
    static func target(_ path: String, _ query: [(String, String?)] = []) -> String { ProgramSignedClient.target(path, query: query) }
}

import Foundation
import PrakerjaModels
import PrakerjaSigning
import Synchronization

/// One call the sandbox received, as `GET /_sandbox/log` shows it. Bodies have personal data masked.
public struct SandboxLogEntry: Codable, Sendable, Hashable {
    public let id: Int
    /// When the call arrived, ISO-8601 in Jakarta time with milliseconds.
    public let time: String
    public let clientCode: String?
    public let method: String
    public let path: String
    /// `valid`, `invalid: <reason>`, or `not checked` (browser pages and hooks are not signed).
    public let signature: String
    public let status: Int
    /// `success`, or the program's error code.
    public let outcome: String
    public let requestBody: String
    public let responseBody: String
    public let durationMs: Double

    enum CodingKeys: String, CodingKey {
        case id, time, clientCode = "client_code", method, path, signature, status, outcome
        case requestBody = "request_body", responseBody = "response_body", durationMs = "duration_ms"
    }

    /// `client_code` is required and nullable.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(time, forKey: .time)
        try c.encode(clientCode, forKey: .clientCode)
        try c.encode(method, forKey: .method)
        try c.encode(path, forKey: .path)
        try c.encode(signature, forKey: .signature)
        try c.encode(status, forKey: .status)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(requestBody, forKey: .requestBody)
        try c.encode(responseBody, forKey: .responseBody)
        try c.encode(durationMs, forKey: .durationMs)
    }
}

/// The sandbox's record of every call, bounded: the oldest entries go first.
final class CallLog: Sendable {
    private let state: Mutex<(entries: [SandboxLogEntry], nextID: Int)>
    let capacity: Int
    /// Bodies are cut to this many bytes in the log.
    static let bodyLimit = 64 << 10

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        state = Mutex(([], 1))
    }

    func record(clientCode: String?, method: String, path: String, signature: String, status: Int, outcome: String,
                requestBody: [UInt8], responseBody: [UInt8], duration: Duration) {
        let request = Self.redacted(requestBody), response = Self.redacted(responseBody)
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        let time = Self.timestamp(Date())
        state.withLock { state in
            state.entries.append(SandboxLogEntry(
                id: state.nextID, time: time, clientCode: clientCode, method: method, path: path, signature: signature,
                status: status, outcome: outcome, requestBody: request, responseBody: response, durationMs: milliseconds))
            state.nextID += 1
            if state.entries.count > capacity { state.entries.removeFirst(state.entries.count - capacity) }
        }
    }

    /// Entries after `id`, from `clientCode` when given, oldest first.
    func entries(after id: Int = 0, clientCode: String? = nil) -> [SandboxLogEntry] {
        state.withLock { $0.entries }.filter { $0.id > id && (clientCode == nil || $0.clientCode == clientCode) }
    }

    private static func redacted(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(bodyLimit), as: UTF8.self)
        return PersonalDataRedactor.redactJSON(text) + (body.count > bodyLimit ? "…(\(body.count) bytes)" : "")
    }

    private static func timestamp(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).truncatingRemainder(dividingBy: 1000))
        let whole = SNAPTimestamp.format(date)
        return whole.replacingOccurrences(of: "+07:00", with: String(format: ".%03d+07:00", milliseconds))
    }
}

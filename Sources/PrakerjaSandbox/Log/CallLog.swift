import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning
import Synchronization

/// The sandbox's record of every call, bounded: the oldest entries go first.
///
/// Calls are stored as received and masked when read, so recording costs a copy and nothing more
/// on the request path; what leaves the sandbox (`GET /_sandbox/log`) is always masked.
final class CallLog: Sendable {
    private struct Raw: Sendable {
        let id: Int
        let date: Date
        let clientCode: String?
        let method: String
        let path: String
        let signature: String
        let status: Int
        let outcome: String
        let requestBody: [UInt8]
        let requestBytes: Int
        let responseBody: [UInt8]
        let responseBytes: Int
        let tolerated: [SandboxLogEntry.Tolerance]
        let duration: Duration
    }

    /// A ring of the last `capacity` calls.
    private let state: Mutex<(ring: [Raw], next: Int, nextID: Int)>
    let capacity: Int
    /// Bodies are cut to this many bytes in the log.
    static let bodyLimit = 64 << 10

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        state = Mutex(([], 0, 1))
    }

    func record(
        clientCode: String?, method: String, path: String, signature: String, status: Int, outcome: String,
        requestBody: [UInt8], responseBody: [UInt8], tolerated: [SandboxLogEntry.Tolerance] = [], duration: Duration
    ) {
        let date = Date()
        let request = requestBody.count > Self.bodyLimit ? Array(requestBody.prefix(Self.bodyLimit)) : requestBody
        let response = responseBody.count > Self.bodyLimit ? Array(responseBody.prefix(Self.bodyLimit)) : responseBody
        state.withLock { state in
            let raw = Raw(
                id: state.nextID, date: date, clientCode: clientCode, method: method, path: path, signature: signature,
                status: status, outcome: outcome, requestBody: request, requestBytes: requestBody.count,
                responseBody: response, responseBytes: responseBody.count, tolerated: tolerated, duration: duration)
            if state.ring.count < capacity {
                state.ring.append(raw)
            } else {
                state.ring[state.next] = raw
            }
            state.next = (state.next + 1) % capacity
            state.nextID += 1
        }
    }

    /// Entries after `id`, from `clientCode` when given, oldest first, with personal data masked.
    func entries(after id: Int = 0, clientCode: String? = nil) -> [SandboxLogEntry] {
        let raws = state.withLock { state in
            state.ring.count < capacity ? state.ring : Array(state.ring[state.next...] + state.ring[..<state.next])
        }
        return raws.filter { $0.id > id && (clientCode == nil || $0.clientCode == clientCode) }.map { raw in
            let milliseconds = Double(raw.duration.components.seconds) * 1000 + Double(raw.duration.components.attoseconds) / 1e15
            return SandboxLogEntry(
                id: raw.id, time: Self.timestamp(raw.date), clientCode: raw.clientCode, method: raw.method, path: raw.path,
                signature: raw.signature, status: raw.status, outcome: raw.outcome,
                requestBody: Self.redacted(raw.requestBody, total: raw.requestBytes),
                responseBody: Self.redacted(raw.responseBody, total: raw.responseBytes), durationMs: milliseconds,
                tolerated: raw.tolerated)
        }
    }

    private static func redacted(_ body: [UInt8], total: Int) -> String {
        PersonalDataRedactor.redactJSON(String(decoding: body, as: UTF8.self)) + (total > body.count ? "…(\(total) bytes)" : "")
    }

    private static func timestamp(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).truncatingRemainder(dividingBy: 1000))
        return SNAPTimestamp.format(date).replacingOccurrences(of: "+07:00", with: String(format: ".%03d+07:00", milliseconds))
    }
}

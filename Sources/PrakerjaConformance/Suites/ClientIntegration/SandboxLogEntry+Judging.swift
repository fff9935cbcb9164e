import Foundation
import PrakerjaClient
import PrakerjaModels

/// What the client-integration suite reads of a sandbox log entry.
extension SandboxLogEntry {
    /// The operation: the path after `/api/v1/integration/` (`payment/redeem-code/status`).
    package var operation: String {
        path.components(separatedBy: "/api/v1/integration/").last ?? path
    }

    /// When it arrived.
    package var date: Date? { (try? Timestamp(time))?.date }

    /// A top-level field of the request body, as text.
    package func field(_ name: String) -> String? {
        guard let body = try? JSONValue.parse(Array(requestBody.utf8)) else { return nil }
        switch body[name] {
        case .string(let text)?: return text
        case .number(let text)?: return text
        default: return nil
        }
    }

    /// Whether the program answered the call with success.
    package var accepted: Bool { outcome == "success" }

    /// The attendance sequence a status call was about: the one it sent, or, for a call without
    /// one (the 2022 form), the one the program answered for.
    package var sequence: String? {
        if let sent = field("sequence") { return sent }
        guard accepted, case .number(let answered)? = (try? JSONValue.parse(Array(responseBody.utf8)))?["data"]?["sequence"] else { return nil }
        return answered
    }

    /// Reads a log: the JSON array `GET /_sandbox/log` answers.
    package static func log(from data: Data) throws -> [SandboxLogEntry] {
        try JSONDecoder().decode([SandboxLogEntry].self, from: data)
    }
}

import Foundation

/// One call the sandbox received, as `GET /_sandbox/log` shows it (`Specs/prakerja-integration.openapi.yaml`):
/// the sandbox writes these, and the conformance kit judges a partner's client by them. Bodies have personal
/// data masked. Kit-internal: an LP reads the log as JSON.
package struct SandboxLogEntry: Codable, Sendable, Hashable {
    package init(
        id: Int, time: String, clientCode: String?, method: String, path: String, signature: String, status: Int, outcome: String,
        requestBody: String, responseBody: String, durationMs: Double = 0, tolerated: [Tolerance] = []
    ) {
        self.id = id
        self.time = time
        self.clientCode = clientCode
        self.method = method
        self.path = path
        self.signature = signature
        self.status = status
        self.outcome = outcome
        self.requestBody = requestBody
        self.responseBody = responseBody
        self.durationMs = durationMs
        self.tolerated = tolerated
    }

    /// Something the sandbox accepted, as the program does, that the API's documented form does
    /// not: the call went through, and the LP is told what to fix.
    package struct Tolerance: Codable, Sendable, Hashable {
        /// A stable name: `body-signed-compact`, `timestamp-ahead`, `sequence-missing`.
        package let code: String
        package let detail: String
        package let fix: String

        package init(code: String, detail: String, fix: String) {
            self.code = code
            self.detail = detail
            self.fix = fix
        }
    }

    package let id: Int
    /// When the call arrived, ISO-8601 in Jakarta time with milliseconds.
    package let time: String
    package let clientCode: String?
    package let method: String
    package let path: String
    /// `valid`, `invalid: <reason>`, or `not checked` (browser pages and hooks are not signed).
    package let signature: String
    package let status: Int
    /// `success`, or the program's error code.
    package let outcome: String
    package let requestBody: String
    package let responseBody: String
    package let durationMs: Double
    /// What the sandbox tolerated to accept the call; empty when it met the documented form.
    package let tolerated: [Tolerance]

    enum CodingKeys: String, CodingKey {
        case id, time, clientCode = "client_code", method, path, signature, status, outcome
        case requestBody = "request_body", responseBody = "response_body", durationMs = "duration_ms", tolerated
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(Int.self, forKey: .id), time: try c.decode(String.self, forKey: .time),
            clientCode: try c.decodeIfPresent(String.self, forKey: .clientCode), method: try c.decode(String.self, forKey: .method),
            path: try c.decode(String.self, forKey: .path), signature: try c.decode(String.self, forKey: .signature),
            status: try c.decode(Int.self, forKey: .status), outcome: try c.decode(String.self, forKey: .outcome),
            requestBody: try c.decode(String.self, forKey: .requestBody), responseBody: try c.decode(String.self, forKey: .responseBody),
            durationMs: try c.decode(Double.self, forKey: .durationMs),
            // Logs saved before tolerances were recorded have none.
            tolerated: try c.decodeIfPresent([Tolerance].self, forKey: .tolerated) ?? [])
    }

    /// `client_code` is required and nullable.
    package func encode(to encoder: any Encoder) throws {
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
        try c.encode(tolerated, forKey: .tolerated)
    }
}

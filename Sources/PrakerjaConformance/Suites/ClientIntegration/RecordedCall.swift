import Foundation
import PrakerjaModels

/// One call the sandbox recorded (`GET /_sandbox/log`, `Specs/prakerja-integration.openapi.yaml`):
/// what the client-integration suite judges a partner's client by.
public struct RecordedCall: Codable, Sendable, Hashable {
    public let id: Int
    public let time: String
    public let clientCode: String?
    public let method: String
    public let path: String
    /// `valid`, `invalid: <reason>`, or `not checked` (browser pages and hooks).
    public let signature: String
    public let status: Int
    /// `success`, or the program's error code.
    public let outcome: String
    public let requestBody: String
    public let responseBody: String

    enum CodingKeys: String, CodingKey {
        case id, time, clientCode = "client_code", method, path, signature, status, outcome
        case requestBody = "request_body", responseBody = "response_body"
    }

    public init(id: Int, time: String, clientCode: String?, method: String, path: String, signature: String, status: Int, outcome: String,
                requestBody: String, responseBody: String) {
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
    }

    /// The operation: the path after `/api/v1/integration/` (`payment/redeem-code/status`).
    public var operation: String {
        path.components(separatedBy: "/api/v1/integration/").last ?? path
    }

    /// When it arrived.
    public var date: Date? { (try? Timestamp(time))?.date }

    /// A top-level field of the request body, as text.
    public func field(_ name: String) -> String? {
        guard let body = try? JSONValue.parse(Array(requestBody.utf8)) else { return nil }
        switch body[name] {
        case .string(let text)?: return text
        case .number(let text)?: return text
        default: return nil
        }
    }

    /// Reads a log: the JSON array `GET /_sandbox/log` answers.
    public static func log(from data: Data) throws -> [RecordedCall] {
        try JSONDecoder().decode([RecordedCall].self, from: data)
    }
}

/// The program's success envelope: `{"success":true,"message":"...","data":{...}}`.
public struct SuccessEnvelope<Payload: Codable & Sendable>: Codable, Sendable {
    public let success: Bool
    public let message: String
    public let data: Payload

    public init(message: String, data: Payload) {
        self.success = true
        self.message = message
        self.data = data
    }
}

/// The program's error envelope: `{"success":false,"code":"ERRPLT40036","message":"..."}`.
///
/// `code` is kept as a string so codes this SDK does not know yet still decode.
public struct ErrorEnvelope: Codable, Sendable, Hashable {
    public let success: Bool
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.success = false
        self.code = code
        self.message = message
    }
}

/// Just the discriminator, to choose which envelope to decode.
struct EnvelopeKind: Decodable {
    let success: Bool
}

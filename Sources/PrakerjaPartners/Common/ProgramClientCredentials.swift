/// The program's credentials at a partner that verifies the program's header scheme: the
/// `client_code` it sends and the `sign_key` both sides hold.
public struct ProgramClientCredentials: Sendable, Hashable {
    public let clientCode: String
    public let signKey: String

    public init(clientCode: String, signKey: String) {
        self.clientCode = clientCode
        self.signKey = signKey
    }
}

import PrakerjaClient
import PrakerjaSigning

/// The program's typed client of a role API it signs its calls to (training provider, digital
/// platform, job portal): a thin layer over `ProgramSignedClient`.
public protocol ProgramSignedRoleClient: Sendable {
    /// The HTTP layer: the signer, the transport and the partner's base URL.
    var http: ProgramSignedClient { get }

    /// A client over an existing HTTP layer (its signer and transport).
    init(http: ProgramSignedClient)
}

extension ProgramSignedRoleClient {
    /// A client of the partner at `baseURL`, signing as the program with `credentials`.
    public init(
        baseURL: String, credentials: ProgramClientCredentials, transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared,
        clock: SigningClock = .system, timeout: Duration = .seconds(15)
    ) {
        self.init(http: ProgramSignedClient(baseURL: baseURL, credentials: credentials, transport: transport, clock: clock, timeout: timeout))
    }
}

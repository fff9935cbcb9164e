import PrakerjaPartners

extension ProgramSignedClient {
    /// The program's signed client for the partner `config` describes (program credentials), over
    /// the kit's transport (its host lock, rate limit, time and size bounds, trusted roots).
    package static func forPartner(_ config: PartnerConfig) throws(CheckError) -> ProgramSignedClient {
        guard case .program(let code, let key) = config.credentials else {
            throw CheckError.kit("\(config.name) needs program credentials (clientCode, signKey)")
        }
        return ProgramSignedClient(
            baseURL: config.baseURL, credentials: ProgramClientCredentials(clientCode: code, signKey: key),
            transport: ProbeTransport(config: config), timeout: config.limits.requestTimeout)
    }
}

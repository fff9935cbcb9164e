import PrakerjaClient

extension PrakerjaAPIError {
    /// The code of a role API's refusal (training provider, digital platform, job portal), if it is one the contract lists.
    public var roleCode: RoleErrorCode? { code.flatMap(RoleErrorCode.init(rawValue:)) }

    /// The code of a payment partner's refusal, if it is a SNAP response code.
    public var snapCode: SNAPResponseCode? { code.flatMap(SNAPResponseCode.init) }
}

import HTTPTypes
import PrakerjaSigning

/// The signature schemes' header names, once, as HTTP field names.
extension HTTPField.Name {
    /// The program's scheme: `client_code`, `timestamp`, `signature`.
    package static let programClientCode = HTTPField.Name(ProgramSignature.clientCodeHeader)!
    package static let programTimestamp = HTTPField.Name(ProgramSignature.timestampHeader)!
    package static let programSignature = HTTPField.Name(ProgramSignature.signatureHeader)!

    /// SNAP BI: `X-TIMESTAMP`, `X-SIGNATURE`, `X-CLIENT-KEY`, `X-PARTNER-ID`, `X-EXTERNAL-ID`, `CHANNEL-ID`.
    package static let snapTimestamp = HTTPField.Name(SNAPSymmetricSignature.timestampHeader)!
    package static let snapSignature = HTTPField.Name(SNAPSymmetricSignature.signatureHeader)!
    package static let snapClientKey = HTTPField.Name(SNAPAsymmetricSignature.clientKeyHeader)!
    package static let snapPartnerID = HTTPField.Name(SNAPSymmetricSignature.partnerIDHeader)!
    package static let snapExternalID = HTTPField.Name(SNAPSymmetricSignature.externalIDHeader)!
    package static let snapChannelID = HTTPField.Name(SNAPSymmetricSignature.channelIDHeader)!

    /// The sandbox's note of what it tolerated to accept a call (`body-signed-compact, timestamp-ahead`).
    package static let sandboxTolerated = HTTPField.Name("X-Sandbox-Tolerated")!
}

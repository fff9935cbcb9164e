import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// A throwaway certificate authority, made fresh in memory, and the server certificates it (or
/// nobody) issues: the demo serves a partner over https with it, and the TLS tests make sound and
/// broken endpoints with it. Never trusted beyond the run that made it.
public struct DemoCertificateAuthority: Sendable {
    let key = P256.Signing.PrivateKey()
    public let certificate: Certificate

    public init() throws {
        let name = try DistinguishedName { CommonName("Prakerja partner kit demo CA") }
        certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: Date().addingTimeInterval(-3_600), notValidAfter: Date().addingTimeInterval(86_400 * 3_650),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: .init(key))
    }

    /// The CA certificate, PEM: what a config's `tls.trustRoots` holds.
    public var pem: String { try! certificate.serializeAsPEM().pemString }

    /// A server's TLS configuration: a certificate for `names` valid over `days` (relative to
    /// now), issued by this CA or, with `selfSigned`, by itself; the TLS versions it accepts.
    public func server(
        names: [GeneralName] = [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))],
        days: ClosedRange<Double> = -1...365, selfSigned: Bool = false,
        versions: (TLSVersion, TLSVersion) = (.tlsv12, .tlsv13)
    ) throws -> TLSConfiguration {
        let leafKey = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName("reference partner") }
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(leafKey.publicKey),
            notValidBefore: Date().addingTimeInterval(days.lowerBound * 86_400 - 60),
            notValidAfter: Date().addingTimeInterval(days.upperBound * 86_400),
            issuer: selfSigned ? subject : certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                SubjectAlternativeNames(names)
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: .init(selfSigned ? leafKey : key))
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(try leaf.serializeAsPEM().pemString.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(leafKey.pemRepresentation.utf8), format: .pem)))
        configuration.minimumTLSVersion = versions.0
        configuration.maximumTLSVersion = versions.1
        return configuration
    }
}

import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import X509

/// What TLS handshakes with a partner showed: the version it negotiates, whether it still accepts
/// TLS 1.1 or older, its certificate, and whether that certificate verifies for the partner's
/// host against the trusted roots (the system's, plus the config's `tls.trustRoots`).
public struct TLSFacts: Sendable {
    public let host: String
    public let port: Int
    /// The version a client offering TLS 1.0 to 1.3 gets (`TLS 1.3`).
    public let negotiatedVersion: String
    public let negotiatesCurrentVersion: Bool
    /// Whether a client offering only TLS 1.0 and 1.1 still gets a session.
    public let acceptsLegacyVersions: Bool
    /// Why the certificate did not verify (chain and host name), or nil when it did.
    public let verificationProblem: String?
    public let subject: String
    public let issuer: String
    public let alternativeNames: [String]
    public let notValidBefore: Date
    public let notValidAfter: Date
    public let signatureAlgorithm: String

    /// The facts as evidence lines.
    public var lines: [String] {
        let dates = ISO8601DateFormatter()
        return [
            "\(host):\(port) negotiates \(negotiatedVersion)",
            "TLS 1.1 or older: \(acceptsLegacyVersions ? "accepted" : "refused")",
            "certificate subject \(subject), issued by \(issuer)",
            "names \(alternativeNames.isEmpty ? "(no subject alternative names)" : alternativeNames.joined(separator: ", "))",
            "valid \(dates.string(from: notValidBefore)) to \(dates.string(from: notValidAfter)), signed \(signatureAlgorithm)",
            "verification: \(verificationProblem ?? "the chain and the host name verify")",
        ]
    }
}

/// Handshakes with a partner to learn its TLS facts. Nothing is sent after the handshake.
/// Failures are `CheckError`s: the kit's own set-up, a network fault (transient), or a partner
/// whose endpoint does not complete a TLS handshake at all.
enum TLSInspection {
    /// Three handshakes: a verifying one, one that reads the certificate whatever it is, and one
    /// that offers only TLS 1.0 and 1.1.
    static func inspect(host: String, port: Int, trustRootsPEM: String?, timeout: Duration) async throws -> TLSFacts {
        let roots: [NIOSSLCertificate]
        do { roots = try trustRootsPEM.map { try NIOSSLCertificate.fromPEMBytes(Array($0.utf8)) } ?? [] } catch {
            throw CheckError.kit("tls.trustRoots is not PEM certificates: \(error)")
        }
        var verificationError: (any Error)?
        do {
            _ = try await handshake(host: host, port: port, verify: true, roots: roots, timeout: timeout)
        } catch CheckError.kit(let message) {
            throw CheckError.kit(message)
        } catch {
            verificationError = error
        }
        let version: TLSVersion?, peer: NIOSSLCertificate?
        do {
            (version, peer) = try await handshake(host: host, port: port, verify: false, roots: [], timeout: timeout)
        } catch let error as CheckError {
            throw error
        } catch let error as NIOSSLError {
            throw CheckError.partner("\(host):\(port) does not complete a TLS handshake: \(error)")
        } catch {
            throw CheckError.transient("no TLS connection to \(host):\(port): \(error)")
        }
        guard let peer else { throw CheckError.partner("\(host):\(port) presented no certificate") }
        let certificate: Certificate
        do { certificate = try Certificate(derEncoded: try peer.toDERBytes()) } catch {
            throw CheckError.partner("\(host):\(port) presented a certificate that is not X.509 DER: \(error)")
        }
        let legacy = (try? await handshake(host: host, port: port, verify: false, roots: [], timeout: timeout, legacyOnly: true)) != nil
        let names = alternativeNames(of: certificate)
        return TLSFacts(
            host: host, port: port, negotiatedVersion: version.map(name) ?? "an unknown version",
            negotiatesCurrentVersion: version == .tlsv12 || version == .tlsv13, acceptsLegacyVersions: legacy,
            verificationProblem: verificationError.map { explain($0, certificate: certificate, names: names, host: host) },
            subject: certificate.subject.description, issuer: certificate.issuer.description, alternativeNames: names,
            notValidBefore: certificate.notValidBefore, notValidAfter: certificate.notValidAfter,
            signatureAlgorithm: certificate.signatureAlgorithm.description)
    }

    /// Why verification failed, in the curator's terms: the dates, the name, or the chain.
    private static func explain(_ error: any Error, certificate: Certificate, names: [String], host: String) -> String {
        let now = Date()
        if certificate.notValidAfter < now { return "the certificate expired on \(ISO8601DateFormatter().string(from: certificate.notValidAfter))" }
        if certificate.notValidBefore > now {
            return "the certificate is not valid before \(ISO8601DateFormatter().string(from: certificate.notValidBefore))"
        }
        if !names.contains(where: { matches($0, host: host) }) {
            return "the certificate names \(names.isEmpty ? certificate.subject.description : names.joined(separator: ", ")), not \(host)"
        }
        if certificate.subject == certificate.issuer {
            return "the certificate is self-signed and not among the trusted roots (a private CA goes in tls.trustRoots)"
        }
        return "the certificate does not chain to a trusted root (\(error))"
    }

    /// The DNS names and IP addresses the certificate is for.
    static func alternativeNames(of certificate: Certificate) -> [String] {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return names.compactMap { name in
            switch name {
            case .dnsName(let dns): return dns
            case .ipAddress(let octets):
                let bytes = Array(octets.bytes)
                return bytes.count == 4
                    ? bytes.map(String.init).joined(separator: ".") : bytes.map { String(format: "%02x", $0) }.joined(separator: ":")
            default: return nil
            }
        }
    }

    /// Whether a certificate name covers `host` (a `*.` wildcard covers one label).
    static func matches(_ name: String, host: String) -> Bool {
        let name = name.lowercased(), host = host.lowercased()
        if name == host { return true }
        guard name.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
        return host[dot...] == name.dropFirst()
    }

    private static func name(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: "TLS 1.0"
        case .tlsv11: "TLS 1.1"
        case .tlsv12: "TLS 1.2"
        case .tlsv13: "TLS 1.3"
        }
    }

    /// One handshake: the negotiated version and the peer's certificate. Verification failures,
    /// refusals and timeouts are thrown.
    private static func handshake(
        host: String, port: Int, verify: Bool, roots: [NIOSSLCertificate], timeout: Duration,
        legacyOnly: Bool = false
    ) async throws -> (TLSVersion?, NIOSSLCertificate?) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv1
        if legacyOnly { configuration.maximumTLSVersion = .tlsv11 }
        configuration.certificateVerification = verify ? .fullVerification : .none
        if !roots.isEmpty { configuration.additionalTrustRoots = [.certificates(roots)] }
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: configuration) } catch { throw CheckError.kit("the kit could not set up TLS: \(error)") }
        let isAddress = (try? SocketAddress(ipAddress: host, port: port)) != nil
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let done = loop.makePromise(of: HandshakeResult.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host))
                    try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(done: done))
                }
            }
        let channel = try await bootstrap.connect(host: host, port: port).get()
        let deadline = loop.scheduleTask(in: TimeAmount(timeout)) {
            done.fail(CheckError.transient("the TLS handshake with \(host):\(port) did not finish within \(timeout)"))
        }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        let result = try await done.futureResult.get()
        return (result.version, result.certificate)
    }

    struct HandshakeResult: @unchecked Sendable {
        let version: TLSVersion?
        let certificate: NIOSSLCertificate?
    }

    /// Completes `done` when the handshake completes (with what the TLS handler learned), fails,
    /// or the connection closes first.
    final class HandshakeWatcher: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = NIOAny
        let done: EventLoopPromise<HandshakeResult>

        init(done: EventLoopPromise<HandshakeResult>) { self.done = done }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .handshakeCompleted? = event as? TLSUserEvent,
                let tls = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
            {
                done.succeed(HandshakeResult(version: tls.tlsVersion, certificate: tls.peerCertificate))
            }
            context.fireUserInboundEventTriggered(event)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            done.fail(error)
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            done.fail(CheckError.partner("the partner closed the connection during the TLS handshake"))
            context.fireChannelInactive()
        }
    }
}

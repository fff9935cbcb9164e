import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaSigning

/// `prakerja sign`: prints a request's signature, and with `--headers` every header to send.
struct SignCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a request; print the signature on the first line (and the headers with --headers).",
        discussion: """
            The body is signed byte for byte as given: pass the exact bytes you send.

            Examples:
              prakerja sign --scheme prakerja --client-code LPKOPI01 \\
                --sign-key @sign.key --timestamp 1698289216 \\
                --path /api/v1/integration/payment/redeem-code/status \\
                --body '{"redeem_code":"GHOPNYXUVMT0","sequence":1}'
              prakerja sign --scheme snap-symmetric --client-secret @secret \\
                --access-token @token --path /v1.0/emoney/topup \\
                --body @topup.json --headers --partner-id P --external-id 1
              prakerja sign --scheme snap-asymmetric \\
                --client-id PRAKERJA-PROGRAM-01 --private-key key.pem
            """
    )

    @OptionGroup var request: RequestOptions

    @Option(help: "snap-asymmetric, snap-notification: the RSA private key PEM file.")
    var privateKey: String?

    @Option(help: "snap-symmetric --headers: X-PARTNER-ID.") var partnerId: String?
    @Option(help: "snap-symmetric --headers: X-EXTERNAL-ID.") var externalId: String?
    @Option(help: "snap-symmetric --headers: CHANNEL-ID.") var channelId: String?

    @Flag(help: "Also print every header to send, one 'Name: value' per line.")
    var headers = false

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let own: [(String, String?)] = [
            ("--private-key", privateKey), ("--partner-id", partnerId), ("--external-id", externalId), ("--channel-id", channelId),
        ]
        try request.check(verifying: false, otherGiven: Set(own.compactMap { $0.1 == nil ? nil : $0.0 }))
        let timestamp = try request.timestampOrNow()
        let signed: SignedHeaders
        do {
            signed = try sign(timestamp: timestamp, io: io)
        } catch let error as CommandFailure {
            throw error
        } catch let error as SignatureError {
            throw .usage(error.description)
        } catch {
            throw .usage(String(describing: error))
        }
        io.print(signed.signature)
        if headers {
            for field in signed.fields { io.print("\(field.name): \(field.value)") }
        }
        return ExitStatus.passed
    }

    private func sign(timestamp: String, io: CommandIO) throws -> SignedHeaders {
        let method = request.resolvedMethod
        switch request.scheme {
        case .prakerja:
            let signer = ProgramSignature(
                clientCode: request.clientCode!,
                signKey: try InputSource.secret(request.signKey!, option: "--sign-key", io: io))
            return signer.headers(timestamp: timestamp, method: method, path: request.path!, body: try request.bodyBytes(io: io))
        case .snapSymmetric:
            let signer = SNAPSymmetricSignature(
                clientSecret: try InputSource.secret(request.clientSecret!, option: "--client-secret", io: io))
            return try signer.headers(
                method: method, path: request.path!,
                accessToken: try InputSource.secret(request.accessToken!, option: "--access-token", io: io),
                body: try request.bodyBytes(io: io), timestamp: timestamp,
                partnerID: partnerId, externalID: externalId, channelID: channelId)
        case .snapAsymmetric:
            return try SNAPAsymmetricSignature.tokenHeaders(
                privateKey: try SNAPPrivateKey(contentsOf: privateKey!), clientID: request.clientID!, timestamp: timestamp)
        case .snapNotification:
            return try SNAPAsymmetricSignature.notificationHeaders(
                privateKey: try SNAPPrivateKey(contentsOf: privateKey!), method: method, path: request.path!,
                body: try request.bodyBytes(io: io), timestamp: timestamp)
        }
    }
}

import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaSigning

/// `prakerja verify`: checks a signature the way a verifier does; exit 0 valid, 1 invalid.
struct VerifyCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a request's signature: exit 0 and print 'valid', or exit 1 with the reason.",
        discussion: """
            The timestamp must be inside the window (--max-skew, default 300 s) around now,
            or around --at to check a recorded request.

            Examples:
              prakerja verify --scheme prakerja --client-code client_code \\
                --sign-key sign_key --timestamp 1698289216 --at 1698289216 \\
                --path /api/v1/integration/payment/redeem-code/status \\
                --body '{"redeem_code":"GHOPNYXUVMT0","sequence":1}' \\
                --signature 558778d032871ecbf257394c189f5b3bf0672178
              prakerja verify --scheme snap-asymmetric \\
                --client-id PRAKERJA-PROGRAM-01 --public-key public.pem \\
                --timestamp 2021-11-02T13:14:15+07:00 --signature BASE64
            """
    )

    @OptionGroup var request: RequestOptions

    @Option(help: "The signature to check, as received.")
    var signature: String?

    @Option(help: "snap-asymmetric, snap-notification: the RSA public key PEM file.")
    var publicKey: String?

    @Option(help: "Judge the timestamp window as of this time instead of now (the scheme's timestamp format).")
    var at: String?

    @Option(help: "Seconds the timestamp may be from now (or --at), either way.")
    var maxSkew: Int?

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let own: [(String, Any?)] = [("--signature", signature), ("--public-key", publicKey), ("--at", at), ("--max-skew", maxSkew)]
        try request.check(verifying: true, otherGiven: Set(own.compactMap { $0.1 == nil ? nil : $0.0 }))
        if let maxSkew, maxSkew < 0 { throw .usage("--max-skew must not be negative") }
        let now = try at.map { (text) throws(CommandFailure) in try request.parsedTimestamp(text, option: "--at").1 } ?? Date()
        _ = try request.parsedTimestamp(request.timestamp!)
        let policy = VerificationPolicy(
            window: TimestampWindow(toleranceSeconds: maxSkew ?? TimestampWindow.standard.toleranceSeconds),
            clock: .fixed(now))
        do {
            try verify(policy: policy, io: io)
        } catch let error as CommandFailure {
            throw error
        } catch let error as SignatureError {
            if error.code == .invalidKey { throw .usage(error.description) }
            throw .invalid("invalid: \(error)")
        } catch {
            throw .usage(String(describing: error))
        }
        io.print("valid")
        return ExitStatus.passed
    }

    private func verify(policy: VerificationPolicy, io: CommandIO) throws {
        let method = request.resolvedMethod
        switch request.scheme {
        case .prakerja:
            let key = try InputSource.secret(request.signKey!, option: "--sign-key", io: io)
            _ = try ProgramSignature.verify(
                clientCode: request.clientCode, timestamp: request.timestamp, signature: signature,
                method: method, path: request.path!, body: try request.bodyBytes(io: io),
                policy: policy, signKey: { _ in key })
        case .snapSymmetric:
            let secret = try InputSource.secret(request.clientSecret!, option: "--client-secret", io: io)
            _ = try SNAPSymmetricSignature.verify(
                partnerID: "cli", accessToken: try InputSource.secret(request.accessToken!, option: "--access-token", io: io),
                timestamp: request.timestamp, signature: signature, method: method, path: request.path!,
                body: try request.bodyBytes(io: io), policy: policy, clientSecret: { _ in secret })
        case .snapAsymmetric:
            let key = try SNAPPublicKey(contentsOf: publicKey!)
            _ = try SNAPAsymmetricSignature.verifyToken(
                clientID: request.clientID, timestamp: request.timestamp, signature: signature,
                policy: policy, publicKey: { _ in key })
        case .snapNotification:
            try SNAPAsymmetricSignature.verifyNotification(
                timestamp: request.timestamp, signature: signature, method: method, path: request.path!,
                body: try request.bodyBytes(io: io), policy: policy, publicKey: try SNAPPublicKey(contentsOf: publicKey!))
        }
    }
}

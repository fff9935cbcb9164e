import ArgumentParser
import Foundation
import PrakerjaSigning

/// The options `sign` and `verify` share: the scheme and what the signature covers.
struct RequestOptions: ParsableArguments {
    @Option(help: "The signature scheme.")
    var scheme: SignatureScheme

    @Option(help: "prakerja: the partner's client_code.")
    var clientCode: String?

    @Option(help: "prakerja: the partner's sign_key (a value, @file, or - for stdin).")
    var signKey: String?

    @Option(help: "snap-symmetric: the client secret (a value, @file, or -).")
    var clientSecret: String?

    @Option(help: "snap-symmetric: the B2B access token (a value, @file, or -).")
    var accessToken: String?

    @Option(name: .customLong("client-id"), help: "snap-asymmetric: the client ID sent as X-CLIENT-KEY.")
    var clientID: String?

    @Option(help: "The signed timestamp: Unix seconds for prakerja, ISO-8601 with offset for SNAP.")
    var timestamp: String?

    @Option(help: "The HTTP method (default POST).")
    var method: String?

    @Option(help: "The request path exactly as sent, e.g. /api/v1/integration/payment/redeem-code/status.")
    var path: String?

    @Option(help: "The body exactly as sent: the text itself, @file for a file's bytes, or - for stdin. '' for none.")
    var body: String?

    /// The options given on the command line, by their long names.
    var given: Set<String> {
        let pairs: [(String, Any?)] = [
            ("--client-code", clientCode), ("--sign-key", signKey), ("--client-secret", clientSecret),
            ("--access-token", accessToken), ("--client-id", clientID), ("--timestamp", timestamp),
            ("--method", method), ("--path", path), ("--body", body),
        ]
        return Set(pairs.compactMap { $0.1 == nil ? nil : $0.0 })
    }

    /// Refuses options the scheme does not use and reports the first missing one it needs.
    /// `otherGiven` names the command's own options that were given (`--private-key`, `--signature`...).
    func check(verifying: Bool, otherGiven: Set<String>) throws(CommandFailure) {
        let given = self.given.union(otherGiven)
        let allowed = scheme.allowed(verifying: verifying)
        if let stray = given.subtracting(allowed).sorted().first {
            throw .usage("\(stray) is not used by --scheme \(scheme.rawValue) (it uses \(allowed.sorted().joined(separator: ", ")))")
        }
        if let missing = scheme.required(verifying: verifying).first(where: { !given.contains($0) }) {
            throw .usage("--scheme \(scheme.rawValue) needs \(missing)")
        }
        let fromStandardInput = [("--sign-key", signKey), ("--client-secret", clientSecret), ("--access-token", accessToken), ("--body", body)]
            .filter { $0.1 == "-" }.map(\.0)
        if fromStandardInput.count > 1 {
            throw .usage("only one option can read standard input ('-'); \(fromStandardInput.joined(separator: " and ")) both ask for it")
        }
        if let path, !path.hasPrefix("/") { throw .usage("--path must start with '/', got \"\(path.prefix(40))\"") }
        if let method, method.isEmpty || !method.allSatisfy({ $0.isASCII && $0.isLetter }) {
            throw .usage("--method must be an HTTP method such as POST, got \"\(method.prefix(20))\"")
        }
    }

    var resolvedMethod: String { (method ?? "POST").uppercased() }

    /// The body's bytes, from the argument, a file or stdin.
    func bodyBytes(io: CommandIO) throws(CommandFailure) -> Data {
        try InputSource.bytes(body ?? "", option: "--body", io: io)
    }

    /// Validates a timestamp in the scheme's format and returns it with the time it denotes.
    func parsedTimestamp(_ text: String, option: String = "--timestamp") throws(CommandFailure) -> (String, Date) {
        do {
            let date = scheme == .prakerja ? try ProgramSignature.parseUnixTimestamp(text) : try SNAPTimestamp.parse(text)
            return (text, date)
        } catch {
            throw .usage("\(option) \"\(text.prefix(40))\" is not \(scheme.timestampExample)")
        }
    }

    /// The given timestamp, or now in the scheme's format.
    func timestampOrNow() throws(CommandFailure) -> String {
        if let timestamp { return try parsedTimestamp(timestamp).0 }
        let now = Date()
        return scheme == .prakerja ? String(Int64(now.timeIntervalSince1970)) : SNAPTimestamp.format(now)
    }
}

import ArgumentParser

/// The signature schemes the `sign` and `verify` commands speak.
enum SignatureScheme: String, CaseIterable, ExpressibleByArgument {
    /// The program's HMAC-SHA1 header scheme (LPs and DPs calling the integration API).
    case prakerja
    /// SNAP BI HMAC-SHA512 for transaction calls.
    case snapSymmetric = "snap-symmetric"
    /// SNAP BI SHA256withRSA for the B2B access token.
    case snapAsymmetric = "snap-asymmetric"
    /// SNAP BI SHA256withRSA over a notification request.
    case snapNotification = "snap-notification"

    /// The options this scheme needs (beyond `--scheme`), for signing or for verifying.
    func required(verifying: Bool) -> [String] {
        let key = verifying ? "--public-key" : "--private-key"
        let base: [String] =
            switch self {
            case .prakerja: ["--client-code", "--sign-key", "--path", "--body"]
            case .snapSymmetric: ["--client-secret", "--access-token", "--path", "--body"]
            case .snapAsymmetric: ["--client-id", key]
            case .snapNotification: [key, "--path", "--body"]
            }
        return verifying ? base + ["--timestamp", "--signature"] : base
    }

    /// Every option this scheme uses, for signing or for verifying.
    func allowed(verifying: Bool) -> Set<String> {
        var options = Set(required(verifying: verifying)).union(["--timestamp"])
        if self != .snapAsymmetric { options.insert("--method") }
        if verifying {
            options.formUnion(["--at", "--max-skew"])
        } else if self == .snapSymmetric {
            options.formUnion(["--partner-id", "--external-id", "--channel-id"])
        }
        return options
    }

    /// How the scheme writes its timestamp.
    var timestampExample: String { self == .prakerja ? "Unix seconds, like 1698289216" : "ISO-8601, like 2021-11-02T13:14:15+07:00" }
}

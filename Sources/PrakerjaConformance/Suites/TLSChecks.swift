import Foundation

/// The TLS group every role's suite has: what handshakes with the partner's https endpoint show,
/// as evidence, and judged. For an http base URL (a sandbox, a test network) each check is not
/// applicable.
enum TLSChecks {
    static func group(prefix: String) -> CheckGroup {
        func define(_ id: String, _ title: String, clause: String, severity: Severity = .required) -> CheckDefinition {
            CheckDefinition(
                id: "\(prefix).tls.\(id)", title: title, requirement: "Transport security: \(clause)", severity: severity,
                tags: ["tls", "security"])
        }
        return CheckGroup(
            id: "\(prefix).tls", title: "TLS",
            checks: [
                Check(define("version-current", "TLS 1.2 or newer is negotiated, and TLS 1.1 or older refused", clause: "TLS 1.2 or newer")) {
                    context in
                    guard let facts = try await facts(context) else { return notHTTPS(context) }
                    var findings: [Finding] = []
                    if !facts.negotiatesCurrentVersion {
                        findings.append(
                            Finding(
                                "an outdated TLS version is negotiated", location: "\(facts.host):\(facts.port)",
                                expected: "TLS 1.2 or 1.3", actual: facts.negotiatedVersion))
                    }
                    if facts.acceptsLegacyVersions {
                        findings.append(
                            Finding(
                                "a client offering only TLS 1.0 and 1.1 gets a session", location: "\(facts.host):\(facts.port)",
                                expected: "the handshake refused", actual: "a session"))
                    }
                    return judged(findings, facts, pass: "\(facts.negotiatedVersion); TLS 1.1 and older refused") {
                        "an outdated TLS version is accepted"
                    }
                },
                Check(
                    define(
                        "certificate-trusted", "The certificate chains to a trusted root and names the partner's host",
                        clause: "a certificate a client can verify")
                ) { context in
                    guard let facts = try await facts(context) else { return notHTTPS(context) }
                    let findings =
                        facts.verificationProblem.map {
                            [
                                Finding(
                                    "the certificate does not verify for \(facts.host)", location: "\(facts.host):\(facts.port)",
                                    expected: "a chain to a trusted root, naming \(facts.host)", actual: $0)
                            ]
                        } ?? []
                    return judged(findings, facts, pass: "the certificate verifies for \(facts.host)") { "the certificate does not verify" }
                },
                Check(
                    define(
                        "certificate-current", "The certificate is valid now and not about to expire",
                        clause: "a certificate within its validity period")
                ) { context in
                    guard let facts = try await facts(context) else { return notHTTPS(context) }
                    let now = Date(), warningDays = context.config.tls.expiryWarningDays
                    let daysLeft = Int(facts.notValidAfter.timeIntervalSince(now) / 86_400)
                    let dates = ISO8601DateFormatter()
                    if facts.notValidBefore > now || facts.notValidAfter < now {
                        return .fail(
                            "the certificate is not valid now",
                            findings: [
                                Finding(
                                    "the certificate is outside its validity period", location: "\(facts.host):\(facts.port)",
                                    expected: "valid at \(dates.string(from: now))",
                                    actual: "valid \(dates.string(from: facts.notValidBefore)) to \(dates.string(from: facts.notValidAfter))")
                            ] + evidence(facts))
                    }
                    if daysLeft < warningDays {
                        return .warn(
                            "the certificate expires in \(daysLeft) days",
                            findings: [
                                Finding(
                                    "the certificate expires soon", location: "\(facts.host):\(facts.port)",
                                    expected: "at least \(warningDays) days left (tls.expiryWarningDays)",
                                    actual: "expires \(dates.string(from: facts.notValidAfter))")
                            ] + evidence(facts))
                    }
                    return .pass("valid for \(daysLeft) more days", findings: evidence(facts))
                },
            ])
    }

    /// The partner's TLS facts, learned once per run (nil for an http base URL).
    static func facts(_ context: CheckContext) async throws -> TLSFacts? {
        guard let url = URLComponents(string: context.config.baseURL), url.scheme?.lowercased() == "https", let host = url.host else { return nil }
        let port = url.port ?? 443, roots = context.config.tls.trustRootsPEM, timeout = context.config.limits.requestTimeout
        let inspection = context.shared("tls.facts") {
            Task { try await TLSInspection.inspect(host: host, port: port, trustRootsPEM: roots, timeout: timeout) }
        }
        return try await inspection.value
    }

    private static func notHTTPS(_ context: CheckContext) -> CheckOutcome {
        .notApplicable("the base URL \(context.config.baseURL) is not https: TLS is checked on an https URL")
    }

    /// The facts as findings, so every verdict shows them.
    private static func evidence(_ facts: TLSFacts) -> [Finding] { facts.lines.map { Finding($0) } }

    private static func judged(_ findings: [Finding], _ facts: TLSFacts, pass: String, fail: () -> String) -> CheckOutcome {
        findings.isEmpty ? .pass(pass, findings: evidence(facts)) : .fail(fail(), findings: findings + evidence(facts))
    }
}

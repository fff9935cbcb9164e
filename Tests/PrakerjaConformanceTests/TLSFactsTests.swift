import Foundation
import NIOSSL
import PrakerjaConformance
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaTestSupport
import SwiftASN1
import Testing

/// The TLS checks against the reference job portal served over https with certificates made for
/// each case: each check passes against a sound endpoint and fails against the endpoint that
/// breaks its rule (the TLS analogue of a defect switch).
@Suite struct TLSFactsTests {
    /// The verdicts of `only` against the portal served with `tls`, the config trusting `trustRoots`.
    static func verdicts(
        _ tls: TLSConfiguration?, trustRoots: String?, only: [String] = ["job-portal.tls"]
    ) async throws
        -> (verdicts: [String: Verdict], run: RunResult)
    {
        let portal = ReferenceJobPortal(vacancyCount: 500)
        return try await HTTPServerRunner.withRunning(portal.router(), tls: tls) { url in
            var config = try PartnerConfig.load(Repository.root.appending(path: "Conformance/configs/reference-job-portal.yaml").path)
            config.baseURL = url
            config.tls.trustRootsPEM = trustRoots
            let run = try await ConformanceRun.run(config, selection: Selection(only: only))
            return (
                Dictionary(
                    uniqueKeysWithValues: run.checks.filter { $0.verdict != .skipped }.map {
                        ($0.check.id.replacingOccurrences(of: "job-portal.tls.", with: ""), $0.verdict)
                    }), run
            )
        }
    }

    static func messages(_ run: RunResult) -> String { run.checks.map { "\($0.check.id): \($0.message)" }.joined(separator: "; ") }

    @Test func aSoundEndpointPassesAndTheWholeSuiteRunsOverTLS() async throws {
        let pki = try DemoCertificateAuthority()
        let (verdicts, run) = try await Self.verdicts(
            try pki.server(), trustRoots: pki.pem,
            only: ["job-portal.tls", "job-portal.spec", "job-portal.search"])
        #expect(run.checks.allSatisfy { $0.verdict == .pass || $0.verdict == .skipped }, "\(Self.messages(run))")
        #expect(verdicts["version-current"] == .pass)
        #expect(verdicts["certificate-trusted"] == .pass)
        #expect(verdicts["certificate-current"] == .pass)
        let facts =
            run.checks.first { $0.check.id == "job-portal.tls.version-current" }?.evidence.findings.map(\.message).joined(separator: "\n") ?? ""
        #expect(facts.contains("negotiates TLS 1.3"), "\(facts)")
        #expect(facts.contains("TLS 1.1 or older: refused"), "\(facts)")
        #expect(facts.contains("127.0.0.1"), "\(facts)")
    }

    @Test func anHTTPEndpointHasNoTLSToJudge() async throws {
        let (verdicts, _) = try await Self.verdicts(nil, trustRoots: nil)
        #expect(Set(verdicts.values) == [.notApplicable])
    }

    @Test func aSelfSignedCertificateIsNotTrusted() async throws {
        let pki = try DemoCertificateAuthority()
        let (verdicts, run) = try await Self.verdicts(try pki.server(selfSigned: true), trustRoots: nil)
        #expect(verdicts == ["version-current": .pass, "certificate-trusted": .fail, "certificate-current": .pass], "\(Self.messages(run))")
        #expect(Self.messages(run).contains("does not verify"))
        #expect(run.checks.flatMap(\.evidence.findings).contains { ($0.actual ?? "").contains("self-signed") })
    }

    @Test func aCertificateForAnotherHostIsNotTrusted() async throws {
        let pki = try DemoCertificateAuthority()
        let (verdicts, run) = try await Self.verdicts(try pki.server(names: [.dnsName("partner.example")]), trustRoots: pki.pem)
        #expect(verdicts == ["version-current": .pass, "certificate-trusted": .fail, "certificate-current": .pass], "\(Self.messages(run))")
        #expect(run.checks.flatMap(\.evidence.findings).contains { ($0.actual ?? "").contains("names partner.example, not 127.0.0.1") })
    }

    @Test func anExpiredCertificateFailsAndOneAboutToExpireWarns() async throws {
        let pki = try DemoCertificateAuthority()
        let expired = try await Self.verdicts(try pki.server(days: -30 ... -1), trustRoots: pki.pem)
        #expect(
            expired.verdicts == ["version-current": .pass, "certificate-trusted": .fail, "certificate-current": .fail],
            "\(Self.messages(expired.run))")
        let expiring = try await Self.verdicts(try pki.server(days: -30...10), trustRoots: pki.pem)
        #expect(
            expiring.verdicts == ["version-current": .pass, "certificate-trusted": .pass, "certificate-current": .warn],
            "\(Self.messages(expiring.run))")
        #expect(expiring.run.exitCode == 0, "a warning does not fail the run")
    }

    @Test func anOutdatedTLSVersionFails() async throws {
        let pki = try DemoCertificateAuthority()
        let onlyOld = try await Self.verdicts(try pki.server(versions: (.tlsv1, .tlsv11)), trustRoots: pki.pem)
        #expect(onlyOld.verdicts["version-current"] == .fail, "\(Self.messages(onlyOld.run))")
        #expect(Self.messages(onlyOld.run).contains("outdated"))
        let alsoOld = try await Self.verdicts(try pki.server(versions: (.tlsv1, .tlsv13)), trustRoots: pki.pem)
        #expect(alsoOld.verdicts["version-current"] == .fail, "\(Self.messages(alsoOld.run))")
        #expect(alsoOld.run.checks.flatMap(\.evidence.findings).contains { $0.message.contains("offering only TLS 1.0 and 1.1 gets a session") })
    }
}

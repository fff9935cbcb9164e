import Foundation
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConformance

/// Partner configs are checked key by key with errors that name the key, secrets never come from
/// the file itself, and selections pick exactly what they say.
@Suite struct ConfigAndSelectionTests {
    static func load(_ yaml: String, environment: [String: String] = [:]) throws(ConfigError) -> PartnerConfig {
        let directory = FileManager.default.temporaryDirectory.appending(path: "config-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data("s3cret-from-file\n".utf8).write(to: directory.appending(path: "secret"))
        let file = directory.appending(path: "partner.yaml")
        try? Data(yaml.utf8).write(to: file)
        return try PartnerConfig.load(file.path, environment: environment)
    }

    static let valid = """
        name: Staging portal
        role: job-portal
        baseURL: https://staging.portal.example.id
        credentials: { clientCode: PRAKERJA, signKey: { env: PORTAL_SIGN_KEY } }
        limits: { concurrency: 2, requestsPerSecond: 5 }
        testWindow: '08:00-20:00'
        """

    /// The program's client code and sign key, for program credentials.
    static func program(_ credentials: PartnerCredentials) -> (code: String, key: String)? {
        if case .program(let code, let key) = credentials { (code, key) } else { nil }
    }

    static func programKey(_ credentials: PartnerCredentials) -> String? { program(credentials)?.key }

    /// A resumed run keeps its id but sends references of its own: the partner kept those its
    /// stopped attempt sent, and refuses them again for other transfers.
    @Test func aResumedRunSendsReferencesOfItsOwn() throws {
        let config = try PartnerConfig.load(Repository.root.appending(path: "Conformance/configs/reference-payment-partner.yaml").path)
        let first = try ConformanceRun.prepare(config)
        let resumed = try ConformanceRun.prepare(config, resuming: first.header)
        #expect(resumed.header.runID == first.header.runID)
        #expect(first.context.uniqueReference() != resumed.context.uniqueReference())
    }

    @Test func aValidConfigReadsItsSecretFromTheEnvironment() throws {
        let config = try Self.load(Self.valid, environment: ["PORTAL_SIGN_KEY": "from-env"])
        let (code, key) = try #require(Self.program(config.credentials))
        #expect(code == "PRAKERJA")
        #expect(key == "from-env")
        #expect(config.concurrency == 2)
        #expect(config.limits.requestsPerSecond == 5)
        #expect(config.replayWait == .seconds(65), "a replay memory shorter than a minute is what the default wait catches")
        #expect(config.testWindow?.description == "08:00-20:00")
        #expect(config.testWindow?.contains(Date(timeIntervalSince1970: 1_764_403_200)) == true)  // 2025-11-29 15:00 WIB
        #expect(config.testWindow?.contains(Date(timeIntervalSince1970: 1_764_363_600)) == false)  // 04:00 WIB
    }

    @Test(arguments: [
        ("role: bank", "/role: \"bank\" is not a role"),
        ("baseURL: ftp://x", "/baseURL: expected an http or https URL"),
        (
            "credentials: { clientCode: P, signKey: plain-secret }",
            "/credentials/signKey: write { env: NAME } or { file: PATH }: secrets are not kept in the config itself"
        ),
        ("credentials: { clientCode: P, signKey: { env: MISSING } }", "/credentials/signKey: the environment variable MISSING is not set"),
        ("limits: { concurrency: 0 }", "/limits/concurrency: must be between 1 and 64"),
        ("limits: { concurency: 2 }", "/limits/concurency: unknown key"),
        ("limits: { replayWaitSeconds: 0 }", "/limits/replayWaitSeconds: must be between 1 and 240"),
        (
            "limits: { replayWaitSeconds: 100, checkTimeoutSeconds: 120 }",
            "/limits/replayWaitSeconds: a check that waits 100 s needs a checkTimeoutSeconds of at least 130"
        ),
        ("testWindow: 'all day'", "/testWindow: expected HH:MM-HH:MM"),
        ("extra: 1", "/extra: unknown key"),
    ])
    func aBadConfigNamesTheKeyAndTheReason(_ change: (String, String)) throws {
        let key = String(change.0.split(separator: ":")[0])
        var lines = Self.valid.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(key + ":") }
        lines.append(change.0)
        do {
            _ = try Self.load(lines.joined(separator: "\n"), environment: ["PORTAL_SIGN_KEY": "k"])
            Issue.record("\(change.0) was accepted")
        } catch {
            #expect(error.description.contains(change.1), "\(error.description)")
            #expect(!error.description.contains("plain-secret"), "a secret written in the file is never echoed")
        }
    }

    @Test func aSecretFileIsReadRelativeToTheConfigWithoutItsTrailingNewline() throws {
        let config = try Self.load(Self.valid.replacingOccurrences(of: "{ env: PORTAL_SIGN_KEY }", with: "{ file: secret }"))
        let key = try #require(Self.programKey(config.credentials))
        #expect(key == "s3cret-from-file")
    }

    @Test func selectionsPickByIdPrefixTagAndSkip() {
        let check = CheckDefinition(id: "payment.security.bad-signature-refused", title: "", requirement: "", tags: ["security"])
        #expect(Selection(only: ["payment.security"]).exclusion(of: check) == nil)
        #expect(Selection(only: ["payment.sec"]).exclusion(of: check) != nil, "a prefix must end at a dot")
        #expect(Selection(tags: ["money"]).exclusion(of: check) != nil)
        #expect(Selection(tags: ["security"]).exclusion(of: check) == nil)
        #expect(Selection(only: ["payment"], skip: ["payment.security.bad-signature-refused"]).exclusion(of: check) == "skipped with --skip")
        #expect(Selection(rerun: ["payment.profile.no-fee"]).exclusion(of: check) != nil)
        #expect(Selection(only: ["payment.nonsense"]).unmatchedPatterns(in: [PaymentSuite.suite()]) == ["payment.nonsense"])
        // --quick leaves out what waits, and only that; every role has a slow replay check.
        let slow = CheckDefinition(id: "payment.security.external-id-remembered", title: "", requirement: "", tags: ["security", Selection.slowTag])
        #expect(Selection(quick: true).exclusion(of: slow) != nil)
        #expect(Selection(quick: true).exclusion(of: check) == nil)
        #expect(Selection().exclusion(of: slow) == nil)
        for role in PartnerRole.allCases {
            let checks = ConformanceRun.suites(for: role).flatMap(\.checks).map(\.definition)
            #expect(checks.contains { $0.tags.contains(Selection.slowTag) && $0.tags.contains("security") }, "\(role)")
        }
    }

    @Test func verdictsRollUpInTheFixedOrder() {
        #expect(Verdict.rollUp([.pass, .skipped, .warn]) == .warn)
        #expect(Verdict.rollUp([.pass, .error, .fail]) == .fail)
        #expect(Verdict.rollUp([.notApplicable, .skipped]) == .notApplicable)
        #expect(Verdict.rollUp([]) == .skipped)
    }
}
